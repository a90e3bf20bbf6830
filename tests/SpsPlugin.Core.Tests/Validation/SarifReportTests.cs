using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpsPlugin.Tests.Support;
using static SpsPlugin.Tests.Validation.ReportFixtures;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// The SARIF report is data written by the JSON writer: read back here by System.Text.Json (a parser
/// the module does not share), every field SARIF 2.1.0 consumers and GitHub code scanning use is where
/// they look for it, locations are files relative to %SRCROOT% (never a folder), and text a finding
/// carries (quotes, line breaks, control characters) arrives unchanged.
/// </summary>
public sealed class SarifReportTests
{
    private const string HostileText = "name: \"a\\b\"\r\n\ttab\u0001bell\u001f\u007f\u2028{\"json\": [1,2]}";

    [Fact]
    public void SarifIsVersion210WithTheToolItsRulesAndTheSourceRoot()
    {
        using var folder = new TempFolder();
        using var sarif = Sarif(folder.Path, out _, Result("bundle", new SpsPluginDiagnostic("ManifestName", Severity.Error, "m")));
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("SpsPlugin", driver.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", driver.GetProperty("version").GetString());
        Assert.Equal(new Uri(folder.Path + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
        Assert.EndsWith("/", run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(new[] { "ManifestName", "StructureSize" }, rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("ManifestName", rules[0].GetProperty("name").GetString());
        Assert.Equal("Title \"quoted\"", rules[0].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Line one\nline two", rules[0].GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("Line one\nline two\n\nFix: fix \\ it", rules[0].GetProperty("help").GetProperty("text").GetString());
        Assert.Contains("**Fix:** fix \\ it", rules[0].GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal("error", rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("warning", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("Structure", rules[1].GetProperty("properties").GetProperty("area").GetString());
        Assert.Contains("Structure", rules[1].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(rules[0].TryGetProperty("helpUri", out _), "no rule has a published page to link");
    }

    /// <summary>What GitHub code scanning requires of every rule (non-empty texts, 1,024 characters at most) holds for the whole catalogue.</summary>
    [Fact]
    public void EveryRuleOfTheCatalogueHasTheTextsCodeScanningRequires()
    {
        using var folder = new TempFolder();
        var text = SpsPluginReports.Write(Array.Empty<SpsPluginValidationResult>(), SpsPluginReportFormat.Sarif, new SpsPluginReportOptions { SourceRoot = folder.Path });
        using var sarif = JsonDocument.Parse(text);
        var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(SpsPluginValidator.Catalogue.Count, rules.Length);
        Assert.All(rules, rule =>
        {
            foreach (var (property, limit) in new[] { ("shortDescription", 1024), ("fullDescription", 1024), ("help", int.MaxValue) })
            {
                var value = rule.GetProperty(property).GetProperty("text").GetString();
                Assert.False(string.IsNullOrWhiteSpace(value), $"{rule.GetProperty("id")}: {property}.text is empty");
                Assert.True(value!.Length <= limit, $"{rule.GetProperty("id")}: {property}.text has {value.Length} characters, over {limit}");
            }
            Assert.Contains("Fix: ", rule.GetProperty("help").GetProperty("text").GetString());
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        });
    }

    [Fact]
    public void SarifCarriesQuotesLineBreaksAndControlCharactersUnchanged()
    {
        var finding = new SpsPluginDiagnostic("ManifestName", Severity.Error, HostileText, suggestedFix: "write \"x\"\n");
        using var sarif = Sarif(Path.GetTempPath(), out var text, Result("bundle", finding));
        var result = Assert.Single(Results(sarif));
        Assert.Equal(HostileText + " Fix: write \"x\"\n", result.GetProperty("message").GetProperty("text").GetString());
        Assert.DoesNotContain(text, c => c < ' ' && c != '\n');
        Assert.Single(text.Split('\n'), line => line.Length > 0);
    }

    [Fact]
    public void SarifResultsPointAtTheRuleTheLineAndTheFileInsideAFolderRelativeToTheSourceRoot()
    {
        using var folder = new TempFolder();
        var bundle = Directory.CreateDirectory(folder.Combine("plugins", "my plugin")).FullName;
        Directory.CreateDirectory(Path.Combine(bundle, "lib"));
        var findings = new[]
        {
            new SpsPluginDiagnostic("StructureSize", Severity.Warning, "w", bundle, "MANIFEST", line: 3, column: 7),
            new SpsPluginDiagnostic("ReadFailure", Severity.Information, "i", bundle, "lib/x.py", line: 2),
            new SpsPluginDiagnostic("ManifestName", Severity.Error, "e", bundle),
            new SpsPluginDiagnostic("StructureSize", Severity.Warning, "a folder entry", bundle, "lib", line: 4),
        };
        using var sarif = Sarif(folder.Path, out _, Result(bundle, findings));
        var results = Results(sarif);
        Assert.Equal(new[] { "warning", "note", "error", "warning" }, results.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal(1, results[0].GetProperty("ruleIndex").GetInt32());
        Assert.False(results[1].TryGetProperty("ruleIndex", out _), "a finding of a rule that was not run has no index");
        Assert.Equal(0, results[2].GetProperty("ruleIndex").GetInt32());
        var physical = results.Select(r => Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation")).ToArray();
        Assert.Equal(
            new[] { "plugins/my%20plugin/MANIFEST", "plugins/my%20plugin/lib/x.py", "plugins/my%20plugin/MANIFEST", "plugins/my%20plugin/MANIFEST" },
            physical.Select(p => p.GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.All(physical, p => Assert.Equal("%SRCROOT%", p.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString()));
        Assert.Equal(3, physical[0].GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(7, physical[0].GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.False(physical[1].GetProperty("region").TryGetProperty("startColumn", out _));
        Assert.False(physical[2].TryGetProperty("region", out _), "a finding without a line has no region");
        Assert.False(physical[3].TryGetProperty("region", out _), "line 4 of a folder is no line of MANIFEST");
        Assert.All(results, r => Assert.False(r.GetProperty("locations")[0].TryGetProperty("logicalLocations", out _)));
    }

    [Fact]
    public void AFindingInsideAZipPointsAtTheZipAndNamesTheEntryAndItsLineElsewhere()
    {
        using var folder = new TempFolder();
        var zip = folder.Write("dist/plugin.zip", "not read by the report");
        using var sarif = Sarif(folder.Path, out _, Result(zip, new SpsPluginDiagnostic("ManifestName", Severity.Error, "Bad name.", zip, "sub/MANIFEST", line: 3, column: 5, suggestedFix: "Rename it.")));
        var result = Assert.Single(Results(sarif));
        Assert.Equal("Bad name. (in the zip at sub/MANIFEST:3:5) Fix: Rename it.", result.GetProperty("message").GetProperty("text").GetString());
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        var physical = location.GetProperty("physicalLocation");
        Assert.Equal("dist/plugin.zip", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(physical.TryGetProperty("region", out _), "line 3 of the entry is no line of the zip");
        var logical = Assert.Single(location.GetProperty("logicalLocations").EnumerateArray());
        Assert.Equal("sub/MANIFEST", logical.GetProperty("name").GetString());
        Assert.Equal("dist/plugin.zip!sub/MANIFEST", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("resource", logical.GetProperty("kind").GetString());
        Assert.Equal("sub/MANIFEST", location.GetProperty("properties").GetProperty("zipEntry").GetString());
        Assert.Equal(3, location.GetProperty("properties").GetProperty("zipEntryLine").GetInt32());
        Assert.Equal(5, location.GetProperty("properties").GetProperty("zipEntryColumn").GetInt32());
    }

    [Fact]
    public void AFileOutsideTheSourceRootHasItsAbsoluteFileUri()
    {
        using var root = new TempFolder();
        using var elsewhere = new TempFolder();
        var zip = elsewhere.Write("plugin.zip", "x");
        using var sarif = Sarif(root.Path, out _, Result(zip, new SpsPluginDiagnostic("ManifestName", Severity.Error, "e")));
        var artifact = Results(sarif)[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(new Uri(zip).AbsoluteUri, artifact.GetProperty("uri").GetString());
        Assert.False(artifact.TryGetProperty("uriBaseId", out _), "an absolute URI has no base");
    }

    /// <summary>The issue's false green: a path that does not exist is a result of its own, at that path, in the report of a real run.</summary>
    [Fact]
    public void ABundleThatDoesNotExistIsReportedAndNoUriIsAFolder()
    {
        using var folder = new TempFolder();
        var (ok, nope) = OkAndNope(folder);
        new PluginBuilder().Set("MANIFEST", "name: [unclosed\n").Remove("main.py").WriteFolder(folder);
        var broken = Directory.GetDirectories(folder.Path).Single(d => d != ok);
        var text = SpsPluginReports.Write(Validate(nope, ok, broken), SpsPluginReportFormat.Sarif, new SpsPluginReportOptions { SourceRoot = folder.Path });
        using var sarif = JsonDocument.Parse(text);
        var results = Results(sarif);
        var missing = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "PathNotFound");
        Assert.Equal("error", missing.GetProperty("level").GetString());
        Assert.Equal("nope", missing.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "StructureMainPy");
        foreach (var uri in results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!))
        {
            Assert.False(Path.IsPathRooted(uri) || uri.Contains(':'), $"{uri} is not relative");
            Assert.False(Directory.Exists(Path.Combine(folder.Path, Uri.UnescapeDataString(uri))), $"{uri} is a folder");
        }
    }

    [Fact]
    public void SarifOfNoFindingsHasAnEmptyResultList()
    {
        using var sarif = Sarif(Path.GetTempPath(), out _, Result("bundle"));
        Assert.Empty(Results(sarif));
    }

    private static JsonDocument Sarif(string sourceRoot, out string text, params SpsPluginValidationResult[] results)
    {
        text = Write(SpsPluginReportFormat.Sarif, sourceRoot, results);
        return JsonDocument.Parse(text);
    }

    private static JsonElement[] Results(JsonDocument sarif) =>
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
}
