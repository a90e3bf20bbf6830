using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Manifest;

/// <summary>
/// The SDK checks name with <c>re.fullmatch</c>: a final line break is not part of a name, although
/// .NET's <c>$</c> matches before it. The validator, the scaffolder and the hook workspace share this check.
/// </summary>
public sealed class ManifestPatternsTests
{
    [Theory]
    [InlineData("my_plugin", true)]
    [InlineData("ab", true)]
    [InlineData("a", false)]
    [InlineData("1abc", false)]
    [InlineData("my-plugin", false)]
    [InlineData("my_plugin\n", false)]
    public void PluginNamesFullyMatchTheSdkRule(string name, bool expected) =>
        Assert.Equal(expected, ManifestPatterns.IsPluginName(name));

    [Theory]
    [InlineData("", true)]
    [InlineData("team@example.com", true)]
    [InlineData("team@example", true)]
    [InlineData("team", false)]
    [InlineData("team@example.com\n", false)]
    public void AuthorEmailsFullyMatchTheSdkRule(string email, bool expected) =>
        Assert.Equal(expected, ManifestPatterns.IsAuthorEmail(email));

    [Fact]
    public void TheValidatorRefusesANameEndingInALineBreak()
    {
        using var temp = new TempFolder();
        var zip = new PluginBuilder().Manifest(m => m.Replace("name: good_plugin", "name: \"good_plugin\\n\"")).WriteZip(temp);
        var result = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false });
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ManifestName");
    }
}
