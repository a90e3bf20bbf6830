using System;
using System.Collections;
using System.Collections.Generic;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The settings Test-SpsPluginBundle takes with -Settings, as PSScriptAnalyzer takes its own: a table
/// (from a .psd1 file, which the cmdlet reads, or given directly) with any of the keys
/// TargetSpsVersion, Severity, IncludeRule, ExcludeRule, PythonPath and Strict. A key left out is null here;
/// parameters given on the command line win over these.
/// </summary>
public sealed class SpsPluginValidationSettings
{
    /// <summary>The keys a settings table takes.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[] { "TargetSpsVersion", "Severity", "IncludeRule", "ExcludeRule", "PythonPath", "Strict" };

    private static readonly string[] Severities = Enum.GetNames(typeof(Severity));

    /// <summary>The SPS release to check against, as written (6.0, 7.4).</summary>
    public string? TargetSpsVersion { get; private set; }

    /// <summary>The lowest severity to report.</summary>
    public Severity? Severity { get; private set; }

    /// <summary>Only these rules (ids, wildcards).</summary>
    public IReadOnlyList<string>? IncludeRule { get; private set; }

    /// <summary>Not these rules (ids, wildcards).</summary>
    public IReadOnlyList<string>? ExcludeRule { get; private set; }

    /// <summary>The Python 3 interpreter for the Python checks.</summary>
    public string? PythonPath { get; private set; }

    /// <summary>Warnings fail the result ($true or $false).</summary>
    public bool? Strict { get; private set; }

    /// <summary>Reads the settings from a table of plain values (strings, numbers, lists).</summary>
    /// <param name="table">The settings.</param>
    /// <param name="file">The .psd1 file they come from, named in failures; null for a table given directly.</param>
    /// <exception cref="SpsPluginException">SettingsInvalid: an unknown key, or a value of the wrong kind, named with its value.</exception>
    public static SpsPluginValidationSettings Read(IDictionary table, string? file)
    {
        var values = new DataFileTable(table, Keys, SpsPluginErrorId.SettingsInvalid, file == null ? "The -Settings table" : $"The settings file '{file}'", file);
        var severity = values.Choice("Severity", Severities);
        return new SpsPluginValidationSettings
        {
            TargetSpsVersion = values.Text("TargetSpsVersion"),
            Severity = severity == null ? null : (Severity)Enum.Parse(typeof(Severity), severity),
            IncludeRule = values.Texts("IncludeRule"),
            ExcludeRule = values.Texts("ExcludeRule"),
            PythonPath = values.Text("PythonPath"),
            Strict = values.Flag("Strict"),
        };
    }
}
