using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The outcome of validating one bundle.</summary>
public sealed class SpsPluginValidationResult
{
    internal SpsPluginValidationResult(string path, SpsRelease release, IReadOnlyList<SpsPluginDiagnostic> diagnostics)
    {
        Path = path;
        Release = release;
        Diagnostics = diagnostics;
    }

    /// <summary>The folder or zip validated.</summary>
    public string Path { get; }

    /// <summary>The release it was checked against.</summary>
    public SpsRelease Release { get; }

    /// <summary>The findings, errors first.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Diagnostics { get; }

    /// <summary>The Python that ran the checks, as path and version (<c>/usr/bin/python3 (Python 3.11.2)</c>); null when they did not run.</summary>
    public string? Interpreter { get; internal set; }

    /// <summary>True when no finding is an error: SPS should accept and run the plugin.</summary>
    public bool IsValid => Diagnostics.All(d => d.Severity != Severity.Error);
}
