using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The outcome of testing one policy configuration (Test-SpsPluginConfig -Detailed): the file it is
/// about, the answer and the findings, shaped like <see cref="SpsPluginValidationResult"/> so a
/// script reads a folder of policies the way it reads a folder of bundles.
/// </summary>
public sealed class SpsPluginConfigTestResult
{
    private SpsPluginConfigTestResult(string? path, string? entry, string? referencePath, IReadOnlyList<SpsPluginDiagnostic> findings)
    {
        Path = path;
        Entry = entry;
        ReferencePath = referencePath;
        Findings = findings.OrderBy(f => f.Severity).ToArray();
        Failures = Findings.Where(f => f.Severity == Severity.Error).ToArray();
    }

    /// <summary>Tests <paramref name="config"/> with <see cref="SpsPluginConfigRules.Check"/>, against <paramref name="reference"/> when given.</summary>
    public static SpsPluginConfigTestResult Test(SpsPluginConfig config, SpsPluginConfig? reference = null) =>
        new(config.Path, config.Entry, reference?.Path, SpsPluginConfigRules.Check(config, reference));

    /// <summary>
    /// The result for a file that could not be read as a configuration at all (binary, not UTF-8, too
    /// large): failed, with the failure as its finding, so a per-file report lists it with the rest.
    /// </summary>
    public static SpsPluginConfigTestResult ForFailure(SpsPluginException failure, string path, string? referencePath = null)
    {
        var findings = failure.Diagnostics.Count > 0 ? failure.Diagnostics
            : new[] { new SpsPluginDiagnostic(failure.ErrorId.Id, Severity.Error, failure.Message, failure.Path ?? path, suggestedFix: failure.ErrorId.RecommendedAction) };
        return new SpsPluginConfigTestResult(path, null, referencePath, findings);
    }

    /// <summary>The file, plugin folder or zip tested; null for a configuration built from text.</summary>
    public string? Path { get; }

    /// <summary>The entry inside a plugin folder or zip (<c>default.cfg</c>); null for a plain file.</summary>
    public string? Entry { get; }

    /// <summary>The plugin's default.cfg it was checked against (-Reference); null when none.</summary>
    public string? ReferencePath { get; }

    /// <summary>The findings, errors first.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Findings { get; }

    /// <summary>The findings that fail the file: its errors.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Failures { get; }

    /// <summary>The answer Test-SpsPluginConfig gives without -Detailed: no error.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>How many findings are errors.</summary>
    public int ErrorCount => Count(Severity.Error);

    /// <summary>How many findings are warnings.</summary>
    public int WarningCount => Count(Severity.Warning);

    /// <summary>How many findings are information.</summary>
    public int InformationCount => Count(Severity.Information);

    /// <summary>The file and the answer, with every failure on its own line when it failed (for -Because and logs).</summary>
    public override string ToString()
    {
        var where = Path == null ? "<text>" : Entry == null ? Path : Path + "!" + Entry;
        var head = $"{where}: {(Passed ? "passed" : "failed")} ({ErrorCount} error(s), {WarningCount} warning(s))";
        return Passed ? head : head + ":\n" + string.Join("\n", Failures.Select(f => "  " + f));
    }

    private int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}
