using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Manifest;

/// <summary>
/// Holds the MANIFEST reader to the real PyYAML: tests/fixtures/pyyaml/answers.json records what
/// <c>yaml.safe_load</c> said for synthetic texts and for every MANIFEST of the corpus
/// (tools/record-pyyaml-answers.py writes it).
/// </summary>
public sealed class PyYamlDifferentialTests
{
    // Valid YAML that SpsPlugin reports as unsupported instead of reading (never mis-reads).
    private static readonly HashSet<string> KnownUnsupported = new()
    {
        "outer:\n  inner: v\n",
        "list:\n- a\n- b\n",
        "list:\n  - a\n",
        "text: |\n  block\n",
        "text: >\n  folded\n",
        "anchor: &a v\nalias: *a\n",
        "tagged: !!str 1.5\n",
        "flow: {a: 1}\n",
        "yes: v\n",
        "1.5: v\n",
        "~: v\n",
        "name: [a, {b: c}]\n",
    };

    private static readonly JsonDocument Answers = JsonDocument.Parse(
        File.ReadAllText(TestPaths.Fixture("pyyaml", "answers.json")));

    public static IEnumerable<object[]> Cases() =>
        Enumerable.Range(0, Answers.RootElement.GetProperty("cases").GetArrayLength()).Select(i => new object[] { i });

    public static IEnumerable<object[]> CorpusFiles() =>
        Answers.RootElement.GetProperty("corpus").EnumerateArray().Select(c => new object[] { c.GetProperty("path").GetString()! });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadsSyntheticTextAsPyYamlDoes(int index)
    {
        var answer = Answers.RootElement.GetProperty("cases")[index];
        var input = answer.GetProperty("input").GetString()!;
        var manifest = SpsPluginManifest.Parse(input);
        if (KnownUnsupported.Contains(input))
        {
            Assert.Contains(manifest.Diagnostics, d => d.RuleId == "ManifestUnsupportedConstruct");
            return;
        }
        // Where PyYAML fails, reporting the construct as unsupported is as good as a syntax error;
        // where PyYAML reads the text, SpsPlugin must read it too.
        if (answer.GetProperty("ok").GetBoolean())
        {
            Assert.DoesNotContain(manifest.Diagnostics, d => d.RuleId == "ManifestUnsupportedConstruct");
        }
        AssertSameAsPyYaml(answer, manifest);
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusFiles))]
    public void ReadsEveryCorpusManifestAsPyYamlDoes(string relativePath)
    {
        var answer = Answers.RootElement.GetProperty("corpus").EnumerateArray().Single(c => c.GetProperty("path").GetString() == relativePath);
        var path = Path.Combine(TestPaths.Corpus, relativePath);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(answer.GetProperty("sha256").GetString(), Hex(SHA256.HashData(bytes)));
        var manifest = SpsPluginManifest.FromBytes(bytes, path, null);
        Assert.DoesNotContain(manifest.Diagnostics, d => d.RuleId == "ManifestUnsupportedConstruct");
        AssertSameAsPyYaml(answer, manifest);
        Assert.Equal(bytes, manifest.ToBytes());
    }

    private static void AssertSameAsPyYaml(JsonElement answer, SpsPluginManifest manifest)
    {
        if (!answer.GetProperty("ok").GetBoolean())
        {
            var error = Assert.Single(manifest.Diagnostics, d => d.Severity == Severity.Error);
            var lines = new[] { answer.GetProperty("line"), answer.GetProperty("contextLine") }
                .Where(l => l.ValueKind == JsonValueKind.Number).Select(l => l.GetInt32()).ToArray();
            if (lines.Length > 0)
            {
                Assert.Contains(error.Line ?? 0, lines);
            }
            return;
        }
        var kind = answer.GetProperty("kind").GetString();
        if (kind != "mapping")
        {
            var expected = kind == "NoneType" ? "ManifestEmpty" : "ManifestNotMapping";
            Assert.Equal(expected, Assert.Single(manifest.Diagnostics).RuleId);
            return;
        }
        // PyYAML keeps one value per key (the last); SpsPlugin reads the same and flags the duplicate.
        Assert.All(manifest.Diagnostics, d => Assert.Equal("ManifestDuplicateKey", d.RuleId));
        var expectedEntries = answer.GetProperty("entries").EnumerateArray().ToArray();
        var keys = manifest.Entries.Select(e => e.Key).Distinct().ToArray();
        Assert.Equal(expectedEntries.Select(e => e.GetProperty("key").GetProperty("str").GetString()), keys);
        foreach (var expected in expectedEntries)
        {
            var entry = manifest[expected.GetProperty("key").GetProperty("str").GetString()!]!;
            Assert.Equal(expected.GetProperty("value").GetProperty("type").GetString(), entry.PythonType);
            Assert.Equal(expected.GetProperty("value").GetProperty("str").GetString(), entry.PythonText);
        }
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2")));
}
