using System.IO;
using System.Linq;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// The SARIF report is data written by the JSON writer: read back here by System.Text.Json (a parser
/// the module does not share), every field SARIF 2.1.0 consumers use is where they look for it, and
/// text a finding carries (quotes, line breaks, control characters) arrives unchanged.
/// </summary>
public sealed class SpsPluginReportsTests
{
    private const string HostileText = "name: \"a\\b\"\r\n\ttab\u0001bell\u001f\u007f\u2028{\"json\": [1,2]}";

    private static readonly SpsPluginRule Rule = new("ManifestName", "Manifest", Severity.Error, "Title \"quoted\"", "Line one\nline two", "fix \\ it");

    private static readonly SpsPluginRule OtherRule = new("StructureSize", "Structure", Severity.Warning, "t", "d", "f");

    [Fact]
    public void SarifIsVersion210WithTheToolAndItsRules()
    {
        using var sarif = Sarif(Result("bundle", new SpsPluginDiagnostic("ManifestName", Severity.Error, "m")), out _);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        var driver = Assert.Single(root.GetProperty("runs").EnumerateArray()).GetProperty("tool").GetProperty("driver");
        Assert.Equal("SpsPlugin", driver.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", driver.GetProperty("version").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(new[] { "ManifestName", "StructureSize" }, rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("Title \"quoted\"", rules[0].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Line one\nline two", rules[0].GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("fix \\ it", rules[0].GetProperty("help").GetProperty("text").GetString());
        Assert.Equal("error", rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("warning", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("Structure", rules[1].GetProperty("properties").GetProperty("area").GetString());
    }

    [Fact]
    public void SarifCarriesQuotesLineBreaksAndControlCharactersUnchanged()
    {
        var finding = new SpsPluginDiagnostic("ManifestName", Severity.Error, HostileText, suggestedFix: "write \"x\"\n");
        using var sarif = Sarif(Result("bundle", finding), out var text);
        var result = Assert.Single(Results(sarif));
        Assert.Equal(HostileText + " Fix: write \"x\"\n", result.GetProperty("message").GetProperty("text").GetString());
        Assert.DoesNotContain(text, c => c < ' ' && c != '\n');
        Assert.Single(text.Split('\n'), line => line.Length > 0);
    }

    [Fact]
    public void SarifResultsPointAtTheRuleTheLineAndTheFileInsideAFolder()
    {
        using var folder = new TempFolder();
        var bundle = Directory.CreateDirectory(folder.Combine("plugin")).FullName;
        var findings = new[]
        {
            new SpsPluginDiagnostic("StructureSize", Severity.Warning, "w", bundle, "MANIFEST", line: 3, column: 7),
            new SpsPluginDiagnostic("ReadFailure", Severity.Information, "i", bundle, "lib/x.py", line: 2),
            new SpsPluginDiagnostic("ManifestName", Severity.Error, "e", bundle),
        };
        using var sarif = Sarif(Result(bundle, findings), out _, folder.Path);
        var results = Results(sarif);
        Assert.Equal(new[] { "warning", "note", "error" }, results.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal(1, results[0].GetProperty("ruleIndex").GetInt32());
        Assert.False(results[1].TryGetProperty("ruleIndex", out _), "a finding of a rule that was not run has no index");
        Assert.Equal(0, results[2].GetProperty("ruleIndex").GetInt32());
        var physical = results.Select(r => Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation")).ToArray();
        Assert.Equal(new[] { "plugin/MANIFEST", "plugin/lib/x.py", "plugin" }, physical.Select(p => p.GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.Equal(3, physical[0].GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(7, physical[0].GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.False(physical[1].GetProperty("region").TryGetProperty("startColumn", out _));
        Assert.False(physical[2].TryGetProperty("region", out _));
        Assert.All(results, r => Assert.False(r.GetProperty("locations")[0].TryGetProperty("logicalLocations", out _)));
    }

    [Fact]
    public void SarifNamesTheEntryInsideAZipAsALogicalLocation()
    {
        using var folder = new TempFolder();
        var zip = folder.Write("plugin.zip", "not read by the report");
        using var sarif = Sarif(Result(zip, new SpsPluginDiagnostic("ManifestName", Severity.Error, "e", zip, "sub/MANIFEST", line: 1)), out _, folder.Path);
        var location = Assert.Single(Assert.Single(Results(sarif)).GetProperty("locations").EnumerateArray());
        Assert.Equal("plugin.zip", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        var logical = Assert.Single(location.GetProperty("logicalLocations").EnumerateArray());
        Assert.Equal("sub/MANIFEST", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("module", logical.GetProperty("kind").GetString());
    }

    [Fact]
    public void SarifOfNoFindingsHasAnEmptyResultList()
    {
        using var sarif = Sarif(Result("bundle"), out _);
        Assert.Empty(Results(sarif));
    }

    private static SpsPluginValidationResult Result(string path, params SpsPluginDiagnostic[] findings) =>
        new(path, SpsRelease.Newest, findings);

    private static JsonDocument Sarif(SpsPluginValidationResult result, out string text, string? baseDirectory = null)
    {
        text = SpsPluginReports.Write(new[] { result }, SpsPluginReportFormat.Sarif, new[] { Rule, OtherRule }, baseDirectory ?? Path.GetTempPath());
        return JsonDocument.Parse(text);
    }

    private static JsonElement[] Results(JsonDocument sarif) =>
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
}
