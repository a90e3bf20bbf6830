using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// What a report makes of a finding, the same in every format: whether it fails its bundle, whether it
/// is an infrastructure problem (the checks could not run, so nothing is known about the plugin) rather
/// than a fault of the plugin, and the level a finding is shown at.
/// </summary>
internal static class ReportVerdict
{
    // The one finding for "the Python checks did not run" (the common brief keeps this id for it).
    private const string ChecksDidNotRun = "PythonUnavailable";

    /// <summary>True when <paramref name="finding"/> makes <paramref name="result"/> fail.</summary>
    public static bool Fails(SpsPluginValidationResult result, SpsPluginDiagnostic finding) => SpsPluginValidationResult.Fails(finding, result.Strict);

    /// <summary>True for a finding that says the checks could not run (JUnit &lt;error&gt;, not &lt;failure&gt;).</summary>
    public static bool IsInfrastructure(SpsPluginDiagnostic finding) => finding.RuleId == ChecksDidNotRun;

    /// <summary>The findings that fail <paramref name="result"/>, faults of the plugin first.</summary>
    public static IReadOnlyList<SpsPluginDiagnostic> Failures(SpsPluginValidationResult result) =>
        result.Failures.OrderBy(IsInfrastructure).ToArray();

    /// <summary>
    /// error, warning or note: a finding that fails its bundle is an error whatever its severity (a
    /// warning under Strict is shown as the error it is), others by severity.
    /// </summary>
    public static string Level(SpsPluginValidationResult result, SpsPluginDiagnostic finding) =>
        Fails(result, finding) || finding.Severity == Severity.Error ? "error"
            : finding.Severity == Severity.Warning ? "warning"
            : "note";
}
