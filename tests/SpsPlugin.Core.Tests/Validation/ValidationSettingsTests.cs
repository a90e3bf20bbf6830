using System;
using System.Collections;
using System.Linq;

namespace SpsPlugin.Tests.Validation;

/// <summary>Test-SpsPluginBundle's -Settings keys, read in Core from the table a .psd1 gives, and the rules they select.</summary>
public sealed class ValidationSettingsTests
{
    [Fact]
    public void ReadsEveryKeyInAnyCase()
    {
        var settings = SpsPluginValidationSettings.Read(new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["targetspsversion"] = "7.4", ["Severity"] = "warning", ["IncludeRule"] = new object[] { "Manifest*", "Zip*" }, ["ExcludeRule"] = "ZipSymlink", ["PythonPath"] = "/usr/bin/python3",
        }, "/work/spsplugin.psd1");
        Assert.Equal(("7.4", Severity.Warning, "/usr/bin/python3"), (settings.TargetSpsVersion, settings.Severity, settings.PythonPath));
        Assert.Equal(new[] { "Manifest*", "Zip*" }, settings.IncludeRule);
        Assert.Equal(new[] { "ZipSymlink" }, settings.ExcludeRule);
        Assert.True(SpsPluginValidationSettings.Read(new Hashtable { ["Strict"] = true }, null).Strict);
    }

    [Fact]
    public void KeysLeftOutAreNull()
    {
        var settings = SpsPluginValidationSettings.Read(new Hashtable(), null);
        Assert.Equal((null, null, null, null, null, null), (settings.TargetSpsVersion, settings.Severity, settings.IncludeRule, settings.ExcludeRule, settings.PythonPath, settings.Strict));
    }

    [Theory]
    [InlineData("Severity", "High", "has Severity = 'High'; Severity takes one of Error, Warning, Information")]
    [InlineData("PythonPath", true, "has PythonPath = $true; PythonPath takes text")]
    [InlineData("Severty", "Error", "has the unknown key(s) Severty; the keys are TargetSpsVersion, Severity, IncludeRule, ExcludeRule, PythonPath, Strict")]
    [InlineData("Strict", "yes", "has Strict = 'yes'; Strict takes $true or $false")]
    public void AnUnknownKeyOrABadValueIsSettingsInvalidNamingTheFile(string key, object value, string expected)
    {
        var failure = Assert.Throws<SpsPluginException>(() => SpsPluginValidationSettings.Read(new Hashtable { [key] = value }, "/work/s.psd1"));
        Assert.Equal(SpsPluginErrorId.SettingsInvalid, failure.ErrorId);
        Assert.Equal("/work/s.psd1", failure.Path);
        Assert.Equal($"The settings file '/work/s.psd1' {expected}.", failure.Message);
        var direct = Assert.Throws<SpsPluginException>(() => SpsPluginValidationSettings.Read(new Hashtable { [key] = value }, null));
        Assert.Equal($"The -Settings table {expected}.", direct.Message);
    }

    [Fact]
    public void SelectedRulesAreTheIncludedOnesLessTheExcludedOnes()
    {
        var rules = SpsPluginValidator.SelectedRules(new SpsPluginValidationOptions { IncludeRules = new[] { "Zip*" }, ExcludeRules = new[] { "zipsymlink" } });
        Assert.Equal(SpsPluginValidator.Catalogue.Select(r => r.Id).Where(id => id.StartsWith("Zip", StringComparison.Ordinal) && id != "ZipSymlink"), rules.Select(r => r.Id));
        Assert.Equal(SpsPluginValidator.Catalogue, SpsPluginValidator.SelectedRules(new SpsPluginValidationOptions()));
    }
}
