using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Manifest;

/// <summary>
/// Holds the MANIFEST reader and the Manifest rules to what PyYAML and the SDK's Manifest class decide
/// for thousands of generated manifests: tests/fixtures/sdk-manifest/answers.json, written by
/// tools/record-sdk-manifest-answers.py with the real yaml, re and semantic_version modules. A zip is
/// checked in the SDK's compatible mode (the appliance), a folder in its strict mode (pluginv).
/// </summary>
public sealed class SdkManifestDifferentialTests : IDisposable
{
    /// <summary>
    /// Manifests the SDK accepts that the validator refuses on purpose; README.md's "Documented
    /// refusals" gives the same list with the reasons. Each is recognised by the rule that refuses it.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> DocumentedRefusals = new Dictionary<string, string>
    {
        ["ManifestDuplicateKey"] = "a key written twice: PyYAML silently keeps the last value, which hides the first",
    };

    private static readonly JsonElement Answers = JsonDocument.Parse(
        File.ReadAllText(TestPaths.Fixture("sdk-manifest", "answers.json"))).RootElement;

    // The rules that model the SDK's Manifest class and PyYAML's safe_load; the others (the
    // entry_point file, unknown keys, retyped values) check what the SDK does not.
    private static readonly SpsPluginValidationOptions Options = new()
    {
        UsePython = false,
        IncludeRules = new[] { "Manifest*" },
        ExcludeRules = new[] { "ManifestEntryPointFile" },
    };

    private static readonly Dictionary<string, string> RuleForSdkError = new()
    {
        ["RequiredFieldDoesNotExistError"] = "ManifestRequiredKey",
        ["RequiredFieldIsEmptyError"] = "ManifestEmptyValue",
        ["PluginTypeError"] = "ManifestType",
        ["NameFormatError"] = "ManifestName",
        ["EntryPointFormatError"] = "ManifestEntryPoint",
        ["VersionFormatError"] = "ManifestVersion",
        ["ApiVersionError"] = "ManifestApi",
        ["EmailAddressFormatError"] = "ManifestAuthorEmail",
    };

    private static readonly Dictionary<string, string> RuleForTypeErrorField = new()
    {
        ["name"] = "ManifestName",
        ["entry_point"] = "ManifestEntryPoint",
        ["author_email"] = "ManifestAuthorEmail",
    };

    // What the reader reports for a MANIFEST that safe_load cannot load.
    private static readonly string[] ReaderFailures = { "ManifestSyntaxError", "ManifestUnsupportedConstruct", "ManifestTooDeep", "ManifestEncoding" };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheFixtureHoldsThousandsOfCasesWithEveryVerdict()
    {
        var cases = Answers.GetProperty("cases").EnumerateArray().ToArray();
        Assert.True(cases.Length >= 2000, $"{cases.Length} cases");
        var verdicts = cases.Where(c => c.TryGetProperty("compatible", out _)).Select(c => c.GetProperty("compatible").GetString()!.Split(':')[0]).ToHashSet();
        Assert.Superset(RuleForSdkError.Keys.Append("ok").Append("TypeError").ToHashSet(), verdicts);
        Assert.Contains(cases, c => !c.GetProperty("yaml").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void TheReadmeListsEveryDocumentedRefusal()
    {
        Assert.All(DocumentedRefusals.Keys, rule => Assert.Contains($"`{rule}`", TestPaths.ReadmeDocumentedRefusals));
    }

    [Fact]
    public void ReadsEveryGeneratedManifestAsPyYamlDoes()
    {
        var mismatches = new List<string>();
        foreach (var answer in Answers.GetProperty("cases").EnumerateArray())
        {
            var input = answer.GetProperty("input").GetString()!;
            var yaml = answer.GetProperty("yaml");
            var manifest = SpsPluginManifest.Parse(input);
            var errors = manifest.Diagnostics.Where(d => d.Severity == Severity.Error && !DocumentedRefusals.ContainsKey(d.RuleId)).ToArray();
            if (!yaml.GetProperty("ok").GetBoolean())
            {
                if (!errors.Any(e => ReaderFailures.Contains(e.RuleId)))
                {
                    mismatches.Add($"PyYAML raises {yaml.GetProperty("error").GetString()}, SpsPlugin reads it: {Show(input)}");
                }
                continue;
            }
            if (yaml.GetProperty("kind").GetString() != "mapping")
            {
                continue;
            }
            if (errors.Length > 0)
            {
                mismatches.Add($"PyYAML reads it, SpsPlugin says {errors[0].RuleId} ({errors[0].Message}): {Show(input)}");
                continue;
            }
            foreach (var expected in yaml.GetProperty("entries").EnumerateArray())
            {
                var entry = manifest[expected.GetProperty("key").GetString()!];
                var text = ExpectedText(expected);
                if (entry == null || entry.PythonType != expected.GetProperty("type").GetString() || entry.PythonText != text)
                {
                    mismatches.Add($"{expected.GetProperty("key")}: PyYAML {expected.GetProperty("type")} {Show(text)}, SpsPlugin {entry?.PythonType} {Show(entry?.PythonText ?? "(none)")}: {Show(input)}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Theory]
    [InlineData("compatible")]
    [InlineData("strict")]
    public void RefusesWhatTheSdkRefusesAndNothingElse(string mode)
    {
        var mismatches = new List<string>();
        var folder = _temp.Combine("plugin");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "main.py"), "#!/usr/bin/env pluginwrapper3\n");
        foreach (var answer in Answers.GetProperty("cases").EnumerateArray())
        {
            var input = answer.GetProperty("input").GetString()!;
            var verdict = answer.TryGetProperty(mode, out var recorded) ? recorded.GetString()! : "yaml:" + answer.GetProperty("yaml").GetProperty("error").GetString();
            var findings = SpsPluginValidator.Validate(Bundle(folder, input, mode), Options).Diagnostics
                .Where(d => d.Severity == Severity.Error).ToArray();
            if (findings.Any(d => DocumentedRefusals.ContainsKey(d.RuleId)))
            {
                // Refused on purpose: the SDK's own verdict, refusal or not, changes nothing.
                continue;
            }
            if (verdict == "ok")
            {
                if (findings.Length > 0)
                {
                    mismatches.Add($"the SDK accepts it, SpsPlugin says {findings[0].RuleId} ({findings[0].Message}): {Show(input)}");
                }
                continue;
            }
            var expected = ExpectedRules(verdict);
            if (!findings.Any(d => expected.Contains(d.RuleId)))
            {
                mismatches.Add($"the SDK says {verdict}, SpsPlugin expected {string.Join("/", expected)} but says [{string.Join(", ", findings.Select(d => d.RuleId))}]: {Show(input)}");
            }
        }
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Fact]
    public void ChecksTheApiAgainstEverySdkAsCheckApiVersionDoes()
    {
        var sdkVersions = Answers.GetProperty("sdkVersions").EnumerateArray().Select(v => Version.Parse(v.GetString()!)).ToArray();
        Assert.Equal(SpsRelease.All.Select(r => r.SdkVersion).Distinct().OrderBy(v => v), sdkVersions);
        var mismatches = new List<string>();
        var checkedCases = 0;
        foreach (var answer in Answers.GetProperty("cases").EnumerateArray().Where(a => a.TryGetProperty("api", out _)))
        {
            var manifest = SpsPluginManifest.Parse(answer.GetProperty("input").GetString()!);
            var api = manifest["api"]?.PythonText;
            if (api == null)
            {
                mismatches.Add($"SpsPlugin reads no api from {Show(answer.GetProperty("input").GetString()!)}");
                continue;
            }
            var version = ManifestApiVersion.Parse(api, out var problem);
            if (version == null)
            {
                mismatches.Add($"semantic_version reads api {Show(api)}, SpsPlugin says: {problem}");
                continue;
            }
            var letters = answer.GetProperty("api").GetString()!;
            for (var i = 0; i < sdkVersions.Length; i++)
            {
                if ((letters[i] == 'o') != version.IsAcceptedBy(sdkVersions[i]))
                {
                    mismatches.Add($"api {Show(api)} with SDK {sdkVersions[i]}: check_api_version says {letters[i]}");
                }
            }
            checkedCases++;
        }
        Assert.True(checkedCases > 500, $"{checkedCases} cases");
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Theory]
    [InlineData("8.0", "'1.8'", null)]
    [InlineData("8.0", "'1.8.9-rc.1+b'", null)]
    [InlineData("8.0", "'1.9'", "ReleaseApi")]
    [InlineData("8.0", "'1'", "ReleaseApi")]
    [InlineData("8.0", "123456789012345678901234567890", "ReleaseApi")]
    [InlineData("8.0", "'1.123456789012345678901234567890'", "ReleaseApi")]
    [InlineData("6.10", "'1.7'", null)]
    [InlineData("6.10", "'1.8'", "ReleaseApi")]
    public void TheReleaseApiRuleReadsApiAsSemanticVersionDoes(string release, string api, string? expected)
    {
        var folder = _temp.Combine("release-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "MANIFEST"), $"name: my_plugin\napi: {api}\nversion: '1.0'\ndescription: d\nentry_point: main.py\ntype: aa\n");
        File.WriteAllText(Path.Combine(folder, "main.py"), "#!/usr/bin/env pluginwrapper3\n");
        var result = SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions
        {
            UsePython = false,
            TargetRelease = SpsRelease.Find(release),
            IncludeRules = new[] { "ReleaseApi", "ManifestApi" },
        });
        Assert.Equal(expected == null ? Array.Empty<string>() : new[] { expected }, result.Diagnostics.Select(d => d.RuleId));
    }

    private static string[] ExpectedRules(string verdict)
    {
        if (verdict.StartsWith("yaml:", StringComparison.Ordinal))
        {
            return ReaderFailures;
        }
        var parts = verdict.Split(':');
        return new[] { parts[0] == "TypeError" ? RuleForTypeErrorField[parts[1]] : RuleForSdkError[parts[0]] };
    }

    // A zip for the SDK's compatible mode, the folder (MANIFEST rewritten) for its strict mode.
    private string Bundle(string folder, string manifest, string mode)
    {
        var bytes = Encoding.UTF8.GetBytes(manifest);
        if (mode == "strict")
        {
            File.WriteAllBytes(Path.Combine(folder, "MANIFEST"), bytes);
            return folder;
        }
        var zip = _temp.Combine("plugin.zip");
        File.Delete(zip);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var stream = archive.CreateEntry("MANIFEST").Open())
            {
                stream.Write(bytes, 0, bytes.Length);
            }
            archive.CreateEntry("main.py");
        }
        return zip;
    }

    private static string ExpectedText(JsonElement expected) =>
        expected.TryGetProperty("str", out var text)
            ? text.GetString()!
            : new string(expected.GetProperty("strUtf16").EnumerateArray().Select(u => (char)u.GetInt32()).ToArray());

    private static string Show(string text) => JsonSerializer.Serialize(text);

    private static string Report(List<string> mismatches) =>
        $"{mismatches.Count} disagreements with the recorded answers:\n" + string.Join("\n", mismatches.Take(25));
}
