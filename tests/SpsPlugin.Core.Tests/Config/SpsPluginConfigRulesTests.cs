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

    [Theory]
    [InlineData("[DEFAULT]\nx=yes\n[auth]\ndisable_echo=%(x)s\n")]
    [InlineData("[auth]\nx=yes\ndisable_echo=%(x)s\n")]
    [InlineData("[logging]\nl=debug\nlog_level=%(l)s\n")]
    [InlineData("[auth]\ndisable_echo=YeS\n")]
    [InlineData("[DEFAULT]\nenabled=%(on)s\non=no\n[tls]\n")]
    [InlineData("[https-proxy]\nport=\uff13\uff11\uff12\uff18\n")]
    [InlineData("[authentication_cache]\nhard_timeout = 1_000\n")]
    public void JudgesTheValueTheSdkReadsNotTheRawText(string text)
    {
        Assert.Empty(Rules(text));
    }

    [Fact]
    public void JudgesValuesInheritedFromDefaultWhereASectionReadsThem()
    {
        var findings = SpsPluginConfigRules.Check(SpsPluginConfig.Parse("[DEFAULT]\nenabled = true\n[tls]\n[https-proxy]\nserver=p\n"));
        var finding = Assert.Single(findings);
        Assert.Equal((SpsPluginConfigRules.Boolean, 2), (finding.RuleId, finding.Line));
        Assert.Contains("[tls] enabled (inherited from [DEFAULT] line 2)", finding.Message);
        Assert.Contains("[https-proxy] reads it the same way", finding.Message);
    }

    [Fact]
    public void JudgesAnInheritedSecretReferenceInEachSectionThatReadsIt()
    {
        var text = "[DEFAULT]\npassword=$\n[credential_store]\nname=s\n[my_plugin]\nuser=u\n[my-plugin]\nuser=u\n";
        var finding = Assert.Single(SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text)), f => f.RuleId == SpsPluginConfigRules.SecretSectionName);
        Assert.Equal(2, finding.Line);
        // [credential_store] inherits it too, and its name is no host name either.
        Assert.Contains("[credential_store] password (inherited from [DEFAULT] line 2) is '$'", finding.Message);
        Assert.Contains("[my_plugin] reads it the same way", finding.Message);
        // With the plugin's template, only the sections that list the option read it.
        Assert.Empty(Rules(text, "[my_plugin]\n; user=<name>\n[my-plugin]\n; user=<name>\n; password=$\n[credential_store]\n; name=<store>\n"));
    }

    [Theory]
    [InlineData("[auth]\ndisable_echo =\n", "getboolean")]
    [InlineData("[auth]\ndisable_echo = %(x)s\nx = true\n", "read as 'true'")]
    public void FlagsBooleansTheGetterRejects(string text, string said)
    {
        var finding = Assert.Single(SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text)));
        Assert.Equal(SpsPluginConfigRules.Boolean, finding.RuleId);
        Assert.Contains(said, finding.Message);
    }

    [Theory]
    [InlineData("[ticket]\nmax_attempts = three\n", "[ticket]\n; max_attempts=3\n", "getint")]
    [InlineData("[ticket]\nmax_attempts = 3.0\n", "[ticket]\n; max_attempts=3\n", "getint")]
    [InlineData("[ticket]\nratio = 2,5\n", "[ticket]\n; ratio=0.5\n", "getfloat")]
    [InlineData("[https-proxy]\nport = 31 28\n", null, "getint")]
    [InlineData("[authentication_cache]\nsoft_timeout = \u00b2\n", null, "getint")]
    public void FlagsValuesOfTheWrongKindForTheirTemplate(string text, string? reference, string getter)
    {
        var finding = Assert.Single(SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text), reference == null ? null : SpsPluginConfig.Parse(reference)));
        Assert.Equal((SpsPluginConfigRules.Number, 2), (finding.RuleId, finding.Line));
        Assert.Contains(getter, finding.Message);
    }

    [Fact]
    public void WarnsOfAPlaintextSecretWhereTheTemplateAsksForTheCredentialStore()
    {
        var reference = "[duo]\n; skey=$\n; api_key=<$-or-api-key>\n; host=<api-host>\n[credential_store]\n; name=<store>\n";
        var findings = SpsPluginConfigRules.Check(
            SpsPluginConfig.Parse("[credential_store]\nname=s\n[duo]\nskey=s3cr3t-literal\napi_key=$\nhost=h\n"), SpsPluginConfig.Parse(reference));
        var finding = Assert.Single(findings);
        Assert.Equal((SpsPluginConfigRules.PlaintextSecret, Severity.Warning, 4), (finding.RuleId, finding.Severity, finding.Line));
        Assert.DoesNotContain("s3cr3t", finding.Message + finding.SuggestedFix);
        Assert.Empty(Rules("[DEFAULT]\nk=$\n[duo]\nskey=%(k)s\n[credential_store]\nname=s\n", reference));
    }

    [Theory]
    [InlineData("[tls]\nca_cert = $[corp-ca]\n", "corp-ca")]
    [InlineData("[tls]\nca_cert = prefix $[corp-ca] and $[other]\n", "corp-ca")]
    [InlineData("[tls]\nca_cert = %(l)s\nl = $[from-chain]\n", "from-chain")]
    [InlineData("[tls]\nca_cert = $[]\n", null)]
    [InlineData("[tls]\nca_cert = -----BEGIN CERTIFICATE-----\n", null)]
    public void FindsTrustedCaReferencesAnywhereInTheValue(string text, string? list)
    {
        Assert.Equal(list, SpsPluginConfig.Parse(text).GetOption("tls", "ca_cert")!.TrustedCaListName);
    }

    [Fact]
    public void InterpolatesAnInheritedValueInTheContextOfEachSectionThatReadsIt()
    {
        // %(v)s gives yes in [DEFAULT] and [tls], true in [https-proxy]: only that section is wrong.
        var findings = SpsPluginConfigRules.Check(SpsPluginConfig.Parse("[DEFAULT]\nv=yes\nenabled=%(v)s\n[tls]\n[https-proxy]\nv=true\n"));
        var finding = Assert.Single(findings);
        Assert.Equal((SpsPluginConfigRules.Boolean, 3), (finding.RuleId, finding.Line));
        Assert.Contains("[https-proxy] enabled (inherited from [DEFAULT] line 3) is '%(v)s', read as 'true',", finding.Message);
    }

    [Fact]
    public void NamesTheFirstSectionsThatReadADefaultLineAndCountsTheRest()
    {
        var text = "[DEFAULT]\npassword=$\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"[s{i}]\n"));
        var finding = Assert.Single(SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text)));
        Assert.Equal(SpsPluginConfigRules.SecretWithoutStore, finding.RuleId);
        Assert.Contains("[s0] password (inherited from [DEFAULT] line 2)", finding.Message);
        Assert.Contains("[s1], [s2], [s3] and 6 more sections read it the same way.", finding.Message);
    }

    [Fact]
    public void BoundsTheInheritedValuesInterpolatedSectionBySection()
    {
        var sections = SpsPlugin.Config.ConfigReads.MaxContextualReads / 10 + 1;
        var text = "[DEFAULT]\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"d{i}=%(a)s\n")) +
            string.Concat(Enumerable.Range(0, sections).Select(i => $"[s{i}]\na={i}\n"));
        var finding = Assert.Single(SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text)));
        Assert.Equal((SpsPluginConfigRules.InterpolationTooLarge, 2), (finding.RuleId, finding.Line));
        Assert.StartsWith("10 values inherited from [DEFAULT]", finding.Message);
    }
}
