using System;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

public sealed class SpsPluginConfigTests
{
    private const string Duo =
        "[duo]\n" +
        "# Required: your Duo access data.\n" +
        "; ikey=<API-integration-key>\n" +
        "; skey=<API-security-key>\n" +
        "; host=<API-hostname>\n" +
        "\n" +
        "; timeout=60\n" +
        "\n" +
        "###### Common plugin options ######\n" +
        "[whitelist source=ldap_server_group]\n" +
        "; allow=no_user\n" +
        "; except=<group-1>,<group-2>,...\n" +
        "; allow=all_users\n" +
        "\n" +
        "[logging]\n" +
        "log_level = info\n";

    [Fact]
    public void ModelsCommentedTemplateOptionsAndQualifiedSections()
    {
        var config = SpsPluginConfig.Parse(Duo);
        Assert.True(config.IsReadable);
        var ikey = config.AllOptions.Single(o => o.Name == "ikey");
        Assert.False(ikey.IsEnabled);
        Assert.True(ikey.IsPlaceholder);
        Assert.Equal(3, ikey.Line);
        Assert.False(config.AllOptions.Single(o => o.Name == "timeout").IsPlaceholder);
        var whitelist = config.GetSection("whitelist source=ldap_server_group")!;
        Assert.Equal("whitelist", whitelist.BaseName);
        Assert.Equal("source=ldap_server_group", whitelist.Qualifier);
        Assert.Single(config.Options);
        Assert.DoesNotContain(config.AllOptions, o => o.Name.StartsWith("required", StringComparison.Ordinal));
    }

    [Fact]
    public void EnablingATemplateOptionReplacesItsLineInPlace()
    {
        var config = SpsPluginConfig.Parse(Duo).Set("duo", "ikey", "$");
        Assert.Equal(Duo.Replace("; ikey=<API-integration-key>\n", "ikey=$\n"), config.Text);
        var ikey = config.GetOption("duo", "ikey")!;
        Assert.True(ikey.IsEnabled);
        Assert.True(ikey.IsSecretReference);
        Assert.Equal(3, ikey.Line);
    }

    [Fact]
    public void PrefersTheTemplateThatShowsTheValue()
    {
        var config = SpsPluginConfig.Parse(Duo).Set("whitelist source=ldap_server_group", "allow", "all_users");
        Assert.Contains("; allow=no_user\n; except=<group-1>,<group-2>,...\nallow=all_users\n", config.Text);
    }

    [Fact]
    public void RewritingAnOptionKeepsItsSpacingAndTouchesOnlyItsLines()
    {
        var config = SpsPluginConfig.Parse(Duo).Set("logging", "log_level", "debug");
        Assert.Equal(Duo.Replace("log_level = info", "log_level = debug"), config.Text);
    }

    [Fact]
    public void WritesMultiLineValuesAsIndentedContinuationLines()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        var config = SpsPluginConfig.Parse("[tls]\nenabled = yes\n").Set("tls", "ca_cert", pem);
        Assert.Equal("[tls]\nenabled = yes\nca_cert = -----BEGIN CERTIFICATE-----\n MIIB\n -----END CERTIFICATE-----\n", config.Text);
        Assert.Equal(pem, config.GetOption("tls", "ca_cert")!.Value);
        var replaced = config.Set("tls", "ca_cert", "$[corporate_ca]");
        Assert.Equal("[tls]\nenabled = yes\nca_cert = $[corporate_ca]\n", replaced.Text);
        Assert.Equal("corporate_ca", replaced.GetOption("tls", "ca_cert")!.TrustedCaListName);
    }

    [Fact]
    public void AddsAMissingOptionAfterTheSectionsLastOptionAndAMissingSectionAtTheEnd()
    {
        var config = SpsPluginConfig.Parse("[a]\nx=1\n\n# about b\n[b]\ny=2").Set("a", "z", "3").Set("c", "w", "4");
        Assert.Equal("[a]\nx=1\nz=3\n\n# about b\n[b]\ny=2\n\n[c]\nw=4\n", config.Text);
    }

    [Theory]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("two\n# second line is a comment")]
    public void RefusesValuesConfigParserWouldNotReadBack(string value)
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Parse("[a]\nx=1\n").Set("a", "x", value));
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, error.ErrorId);
    }

    [Fact]
    public void KeepsCrlfAndTheBomThroughEdits()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[a]\r\nx=1\r\n")).ToArray();
        var config = SpsPluginConfig.FromBytes(bytes, "a.cfg", null);
        Assert.Equal(bytes, config.ToBytes());
        var edited = config.Set("a", "x", "2").Set("a", "y", "3");
        Assert.Equal(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[a]\r\nx=2\r\ny=3\r\n")).ToArray(), edited.ToBytes());
    }

    [Fact]
    public void DisablingCommentsOutEveryLineOfTheValue()
    {
        var config = SpsPluginConfig.Parse("[a]\nx = one\n  two\ny=2\n").Disable("a", "X");
        Assert.Equal("[a]\n; x = one\n;   two\ny=2\n", config.Text);
        Assert.Null(config.GetOption("a", "x"));
        Assert.False(config.AllOptions.Single(o => o.Name == "x").IsEnabled);
        var error = Assert.Throws<SpsPluginException>(() => config.Disable("a", "nope"));
        Assert.Equal(SpsPluginErrorId.ConfigOptionNotFound, error.ErrorId);
    }

    [Fact]
    public void RemovingASectionKeepsTheCommentsThatIntroduceTheNextOne()
    {
        var config = SpsPluginConfig.Parse("[a]\nx=1\n; y=2\n\n# about b\n[b]\nz=3\n").RemoveSection("a");
        Assert.Equal("# about b\n[b]\nz=3\n", config.Text);
    }

    [Fact]
    public void MergesOverlaysKeepingTheBasesCommentsAndOrder()
    {
        var merged = SpsPluginConfig.Parse(Duo)
            .Merge(SpsPluginConfig.Parse("[logging]\nlog_level=debug\n[duo]\nhost=api-1.duo.example\n"))
            .Merge(SpsPluginConfig.Parse("[duo]\nhost=api-2.duo.example\n[extra]\n"));
        Assert.Equal(
            Duo.Replace("; host=<API-hostname>", "host=api-2.duo.example").Replace("log_level = info", "log_level = debug") + "\n[extra]\n",
            merged.Text);
    }

    [Fact]
    public void ComparesOptionsAndMasksSecrets()
    {
        var reference = SpsPluginConfig.Parse("[duo]\nikey=$\nskey=abc\nhost=a\ntimeout=60\n");
        var difference = SpsPluginConfig.Parse("[duo]\nikey=real-ikey\nskey=def\nhost=b\n[logging]\nlog_level=debug\n");
        var changes = SpsPluginConfigDifference.Compare(reference, difference, includeEqual: false, showSecrets: false);
        Assert.Equal(new[] { "Changed ikey", "Changed skey", "Changed host", "Removed timeout", "Added log_level" },
            changes.Select(c => $"{c.Change} {c.Name}"));
        var ikey = changes[0];
        Assert.True(ikey.IsSecret);
        Assert.Equal("$", ikey.DisplayReferenceValue);
        Assert.Equal(SpsPluginConfigDifference.Mask, ikey.DisplayDifferenceValue);
        Assert.Equal("real-ikey", ikey.DifferenceValue);
        Assert.Equal(SpsPluginConfigDifference.Mask, changes[1].DisplayDifferenceValue);
        Assert.Equal("b", changes[2].DisplayDifferenceValue);
        var shown = SpsPluginConfigDifference.Compare(reference, difference, includeEqual: true, showSecrets: true);
        Assert.Equal("real-ikey", shown[0].DisplayDifferenceValue);
    }

    [Fact]
    public void RefusesBinaryInvalidAndHugeFiles()
    {
        Assert.Equal(SpsPluginErrorId.ConfigEncoding, Assert.Throws<SpsPluginException>(() => SpsPluginConfig.FromBytes(new byte[] { 0x5B, 0, 0x5D }, "x", null)).ErrorId);
        Assert.Equal(SpsPluginErrorId.ConfigEncoding, Assert.Throws<SpsPluginException>(() => SpsPluginConfig.FromBytes(new byte[] { 0x5B, 0xC3, 0x28 }, "x", null)).ErrorId);
        using var temp = new TempFolder();
        var huge = temp.Combine("huge.cfg");
        File.WriteAllBytes(huge, Encoding.ASCII.GetBytes("[a]\n" + new string('#', SpsPluginConfig.MaxBytes)));
        Assert.Equal(SpsPluginErrorId.ConfigTooLarge, Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Load(huge)).ErrorId);
    }

    [Fact]
    public void ReportsParseErrorsWithLineAndColumn()
    {
        // Line 4 is at the option's indentation, so it continues nothing; line 6 is deeper, so it continues ok.
        var config = SpsPluginConfig.Parse("[a]\nx=1\n\nbad line\nok=1\n  [unclosed\n");
        Assert.False(config.IsReadable);
        var error = Assert.Single(config.Diagnostics);
        Assert.Equal((4, 1), (error.Line!.Value, error.Column!.Value));
        Assert.Contains("'bad line'", error.Message);
        var missing = SpsPluginConfig.Parse("x=1\n[a]\n");
        Assert.Equal("ConfigMissingSectionHeader", missing.Diagnostics.Single().RuleId);
        var duplicate = SpsPluginConfig.Parse("[a]\nx=1\n  X = 2\n");
        Assert.True(duplicate.IsReadable);
        Assert.Equal("1\nX = 2", duplicate.GetOption("a", "x")!.Value);
    }

    [CorpusTheory]
    [InlineData("safeguard-sessions-plugin-duo-mfa/default.cfg")]
    public void EnablesTheDuoIkeyInPlaceInTheRealFile(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relativePath));
        var config = SpsPluginConfig.Parse(text).Set("duo", "ikey", "$");
        var before = text.Split('\n');
        var after = config.Text.Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal("ikey=$", after[Assert.Single(changed)]);
        Assert.StartsWith("; ikey=<", before[changed[0]]);
    }
}
