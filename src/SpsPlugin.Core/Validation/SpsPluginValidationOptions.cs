using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>How <see cref="SpsPluginValidator"/> checks a bundle.</summary>
public sealed class SpsPluginValidationOptions
{
    /// <summary>
    /// The SPS release to check against; null means the newest release the plugin's own window
    /// (api, scb_min_version, scb_max_version) admits, and an Information finding says which and why.
    /// </summary>
    public SpsRelease? TargetRelease { get; set; }

    /// <summary>Run the Python checks (syntax, Plugin class, hooks) in a Python interpreter when one is found.</summary>
    public bool UsePython { get; set; } = true;

    /// <summary>The interpreter to use; null to find one (see <see cref="PythonLocator"/>). One that does not run as Python 3 makes validation throw PythonNotFound, never fall back.</summary>
    public string? PythonPath { get; set; }

    /// <summary>Drop findings below this severity (Error is the highest).</summary>
    public Severity MinimumSeverity { get; set; } = Severity.Information;

    /// <summary>Warnings fail the result too, as -warnaserror does for compilers.</summary>
    public bool Strict { get; set; }

    /// <summary>Only these rule ids (wildcards); empty means all.</summary>
    public IReadOnlyList<string> IncludeRules { get; set; } = Array.Empty<string>();

    /// <summary>Never these rule ids (wildcards).</summary>
    public IReadOnlyList<string> ExcludeRules { get; set; } = Array.Empty<string>();

    /// <summary>How long one interpreter process of the Python checks may take (it checks a batch of bundles; a bundle it did not answer in time is checked again alone, with the same limit).</summary>
    public TimeSpan PythonTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// True when findings of <paramref name="severity"/> are kept. Under <see cref="Strict"/> warnings
    /// fail the result, so they are kept even when MinimumSeverity is Error: a failure is never hidden.
    /// </summary>
    internal bool Keeps(Severity severity) =>
        severity <= MinimumSeverity || (Strict && severity == Severity.Warning);
}
