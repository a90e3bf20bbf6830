using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>The report formats of <c>Test-SpsPluginBundle -OutputFormat</c>.</summary>
public enum SpsPluginReportFormat
{
    /// <summary>JUnit XML: one test case per bundle, its failing findings inside.</summary>
    Junit,

    /// <summary>SARIF 2.1.0 JSON, for code scanning: file and line of each finding, rules with their fix.</summary>
    Sarif,

    /// <summary>GitHub Actions workflow commands (::error file=…::message).</summary>
    GitHub,
}

/// <summary>Writes validation results as JUnit XML, SARIF 2.1.0 or GitHub workflow commands.</summary>
public static class SpsPluginReports
{
    /// <summary>The report text for <paramref name="results"/>, one validation run written in any format.</summary>
    /// <param name="results">The validated bundles, each once, in the order to report them.</param>
    /// <param name="format">The format.</param>
    /// <param name="options">The rules that were run, the source root paths are relative to, and whether information findings become GitHub notices.</param>
    public static string Write(IReadOnlyList<SpsPluginValidationResult> results, SpsPluginReportFormat format, SpsPluginReportOptions options) =>
        format switch
        {
            SpsPluginReportFormat.Junit => JunitReport.Write(results, options),
            SpsPluginReportFormat.Sarif => SarifReport.Write(results, options),
            _ => GitHubReport.Write(results, options),
        };
}
