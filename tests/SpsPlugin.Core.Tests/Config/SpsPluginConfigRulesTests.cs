using System.Linq;

namespace SpsPlugin.Tests.Config;

public sealed class SpsPluginConfigRulesTests
{
    private static string[] Rules(string text, string? reference = null) =>
        SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text), reference == null ? null : SpsPluginConfig.Parse(reference))
            .Select(d => d.RuleId).ToArray();

    [Fact]
    public void ACleanConfigHasNoFindings()
    {
        Assert.Empty(Rules("[credential_store]\nname=store\n[duo-api]\nikey=$\n[logging]\nlog_level=debug\n[auth]\ndisable_echo=yes\n"));
    }

    [Fact]
    public void FlagsSecretsInSectionsThatAreNotHostNames()
    {
        Assert.Equal(new[] { SpsPluginConfigRules.SecretSectionName }, Rules("[credential_store]\nname=s\n[my_plugin]\npassword=$\n"));
    }

    [Fact]
    public void FlagsSecretsWithoutACredentialStore()
    {
        Assert.Equal(new[] { SpsPluginConfigRules.SecretWithoutStore }, Rules("[duo]\nikey=$\n"));
        Assert.Equal(new[] { SpsPluginConfigRules.SecretWithoutStore }, Rules("[credential_store]\nname=<name-of-store>\n[duo]\nikey=$\n").Skip(1).ToArray());
    }

    [Fact]
    public void FlagsPlaceholdersInEnabledOptions()
    {
        Assert.Equal(new[] { SpsPluginConfigRules.Placeholder }, Rules("[duo]\nhost=<API-hostname>\n; ikey=<not enabled>\n"));
    }

    [Fact]
    public void FlagsPercentSignsThatFailInterpolation()
    {
        Assert.Equal(new[] { SpsPluginConfigRules.Interpolation }, Rules("[auth]\nprompt=Type 100% of it\n"));
        Assert.Empty(Rules("[auth]\nprompt=Type 100%% of it\n"));
    }

    [Fact]
    public void FlagsBooleansTheSdkRejectsAndBadLogLevels()
    {
        Assert.Equal(new[] { SpsPluginConfigRules.Boolean, SpsPluginConfigRules.LogLevel }, Rules("[auth]\ndisable_echo=true\n[logging]\nlog_level=verbose\n"));
        Assert.Equal(new[] { SpsPluginConfigRules.Boolean }, Rules("[duo]\nignore_connection_error=on\n", "[duo]\n; ignore_connection_error=no\n"));
    }

    [Fact]
    public void FlagsUnknownSectionsAndOptionsWithANearMiss()
    {
        var reference = "[https-proxy]\n; server=<proxy>\n; port=3128\n[usermapping source=explicit]\n; <user-name-1>=<id-1>\n";
        var findings = SpsPluginConfigRules.Check(
            SpsPluginConfig.Parse("[https_proxy]\nserver=p\n[https-proxy]\nprot=8080\n[usermapping source=explicit]\nalice=a1\n"),
            SpsPluginConfig.Parse(reference));
        Assert.Equal(new[] { SpsPluginConfigRules.UnknownSection, SpsPluginConfigRules.UnknownOption }, findings.Select(f => f.RuleId));
        Assert.Contains("Did you mean [https-proxy]?", findings[0].Message);
        Assert.Contains("Did you mean 'port'?", findings[1].Message);
        Assert.Equal(Severity.Warning, findings[1].Severity);
        Assert.Equal(4, findings[1].Line);
    }
}
