using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The outcome of validating one bundle: what CI scripts and Pester assert on. <see cref="Passed"/>
/// is the gate's answer, <see cref="Failures"/> and <see cref="ToString"/> say why it failed.
/// </summary>
public sealed class SpsPluginValidationResult
{
    internal SpsPluginValidationResult(string path, SpsRelease release, IReadOnlyList<SpsPluginDiagnostic> findings, string targetReason = "the release asked for", bool strict = false)
    {
        Path = path;
        Release = release;
        TargetReason = targetReason;
        Strict = strict;
        Diagnostics = findings;
        Failures = findings.Where(f => Fails(f, strict)).ToArray();
    }

    /// <summary>True when <paramref name="finding"/> fails a result: an error, or a warning under strict mode (as -warnaserror).</summary>
    internal static bool Fails(SpsPluginDiagnostic finding, bool strict) =>
        finding.Severity == Severity.Error || (strict && finding.Severity == Severity.Warning);

    /// <summary>The folder or zip validated.</summary>
    public string Path { get; }

    /// <summary>The release it was checked against (the same as <see cref="Target"/>).</summary>
    public SpsRelease Release { get; }

    /// <summary>The release it was checked against.</summary>
    public SpsRelease Target => Release;

    /// <summary>Why that release: the one asked for, or the newest the plugin's own window admits.</summary>
    public string TargetReason { get; }

    /// <summary>True when warnings fail the result as errors do.</summary>
    public bool Strict { get; }

    /// <summary>The findings, errors first (the same list as <see cref="Findings"/>).</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Diagnostics { get; }

    /// <summary>The findings, errors first.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Findings => Diagnostics;

    /// <summary>The findings that make the result fail: errors, and warnings under <see cref="Strict"/>.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Failures { get; }

    /// <summary>The Python that ran the checks, as path and version (<c>/usr/bin/python3 (Python 3.11.2)</c>); null when they did not run.</summary>
    public string? Interpreter { get; internal set; }

    /// <summary>True when no finding is an error: SPS should accept and run the plugin.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>The gate's answer: no error, and under <see cref="Strict"/> no warning either.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>How many findings are errors.</summary>
    public int ErrorCount => Count(Severity.Error);

    /// <summary>How many findings are warnings.</summary>
    public int WarningCount => Count(Severity.Warning);

    /// <summary>How many findings are information.</summary>
    public int InformationCount => Count(Severity.Information);

    /// <summary>
    /// The path and the answer, with every failure on its own line when it failed, so that a test
    /// asserting on the result (<c>-Because $result</c>) or a log line says why.
    /// </summary>
    public override string ToString()
    {
        var head = $"{Path}: {(Passed ? "passed" : "failed")} against {Release.Name}" +
            $" ({ErrorCount} error(s), {WarningCount} warning(s){(Strict ? ", strict: warnings fail" : string.Empty)})";
        return Passed ? head : head + ":\n" + string.Join("\n", Failures.Select(f => "  " + f));
    }

    private int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);
}
