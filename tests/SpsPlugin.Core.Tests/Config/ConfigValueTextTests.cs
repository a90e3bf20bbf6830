using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// The table of .NET value classes a cmdlet may hand to a configuration option, each with the text
/// written or the refusal (ConfigValueType). Every row is checked under a culture with a decimal comma
/// and through a real Set, so the text is also what configparser reads back.
/// </summary>
public sealed class ConfigValueTextTests
{
    /// <summary>Class of value → examples → the text written.</summary>
    public static IEnumerable<object?[]> Written()
    {
        object?[] Row(string @class, object? value, string text) => new[] { @class, value, text };
        yield return Row("null", null, string.Empty);
        yield return Row("string", "debug", "debug");
        yield return Row("string", "$", "$");
        yield return Row("char", 'x', "x");
        yield return Row("boolean", true, "yes");
        yield return Row("boolean", false, "no");
        foreach (var integer in new object[] { sbyte.MinValue, byte.MaxValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue })
        {
            yield return Row("integer " + integer.GetType().Name, integer, Convert.ToString(integer, CultureInfo.InvariantCulture)!);
        }
        yield return Row("integer BigInteger", BigInteger.Pow(10, 30), "1" + new string('0', 30));
        yield return Row("decimal", 1234.50m, "1234.50");
        yield return Row("decimal", -0.001m, "-0.001");
        // Python's repr(float): what getfloat reads back as the same number.
        yield return Row("double", 0.1, "0.1");
        yield return Row("double", 3.0, "3.0");
        yield return Row("double", 1e16, "1e+16");
        yield return Row("double", 6.5e-7, "6.5e-07");
        yield return Row("double", double.NaN, "nan");
        yield return Row("single", 1.1f, "1.1");
    }

    /// <summary>Classes with no single text: refused, naming the type, never the value.</summary>
    public static IEnumerable<object[]> Refused()
    {
        object[] Row(object value, string typeName) => new[] { value, typeName };
        yield return Row(new DateTime(2026, 11, 30, 12, 0, 0), "System.DateTime");
        yield return Row(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), "System.DateTimeOffset");
        yield return Row(TimeSpan.FromMinutes(5), "System.TimeSpan");
        yield return Row(DayOfWeek.Monday, "System.DayOfWeek");
        yield return Row(new Hashtable { ["a"] = 1 }, "System.Collections.Hashtable");
        yield return Row(new Uri("https://example.com/secret-token"), "System.Uri");
        yield return Row(Guid.Parse("6c2b0b5e-5d55-4a39-9e5e-000000000001"), "System.Guid");
        yield return Row(new object(), "System.Object");
        yield return Row(new Func<int>(() => 1), "System.Func`1");
    }

    [Theory]
    [MemberData(nameof(Written))]
    public void WritesEachScalarClassAsTheSdkReadsItInAnyCulture(string @class, object? value, string expected)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(ConfigValueText.TryScalar(value, out var text), @class);
            Assert.Equal(expected, text);
            var written = SpsPluginConfig.Parse("[s]\n").Set("s", "o", ConfigValueText.ForOption(value, "s", "o", null));
            Assert.Equal(expected, written.GetOption("s", "o")!.Value);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesEveryOtherClassNamingTypeSectionAndOptionButNotTheValue(object value, string typeName)
    {
        Assert.False(ConfigValueText.TryScalar(value, out _));
        var error = Assert.Throws<SpsPluginException>(() => ConfigValueText.ForOption(value, "duo", "skey", null));
        Assert.Equal(SpsPluginErrorId.ConfigValueType, error.ErrorId);
        Assert.Contains(typeName, error.Message);
        Assert.Contains("[duo] skey", error.Message);
        var shown = Convert.ToString(value, CultureInfo.InvariantCulture)!;
        if (!shown.StartsWith(typeName, StringComparison.Ordinal))
        {
            Assert.DoesNotContain(shown, error.Message);
        }
        // Inside an array the item is refused the same way, with its position.
        var inArray = Assert.Throws<SpsPluginException>(() => ConfigValueText.ForOption(new[] { "a", value }, "auth", "interactive_protocols", null));
        Assert.Contains("item 2", inArray.Message);
        Assert.Contains(typeName, inArray.Message);
    }

    [Fact]
    public void ADateSaysHowToGiveItsText()
    {
        var error = Assert.Throws<SpsPluginException>(() => ConfigValueText.ForOption(DateTime.Now, "plugin", "since", null));
        Assert.Contains("ToString('yyyy-MM-dd')", error.Message);
    }

    [Theory]
    [InlineData("auth", "interactive_protocols")]
    [InlineData("whitelist source=ldap_server_group", "except")]
    [InlineData("auth", "Interactive_Protocols")]
    public void AnArrayIsJoinedWithCommasForTheSdksListOptions(string section, string option)
    {
        Assert.Equal("rdp,ssh,1,yes", ConfigValueText.ForOption(new object?[] { "rdp", "ssh", 1, true }, section, option, null));
    }

    [Theory]
    // Corpus templates (safeguard, hashicorp-vault, sra-initiated) show their lists with commas.
    [InlineData("[safeguard]\n; address=<address-or-hostname>\n; address=<address-or-hostname>,<address-or-hostname>,...\n", "safeguard", "address")]
    [InlineData("[plugin]\n; exclude_networks=10.0.0.0/8, 192.168.0.0/16\n", "plugin", "exclude_networks")]
    [InlineData("[hosts]\nnames = a,b\n", "hosts", "names")]
    public void AnArrayIsJoinedForAnOptionTheConfigurationShowsAsAList(string template, string section, string option)
    {
        var config = SpsPluginConfig.Parse(template);
        var text = ConfigValueText.ForOption(new[] { "10.0.0.1", "10.0.0.2" }, section, option, config);
        Assert.Equal("10.0.0.1,10.0.0.2", text);
        Assert.Equal(text, config.Set(section, option, text).GetOption(section, option)!.Value);
    }

    [Fact]
    public void AnArrayForAnOptionNotKnownAsAListIsRefused()
    {
        // The case: except=System.Object[] was written; the same option elsewhere is no list.
        var config = SpsPluginConfig.Parse("[whitelist source=user_list]\n; name=<list>\n");
        var error = Assert.Throws<SpsPluginException>(() => ConfigValueText.ForOption(new[] { "Admins", "Ops" }, "whitelist source=user_list", "name", config));
        Assert.Equal(SpsPluginErrorId.ConfigValueType, error.ErrorId);
        Assert.Contains("-join ','", error.Message);
        // What -WhatIf shows before the file is read is the list text.
        Assert.Equal("Admins,Ops", ConfigValueText.Preview(new[] { "Admins", "Ops" }, "whitelist source=user_list", "name"));
    }

    [Fact]
    public void AnItemHoldingTheSeparatorIsRefusedBecauseGetlistWouldSplitIt()
    {
        var error = Assert.Throws<SpsPluginException>(() => ConfigValueText.ForOption(new[] { "rdp", "ssh,telnet" }, "auth", "interactive_protocols", null));
        Assert.Contains("item 2", error.Message);
        Assert.Contains("separator", error.Message);
    }

    [Fact]
    public void TheLenientTextForEnvironmentVariablesSharesTheScalarRules()
    {
        Assert.Equal("yes", SpsPluginConfigText.FromValue(true));
        Assert.Equal("1e+16", SpsPluginConfigText.FromValue(1e16));
        Assert.Equal("Monday", SpsPluginConfigText.FromValue(DayOfWeek.Monday));
    }
}
