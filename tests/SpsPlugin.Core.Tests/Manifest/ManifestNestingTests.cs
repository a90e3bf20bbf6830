using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Manifest;

/// <summary>
/// Nested MANIFEST values: the reader reads as deep as PyYAML's <c>safe_load</c> does and refuses
/// what PyYAML gives up on with RecursionError (tests/fixtures/pyyaml/answers.json, "depths", recorded
/// by tools/record-pyyaml-answers.py). The reader nests without recursion, so a case far beyond the
/// bound is refused at once; were it to recurse again, these cases would overflow the stack and
/// abort the test run rather than pass.
/// </summary>
public sealed class ManifestNestingTests
{
    private static readonly JsonElement[] Depths = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("pyyaml", "answers.json")))
        .RootElement.GetProperty("depths").EnumerateArray().ToArray();

    public static IEnumerable<object[]> DepthCases() => Enumerable.Range(0, Depths.Length).Select(i => new object[] { i });

    [Fact]
    public void TheBoundIsWherePyYamlStopsForATopLevelCall()
    {
        Assert.Equal(ManifestYamlReader.MaxNodeDepth, LargestLoading("sequence"));
        // A scalar item is a node one level deeper than its sequence.
        Assert.Equal(ManifestYamlReader.MaxNodeDepth, LargestLoading("sequence around a scalar") + 1);
    }

    [Theory]
    [MemberData(nameof(DepthCases))]
    public void ReadsNestingAsDeepAsPyYamlAndRefusesDeeper(int index)
    {
        var answer = Depths[index];
        var open = answer.GetProperty("open").GetString()!;
        var repeat = answer.GetProperty("repeat").GetInt32();
        var text = "x: " + Repeat(open, repeat) + answer.GetProperty("inner").GetString() + Repeat(answer.GetProperty("close").GetString()!, repeat) + "\n";
        var pyYamlReadsIt = answer.GetProperty("ok").GetBoolean();

        var clock = Stopwatch.StartNew();
        var manifest = SpsPluginManifest.Parse(text);
        clock.Stop();

        Assert.True(clock.Elapsed.TotalSeconds < 5, $"reading took {clock.Elapsed}");
        if (open != "[")
        {
            // Flow mappings are not read at any depth: refused as unsupported, or as too deep first.
            var refusal = Assert.Single(manifest.Diagnostics);
            Assert.Contains(refusal.RuleId, pyYamlReadsIt ? new[] { "ManifestUnsupportedConstruct" } : new[] { "ManifestUnsupportedConstruct", "ManifestTooDeep" });
            return;
        }
        if (pyYamlReadsIt)
        {
            Assert.Empty(manifest.Diagnostics);
            var value = manifest.GetValue("x")!;
            Assert.Equal(PyYamlType.Sequence, value.Type);
            Assert.Equal(answer.GetProperty("str").GetString(), value.PythonText);
            return;
        }
        var error = Assert.Single(manifest.Diagnostics);
        Assert.Equal("ManifestTooDeep", error.RuleId);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal(1, error.Line);
        Assert.Equal(4 + ManifestYamlReader.MaxNodeDepth, error.Column);
        Assert.Contains("RecursionError", error.Message);
        Assert.False(manifest.IsReadable);
    }

    [Fact]
    public void ADeepValueOnAContinuationLineNamesThatLine()
    {
        var manifest = SpsPluginManifest.Parse("name: a\nx:\n  " + Repeat("[", 100_000) + Repeat("]", 100_000) + "\n");
        var error = Assert.Single(manifest.Diagnostics);
        Assert.Equal(("ManifestTooDeep", 3), (error.RuleId, error.Line));
    }

    [Fact]
    public void SiblingsDoNotAddToTheDepth()
    {
        var wide = "x: [" + string.Join(", ", Enumerable.Repeat(Repeat("[", ManifestYamlReader.MaxNodeDepth - 1) + Repeat("]", ManifestYamlReader.MaxNodeDepth - 1), 50)) + "]\n";
        Assert.Empty(SpsPluginManifest.Parse(wide).Diagnostics);
    }

    [Fact]
    public void AZipWithADeepManifestIsInvalidNotACrash()
    {
        using var temp = new TempFolder();
        var path = new Validation.PluginBuilder()
            .Manifest(m => m + "extra: " + Repeat("[", 100_000) + Repeat("]", 100_000) + "\n")
            .WriteZip(temp);
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ManifestTooDeep" && d.Entry == "MANIFEST" && d.Line == 9);
    }

    private static int LargestLoading(string shape) =>
        Depths.First(d => d.GetProperty("shape").GetString() == shape).GetProperty("largestLoading").GetInt32();

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
