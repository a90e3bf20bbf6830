using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>Results and report texts for the report tests: hand-made results, or real ones from the validator.</summary>
internal static class ReportFixtures
{
    public static readonly SpsPluginRule Rule = new("ManifestName", "Manifest", Severity.Error, "Title \"quoted\"", "Line one\nline two", "fix \\ it");

    public static readonly SpsPluginRule OtherRule = new("StructureSize", "Structure", Severity.Warning, "t", "d", "f");

    // The one place a test makes a result, so the result's constructor can change in one line.
    public static SpsPluginValidationResult Result(string path, params SpsPluginDiagnostic[] findings) =>
        new(path, SpsRelease.Newest, findings);

    public static string Write(SpsPluginReportFormat format, string sourceRoot, params SpsPluginValidationResult[] results) =>
        Write(format, new SpsPluginReportOptions { Rules = new[] { Rule, OtherRule }, SourceRoot = sourceRoot }, results);

    public static string Write(SpsPluginReportFormat format, SpsPluginReportOptions options, params SpsPluginValidationResult[] results) =>
        SpsPluginReports.Write(results, format, options);

    /// <summary>The validator's results for <paramref name="paths"/>, without Python (what CI without Python sees).</summary>
    public static IReadOnlyList<SpsPluginValidationResult> Validate(params string[] paths) =>
        SpsPluginValidator.ValidateMany(paths, new SpsPluginValidationOptions { UsePython = false }).ToArray();

    /// <summary>A good plugin folder and a path beside it that does not exist, in <paramref name="temp"/>.</summary>
    public static (string Ok, string Nope) OkAndNope(TempFolder temp)
    {
        var ok = new PluginBuilder().WriteFolder(temp);
        return (ok, Path.Combine(temp.Path, "nope"));
    }
}
