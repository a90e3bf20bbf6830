using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Without a target release, a bundle is checked against the newest release its own window (api,
/// scb_min_version, scb_max_version) admits; an explicit target stays strict; -Strict fails warnings.
/// </summary>
public sealed class DefaultTargetTests
{
    private static SpsPluginValidationResult Validate(string manifestLines, SpsPluginValidationOptions? options = null)
    {
        using var temp = new TempFolder();
        var zip = new PluginBuilder().Manifest(m => Replace(m, manifestLines)).WriteZip(temp);
        return SpsPluginValidator.Validate(zip, options ?? new SpsPluginValidationOptions { UsePython = false });
    }

    /// <summary>The good MANIFEST with each 'key: value' line of <paramref name="lines"/> replacing the key's line, or added.</summary>
    private static string Replace(string manifest, string lines) =>
        lines.Split('\n').Where(l => l.Length > 0).Aggregate(manifest, (text, line) =>
        {
            var key = line.Substring(0, line.IndexOf(':') + 1);
            return string.Join("\n", text.Split('\n').Where(l => !l.StartsWith(key, System.StringComparison.Ordinal) && l.Length > 0)) + "\n" + line + "\n";
        });

    [Fact]
    public void OneIdentitysSraInitiatedWindowIsCheckedAgainst7F5AndPasses()
    {
        var result = Validate("api: 1.7.0\nscb_max_version: 8.0.0~");
        Assert.True(result.Passed, result.ToString());
        Assert.Equal("7 F5", result.Target.Name);
        Assert.Equal("the newest release the plugin's api 1.7.0 and scb_max_version 8.0.0~ admit", result.TargetReason);
        var note = Assert.Single(result.Findings, f => f.RuleId == "ReleaseTarget");
        Assert.Equal($"No target release given: checked against {result.Target}, {result.TargetReason}.", note.Message);
    }

    [Theory]
    [InlineData("api: 1.6", "9.0")]
    [InlineData("api: 1.6\nscb_min_version: 6.3.0", "9.0")]
    [InlineData("api: 1.6\nscb_max_version: 7.0.0", "7.0")]
    [InlineData("api: 1.6\nscb_max_version: 7.0~", "6.13")]
    [InlineData("api: 1.8\nscb_max_version: 8.1.0", "8.1")]
    [InlineData("api: 1.1", "9.0")]
    public void TheTargetIsTheNewestReleaseTheWindowAdmits(string window, string expected)
    {
        var result = Validate(window);
        Assert.Equal(SpsRelease.Find(expected), result.Target);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "ReleaseApi" || f.RuleId == "ReleaseWindow");
    }

    [Fact]
    public void AWindowThatAdmitsNoKnownReleaseFailsAgainstTheNewestSayingSo()
    {
        var result = Validate("api: 1.6\nscb_max_version: 5.9");
        Assert.Equal(SpsRelease.Newest, result.Target);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("ReleaseWindow", failure.RuleId);
        Assert.EndsWith("(the newest known release, though the plugin's api 1.6 and scb_max_version 5.9 admit no release SpsPlugin knows).", failure.Message);
    }

    [Fact]
    public void AnExplicitTargetStaysStrict()
    {
        var result = Validate("api: 1.7.0\nscb_max_version: 8.0.0~", new SpsPluginValidationOptions { UsePython = false, TargetRelease = SpsRelease.Find("8.0") });
        Assert.Equal("the release asked for", result.TargetReason);
        Assert.Equal("ReleaseWindow", Assert.Single(result.Failures).RuleId);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "ReleaseTarget");
    }

    [Fact]
    public void StrictFailsWarningsAndKeepsThemUnderSeverityError()
    {
        using var temp = new TempFolder();
        var zip = new PluginBuilder().Set("good_plugin/__pycache__/plugin.cpython-311.pyc", new byte[] { 1 }).WriteZip(temp);
        // PythonUnavailable (a warning too) is left out: this test is about the packaging warning alone.
        var withoutPython = new[] { "PythonUnavailable" };
        var lenient = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false, MinimumSeverity = Severity.Error, ExcludeRules = withoutPython });
        Assert.True(lenient.Passed);
        Assert.Empty(lenient.Findings);
        var strict = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false, MinimumSeverity = Severity.Error, Strict = true, ExcludeRules = withoutPython });
        Assert.False(strict.Passed);
        Assert.True(strict.IsValid);
        Assert.Equal((0, 1, 0), (strict.ErrorCount, strict.WarningCount, strict.InformationCount));
        Assert.Equal("StructureJunk", Assert.Single(strict.Failures).RuleId);
        Assert.Equal($"{zip}: failed against 9.0 LTS (0 error(s), 1 warning(s), strict: warnings fail):\n  {strict.Failures[0]}", strict.ToString());
    }
}
