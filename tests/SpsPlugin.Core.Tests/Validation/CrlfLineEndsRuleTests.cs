using System;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>StructureCrlfLineEnds: which files it reads, where it points, and what it leaves alone.</summary>
public sealed class CrlfLineEndsRuleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private SpsPluginDiagnostic[] Findings(PluginBuilder builder) =>
        SpsPluginValidator.Validate(builder.WriteFolder(_temp), new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find("8.0"), UsePython = false })
            .Diagnostics.Where(d => d.RuleId == "StructureCrlfLineEnds").ToArray();

    [Fact]
    public void NamesEachPythonFileManifestAndConfigWithTheFirstCrlfLine()
    {
        var builder = new PluginBuilder()
            .Set("good_plugin/helpers.py", "import os\nx = 1\r\ny = 2\r\n")
            .Set("good_plugin/notes.txt", "text\r\n")
            .Set("default.cfg", PluginBuilder.GoodConfig.Replace("\n", "\r\n"))
            .Manifest(m => m.Replace("\n", "\r\n"));
        var findings = Findings(builder);
        Assert.Equal(new[] { "MANIFEST", "default.cfg", "good_plugin/helpers.py" }, findings.Select(f => f.Entry).OrderBy(e => e, StringComparer.Ordinal));
        var helpers = findings.Single(f => f.Entry == "good_plugin/helpers.py");
        Assert.Equal(2, helpers.Line);
        Assert.Equal(Severity.Warning, helpers.Severity);
        Assert.Contains("line 2", helpers.Message);
        Assert.Contains("eol=lf", helpers.SuggestedFix);
    }

    [Fact]
    public void LfAndLoneCarriageReturnsAreLeftAlone()
    {
        Assert.Empty(Findings(new PluginBuilder().Set("good_plugin/helpers.py", "x = '\\r'\ny = 1\rz = 2\n")));
    }
}
