using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>Every real MANIFEST passes the manifest rules; the known-bad history files fail with the right ids.</summary>
public sealed class CorpusValidationTests
{
    private static readonly string[] KnownBad = { "MANIFEST@d6d4b02", "MANIFEST@8d1d182" };

    public static System.Collections.Generic.IEnumerable<object[]> Manifests() =>
        TestPaths.CorpusExists
            ? Directory.EnumerateFiles(TestPaths.Corpus, "MANIFEST*", SearchOption.AllDirectories)
                .Where(f => !KnownBad.Contains(Path.GetFileName(f)))
                .Select(f => new object[] { Path.GetRelativePath(TestPaths.Corpus, f) })
            : new[] { new object[] { "(no corpus)" } };

    [CorpusTheory]
    [MemberData(nameof(Manifests))]
    public void RealManifestsPassTheManifestRules(string relativePath)
    {
        using var temp = new TempFolder();
        foreach (var strict in new[] { false, true })
        {
            var result = Validate(temp, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relativePath)), strict);
            Assert.True(result.Diagnostics.All(d => d.Severity != Severity.Error), string.Join("\n", result.Diagnostics));
        }
    }

    [CorpusTheory]
    [InlineData("safeguard-sessions-plugin-safeguard/history/MANIFEST@d6d4b02", false, "ManifestSyntaxError", 7)]
    [InlineData("safeguard-sessions-plugin-safeguard/history/MANIFEST@8d1d182", true, "ManifestRequiredKey", null)]
    public void KnownBadHistoryManifestsFailWithTheRightIds(string relativePath, bool strict, string ruleId, int? line)
    {
        using var temp = new TempFolder();
        var result = Validate(temp, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relativePath)), strict);
        var finding = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(ruleId, finding.RuleId);
        if (line != null)
        {
            Assert.True(finding.Line == line || finding.Line == line - 1, $"line {finding.Line}");
        }
    }

    [CorpusTheory]
    [InlineData("safeguard-sessions-plugin-safeguard/history/MANIFEST@8d1d182")]
    public void TheLegacyManifestPassesAsAZipWithAWarning(string relativePath)
    {
        using var temp = new TempFolder();
        var result = Validate(temp, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relativePath)), strict: false);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ManifestLegacyPython2");
    }

    // The corpus has MANIFEST files only: each goes into the good plugin in place of its MANIFEST,
    // checked by the manifest rules (a source folder is checked strictly, a zip compatibly).
    private static SpsPluginValidationResult Validate(TempFolder temp, byte[] manifest, bool strict)
    {
        var builder = new PluginBuilder().Set("MANIFEST", manifest);
        var path = strict ? builder.WriteFolder(temp) : builder.WriteZip(temp);
        return SpsPluginValidator.Validate(path, new SpsPluginValidationOptions
        {
            UsePython = false,
            IncludeRules = new[] { "Manifest*" },
            ExcludeRules = new[] { "ManifestEntryPointFile" },
        });
    }
}
