using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using Xunit;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Masking hides secrets, not names: every option name of the corpus's default.cfg files has its
/// verdict here (true: the option holds a secret), and only a literal value of such an option is
/// masked, never a '$' reference, yes/no, a number, an empty value or a placeholder.
/// </summary>
public sealed class ConfigSecretsTests
{
    // Every option name (enabled or commented template) of ../shared/corpus/**/default.cfg*, with the
    // verdict decided from the reference (§6.8/§6.9: '$' is fetched from the Credential Store) and the
    // corpus comments: "<$-or-password>", "set 'client_cert' to $", "the private key ... server_user_key".
    private static readonly IReadOnlyDictionary<string, bool> CorpusVerdicts = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        // Secrets: the template expects '$' there, or the plugin documents the value as a key or secret.
        ["api_key"] = true, ["base64_key"] = true, ["client_cert"] = true, ["client_secret"] = true,
        ["ikey"] = true, ["password"] = true, ["secret"] = true, ["server_user_key"] = true, ["skey"] = true,
        ["token"] = true,
        // A boolean about a password: the name is secret-like, its yes/no values never are (see the value cases).
        ["reuse_gateway_password"] = true,
        // Ordinary settings that merely mention secrets: where they are, which field, whether to ask.
        ["password_field"] = false, ["secrets_path"] = false, ["ask_pass"] = false, ["key"] = false,
        ["key_field"] = false, ["server_public_key"] = false, ["use_credential"] = false, ["ca_cert"] = false,
        ["ca"] = false, ["client_id"] = false, ["application_id"] = false, ["service_id"] = false,
        ["<domain_1>"] = false, ["<domain_2>"] = false, ["<user-name-1>"] = false, ["<user-name-2>"] = false,
        ["address"] = false, ["allow"] = false, ["api_region"] = false, ["api_url"] = false, ["api_urls"] = false,
        ["append_domain"] = false, ["auth_type"] = false, ["authentication_method"] = false, ["authority"] = false,
        ["authorization"] = false, ["check_host_name"] = false, ["conn_retries"] = false, ["conn_timeout"] = false,
        ["default"] = false, ["default_prefix"] = false, ["default_type"] = false, ["disable_echo"] = false,
        ["domain_suffix"] = false, ["email_attribute"] = false, ["enable_device_selection"] = false,
        ["enable_factor_selection"] = false, ["enable_stacktrace"] = false, ["enabled"] = false, ["except"] = false,
        ["exclude_networks"] = false, ["generator"] = false, ["hard_timeout"] = false, ["host"] = false,
        ["http_socket_timeout"] = false, ["identity_provider"] = false, ["idp_url"] = false,
        ["ignore_connection_error"] = false, ["interactive_protocols"] = false, ["limit"] = false,
        ["log_level"] = false, ["logo_url"] = false, ["name"] = false, ["org_alias"] = false,
        ["phone_attribute"] = false, ["port"] = false, ["prefix"] = false, ["prompt"] = false, ["provider"] = false,
        ["rdp"] = false, ["replace_domain"] = false, ["required_policy"] = false, ["rest_poll_interval"] = false,
        ["reuse_limit"] = false, ["server"] = false, ["server_port"] = false, ["server_user"] = false,
        ["soft_timeout"] = false, ["spp_auth_provider"] = false, ["ssh"] = false, ["suffix"] = false,
        ["system_maptoreal"] = false, ["system_name_resolver"] = false, ["system_prefix"] = false,
        ["telnet"] = false, ["timeout"] = false, ["ttl"] = false, ["use_https_proxy"] = false,
        ["user_attribute"] = false, ["username"] = false,
        // ServiceNow's default.cfg.plugin.
        ["incident"] = false, ["instance"] = false, ["query"] = false, ["table"] = false, ["update_field"] = false,
        ["user"] = false,
    };

    public static TheoryData<string, bool> Verdicts()
    {
        var data = new TheoryData<string, bool>();
        foreach (var pair in CorpusVerdicts)
        {
            data.Add(pair.Key, pair.Value);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void ClassifiesEveryCorpusOptionName(string name, bool secret) =>
        Assert.Equal(secret, SpsPluginConfigOption.LooksSecret(name));

    [CorpusFact]
    public void TheTableHoldsEveryOptionNameOfTheCorpus()
    {
        var names = Directory.EnumerateFiles(TestPaths.Corpus, "default.cfg*", SearchOption.AllDirectories)
            .Select(file => SpsPluginConfig.Parse(File.ReadAllText(file)))
            .SelectMany(config => config.AllOptions.Select(o => o.Name))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Assert.True(names.Length > 50, $"only {names.Length} option names read from {TestPaths.Corpus}");
        var unclassified = names.Where(n => !CorpusVerdicts.ContainsKey(n)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.True(unclassified.Length == 0, "classify these corpus option names in CorpusVerdicts: " + string.Join(", ", unclassified));
    }

    [Theory]
    [InlineData("password", "s3cr3t-literal", true)]
    [InlineData("skey", "s3cr3t-literal", true)]
    [InlineData("client_secret", "abc", true)]
    [InlineData("api_key", "00aa-ff", true)]
    [InlineData("https_proxy_password", "hunter2", true)]
    [InlineData("Password", "P@ss w0rd", true)]
    [InlineData("password", "$$", true)]
    [InlineData("client_cert", "-----BEGIN CERTIFICATE-----\nMIIB\n-----BEGIN PRIVATE KEY-----", true)]
    [InlineData("password", "$", false)]
    [InlineData("ca_cert", "$[corporate-ca]", false)]
    [InlineData("client_cert", "$[corporate-ca]", false)]
    [InlineData("reuse_gateway_password", "yes", false)]
    [InlineData("reuse_gateway_password", "NO", false)]
    [InlineData("token", "true", false)]
    [InlineData("password", "123456", false)]
    [InlineData("password", "", false)]
    [InlineData("password", "<$-or-password>", false)]
    [InlineData("api_key", "<API security key>", false)]
    [InlineData("password_field", "password", false)]
    [InlineData("secrets_path", "/kv/sps", false)]
    [InlineData("username", "s3cr3t-literal", false)]
    public void MasksOnlyLiteralSecrets(string name, string value, bool masked)
    {
        Assert.Equal(masked, SpsPluginConfigOption.IsSecretValue(name, value));
        var option = SpsPluginConfig.Parse($"[plugin]\n{name}={value.Replace("\n", "\n ")}\n").Options.Single();
        Assert.Equal(masked, option.IsSecret);
    }

    [Fact]
    public void DifferencesCarryTheRealValuesAndBothFilesAndMaskOnlyForDisplay()
    {
        var folder = Directory.CreateTempSubdirectory("spsplugin-diff-");
        try
        {
            var left = Path.Combine(folder.FullName, "dev.cfg");
            var right = Path.Combine(folder.FullName, "prod.cfg");
            File.WriteAllText(left, "[duo]\nikey=$\nskey=old\npassword_field=password\n");
            File.WriteAllText(right, "[duo]\nikey=real-ikey\nskey=new\npassword_field=pwd\n");
            var changes = SpsPluginConfigDifference.Compare(SpsPluginConfig.Load(left), SpsPluginConfig.Load(right), includeEqual: false, showSecrets: false);
            Assert.All(changes, c => Assert.Equal((left, right), (c.ReferencePath, c.DifferencePath)));
            var ikey = changes.Single(c => c.Name == "ikey");
            Assert.Equal(("$", "real-ikey"), (ikey.ReferenceValue, ikey.DifferenceValue));
            Assert.True(ikey.IsSecret);
            Assert.Equal(("$", SecretMask.Text), (ikey.DisplayReferenceValue, ikey.DisplayDifferenceValue));
            var skey = changes.Single(c => c.Name == "skey");
            Assert.Equal((SecretMask.Text, SecretMask.Text), (skey.DisplayReferenceValue, skey.DisplayDifferenceValue));
            var field = changes.Single(c => c.Name == "password_field");
            Assert.False(field.IsSecret);
            Assert.Equal(("password", "pwd"), (field.DisplayReferenceValue, field.DisplayDifferenceValue));
            Assert.DoesNotContain("new", skey.ToString(), StringComparison.Ordinal);
            Assert.Contains(right, skey.ToString(), StringComparison.Ordinal);

            var shown = SpsPluginConfigDifference.Compare(SpsPluginConfig.Load(left), SpsPluginConfig.Load(right), includeEqual: false, showSecrets: true);
            Assert.Equal("new", shown.Single(c => c.Name == "skey").DisplayDifferenceValue);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void StringFormsAndFindingsNeverQuoteASecret()
    {
        var config = SpsPluginConfig.Parse("[https-proxy]\npassword=p@ss%w0rd\npassword_field=pass%word\nserver=proxy\n");
        var password = config.Options[0];
        Assert.Equal("[https-proxy] password=" + SecretMask.Text, password.ToString());
        Assert.Equal("p@ss%w0rd", password.Value);
        Assert.Contains("InterpolationSyntaxError", password.InterpolationError, StringComparison.Ordinal);
        var findings = SpsPluginConfigRules.Check(config);
        var finding = Assert.Single(findings, f => f.Line == 2);
        Assert.Equal(SpsPluginConfigRules.Interpolation, finding.RuleId);
        Assert.DoesNotContain("w0rd", finding.ToString(), StringComparison.Ordinal);
        // Not a secret: the message quotes the value, which helps find the '%'.
        Assert.Contains("%word", Assert.Single(findings, f => f.Line == 3).Message, StringComparison.Ordinal);
        Assert.Equal("[https-proxy] password_field=pass%word", config.Options[1].ToString());
    }

    [Fact]
    public void DifferencesOfTextHaveNoPath()
    {
        var change = SpsPluginConfigDifference.Compare(SpsPluginConfig.Parse("[a]\nx=1\n"), SpsPluginConfig.Parse("[a]\nx=2\n"), false, false).Single();
        Assert.Equal(((string?)null, (string?)null), (change.ReferencePath, change.DifferencePath));
        Assert.Equal("Changed [a] x", change.ToString());
    }
}
