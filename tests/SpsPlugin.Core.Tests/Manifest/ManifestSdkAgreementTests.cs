using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Manifest;

/// <summary>
/// The MANIFEST false greens of issue 12, one case each: where SpsPlugin disagreed with PyYAML or the
/// SDK's Manifest rules. SdkManifestDifferentialTests holds the same cases among thousands of
/// generated ones; these name them, with the rule and the message a plugin author sees.
/// </summary>
public sealed class ManifestSdkAgreementTests : IDisposable
{
    private const string Good = "name: my_plugin\napi: '1.8'\nversion: '1.0.0'\ndescription: A plugin\nentry_point: main.py\ntype: aa\n";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    // PyYAML types `no` as the bool False; the SDK's re.fullmatch raises TypeError.
    [InlineData("name", "no", "zip", "ManifestName", "bool False")]
    // .NET's $ matched before a final line break; Python's fullmatch does not.
    [InlineData("name", "\"ab\\n\"", "zip", "ManifestName", "letter")]
    [InlineData("version", "\"1.0\\nx\"", "zip", "ManifestVersion", "line break")]
    [InlineData("entry_point", "\"main.py\\n\"", "zip", "ManifestEntryPoint", "letters")]
    [InlineData("author_email", "\"a@b.com\\n\"", "zip", "ManifestAuthorEmail", "address")]
    // semantic_version refuses a leading zero in a numeric prerelease identifier, and reads build metadata.
    [InlineData("api", "'1.2.0-01'", "zip", "ManifestApi", "leading zero")]
    [InlineData("api", "'1.2+b'", "zip", null, null)]
    [InlineData("api", "\"1.8\\n\"", "zip", null, null)]
    // The SDK's compatible mode (a zip) does not require description; strict mode (a folder) does.
    [InlineData("description", "~", "zip", null, null)]
    [InlineData("description", "~", "folder", "ManifestEmptyValue", "None")]
    // Falsy author_email / entry_point are skipped by the SDK; truthy values that are no str are not.
    [InlineData("author_email", "''", "zip", null, null)]
    [InlineData("author_email", "no", "zip", null, null)]
    [InlineData("author_email", "yes", "zip", "ManifestAuthorEmail", "bool True")]
    [InlineData("entry_point", "0", "zip", null, null)]
    [InlineData("entry_point", "1", "zip", "ManifestEntryPoint", "int 1")]
    // A 30-digit api is a number Python reads; it crashed with an Int32 overflow.
    [InlineData("api", "123456789012345678901234567890", "zip", "ReleaseApi", "accepts 1.0 to 1.8")]
    // PyYAML's int constructor raises ValueError for 0x_ (no digits).
    [InlineData("name", "0x_", "zip", "ManifestSyntaxError", "no digits")]
    // Constructors that raise ValueError: no raw .NET exception, a finding.
    [InlineData("description", "2020-02-30", "zip", "ManifestSyntaxError", "no such day")]
    [InlineData("description", "2001-12-14 21:59:43 +24:00", "zip", "ManifestSyntaxError", "24 hours")]
    [InlineData("description", "\"\\U00110000\"", "zip", "ManifestSyntaxError", "U+10FFFF")]
    [InlineData("description", "2001-12-14 21:59:43 +15:00", "zip", null, null)]
    [InlineData("description", "\"\\uD800\"", "zip", null, null)]
    public void DecidesAsTheSdkDoes(string key, string value, string kind, string? expectedRule, string? messagePart)
    {
        var manifest = Good.Replace($"{key}: {Original(key)}\n", $"{key}: {value}\n");
        if (!manifest.Contains($"{key}: {value}\n"))
        {
            manifest += $"{key}: {value}\n";
        }
        var result = SpsPluginValidator.Validate(Write(manifest, kind), new SpsPluginValidationOptions
        {
            UsePython = false,
            TargetRelease = SpsRelease.Find("8.0"),
            IncludeRules = new[] { "Manifest*", "ReleaseApi" },
            ExcludeRules = new[] { "ManifestRetypedValue", "ManifestUnknownKey", "ManifestEntryPointFile" },
        });
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToArray();
        if (expectedRule == null)
        {
            Assert.Empty(errors);
            return;
        }
        var finding = Assert.Single(errors);
        Assert.Equal(expectedRule, finding.RuleId);
        Assert.Contains(messagePart!, finding.Message);
        Assert.Equal("MANIFEST", finding.Entry);
        Assert.NotNull(finding.Line);
    }

    [Fact]
    public void AStrOnlyValueOfAnotherTypeSaysWhatPyYamlReadAndToQuoteIt()
    {
        var result = SpsPluginValidator.Validate(Write(Good.Replace("name: my_plugin", "name: no"), "zip"),
            new SpsPluginValidationOptions { UsePython = false, IncludeRules = new[] { "ManifestName" } });
        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal("name: PyYAML reads no as the bool False, not as text; the SDK's pattern check then fails with TypeError and SPS refuses the upload.", finding.Message);
        Assert.Equal("quote it: name: 'no'", finding.SuggestedFix);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void ReadsAYamlDirectiveAndExplicitKeysAsSafeLoadDoes()
    {
        var manifest = SpsPluginManifest.Parse("%YAML 1.1\n---\n? name\n: my_plugin\n? description\napi: '1.8'\n");
        Assert.Empty(manifest.Diagnostics);
        Assert.Equal("my_plugin", manifest["name"]!.PythonText);
        Assert.Equal(PyYamlType.Null, manifest["description"]!.Value.Type);
        Assert.Equal("1.8", manifest["api"]!.PythonText);
        Assert.Equal(3, manifest["name"]!.Line);
        Assert.Equal(4, manifest["name"]!.EndLine);

        var edited = manifest.SetValue("name", "other").SetValue("description", "d");
        Assert.Equal("%YAML 1.1\n---\nname: other\ndescription: d\napi: '1.8'\n", Encoding.UTF8.GetString(edited.ToBytes()));
    }

    [Theory]
    [InlineData("%YAML 2.0\n---\nname: a\n", "incompatible")]
    [InlineData("%YAML 1.1\n%YAML 1.1\n---\nname: a\n", "duplicate")]
    [InlineData("%YAML 1.1\nname: a\n", "document start")]
    [InlineData("%YAML 1.1\n", "document start")]
    [InlineData("name: a\n[a]: v\n", "unhashable")]
    [InlineData("? a: b\n", "unhashable")]
    public void RefusesWhatSafeLoadRefuses(string text, string messagePart)
    {
        var error = Assert.Single(SpsPluginManifest.Parse(text).Diagnostics);
        Assert.Equal("ManifestSyntaxError", error.RuleId);
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void KeepsAnOffsetBeyondFourteenHoursAsPythonPrintsIt()
    {
        var value = SpsPluginManifest.Parse("d: 2001-12-14 21:59:43 +15:30\n")["d"]!.Value;
        Assert.Equal("2001-12-14 21:59:43+15:30", value.PythonText);
        var instant = Assert.IsType<DateTime>(value.Value);
        Assert.Equal(DateTimeKind.Utc, instant.Kind);
        Assert.Equal(new DateTime(2001, 12, 14, 6, 29, 43), instant);
    }

    private static string Original(string key) => Good.Split('\n').FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?.Substring(key.Length + 2) ?? "\u0000";

    private string Write(string manifest, string kind)
    {
        var folder = _temp.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "MANIFEST"), manifest);
        File.WriteAllText(Path.Combine(folder, "main.py"), "#!/usr/bin/env pluginwrapper3\n");
        if (kind == "folder")
        {
            return folder;
        }
        var zip = folder + ".zip";
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: false, Encoding.UTF8);
        return zip;
    }
}
