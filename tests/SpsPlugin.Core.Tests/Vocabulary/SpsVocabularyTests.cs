using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Vocabulary;

/// <summary>The table of SPS's words (hooks, arguments, verdicts, plugin types, failure kinds) against the reference, and its users against the table.</summary>
public sealed class SpsVocabularyTests
{
    // Written out from the SPS plugin reference, not from the table: §3.2 (AA signatures), §4.2 and §4.4 (credential store).
    private static readonly string[] AaAuthenticate =
    {
        "cookie", "session_cookie", "session_id", "protocol", "connection_name", "client_ip", "client_port",
        "client_hostname", "gateway_user", "gateway_domain", "server_username", "server_domain", "key_value_pairs",
    };

    private static readonly string[] AaAuthorize =
    {
        "cookie", "session_cookie", "session_id", "protocol", "connection_name", "client_ip", "client_port", "client_hostname",
        "gateway_user", "gateway_domain", "gateway_groups", "server_ip", "server_port", "server_hostname",
        "server_username", "server_domain", "key_value_pairs",
    };

    private static readonly string[] Session = { "session_id", "cookie", "session_cookie" };

    private static readonly string[] Credentials =
    {
        "session_id", "cookie", "session_cookie", "protocol", "client_hostname", "client_ip", "gateway_username", "gateway_password",
        "gateway_groups", "gateway_domain", "server_username", "server_ip", "server_hostname", "server_port", "server_domain",
    };

    public static TheoryData<string, string, SpsHookRequirement, string[]> ReferenceHooks => new()
    {
        { "aa", "authenticate", SpsHookRequirement.Required, AaAuthenticate },
        { "aa", "authorize", SpsHookRequirement.Optional, AaAuthorize },
        { "aa", "session_ended", SpsHookRequirement.Optional, Session },
        { "credentialstore", "get_password_list", SpsHookRequirement.OneOfAlternatives, Credentials },
        { "credentialstore", "get_private_key_list", SpsHookRequirement.OneOfAlternatives, Credentials },
        { "credentialstore", "authentication_completed", SpsHookRequirement.Optional, Session },
        { "credentialstore", "session_ended", SpsHookRequirement.Required, Session },
    };

    [Theory]
    [MemberData(nameof(ReferenceHooks))]
    public void EveryHookOfTheReferenceIsInTheTableWithItsRequirementAndArguments(string type, string name, SpsHookRequirement requirement, string[] arguments)
    {
        var hook = SpsHooks.Find(type, name);
        Assert.NotNull(hook);
        Assert.Equal(requirement, hook!.Requirement);
        Assert.Equal(arguments, hook.ArgumentNames);
        Assert.Matches(@"^§\d", hook.Source);
    }

    [Fact]
    public void TheTableHoldsNoHookTheReferenceLacks()
    {
        var expected = ReferenceHooks.Select(row => (string)row[0] + " " + (string)row[1]);
        Assert.Equal(expected, SpsHooks.All.Select(h => h.PluginType.Name + " " + h.Name));
        Assert.Equal(new[] { "authenticate", "authorize", "session_ended", "get_password_list", "get_private_key_list", "authentication_completed" }, SpsHooks.Names);
        Assert.Equal(new[] { "authenticate", "authorize", "session_ended" }, SpsHooks.For("aa").Select(h => h.Name));
        Assert.Empty(SpsHooks.For("signingca"));
        Assert.Empty(SpsHooks.For("nonsense"));
        Assert.Null(SpsHooks.Find("aa", "get_password_list"));
        Assert.True(SpsHooks.IsKnown("session_ended"));
        Assert.False(SpsHooks.IsKnown("authenticated"));
    }

    [Fact]
    public void DeprecatedArgumentsAreTheTargetAliasesOfTheServerNamesTheHookGets()
    {
        // §4.2 lists the credential store's four exactly; §3.2 names the AA aliases SDK 1.5 replaced.
        Assert.Equal(new[] { "target_username", "target_host", "target_port", "target_domain" }, SpsHooks.GetPasswordList.DeprecatedArgumentNames);
        Assert.Equal(new[] { "target_username", "target_domain" }, SpsHooks.Authenticate.DeprecatedArgumentNames);
        Assert.All(SpsHooks.All, h => Assert.All(h.DeprecatedArgumentNames, a => Assert.StartsWith("target_", a)));
        Assert.All(SpsHooks.All, h => Assert.Empty(h.ArgumentNames.Intersect(h.DeprecatedArgumentNames)));
    }

    [Fact]
    public void PluginTypesAreTheSdksKnownPluginTypes()
    {
        // KNOWN_PLUGIN_TYPES, reference §1.3; the SDK base classes §6.4 and §6.6.
        Assert.Equal(new[] { "aa", "configuration_sync", "credentialstore", "signingca" }, SpsPluginType.Known.Select(t => t.Name));
        Assert.Equal("AAPlugin", SpsPluginType.Find("aa")!.SdkBaseClass);
        Assert.Equal("CredentialStorePlugin", SpsPluginType.Find("credentialstore")!.SdkBaseClass);
        Assert.Null(SpsPluginType.Find("AA"));
        Assert.Same(SpsHooks.Authorize, SpsPluginType.Aa.Hooks[1]);
    }

    [Fact]
    public void VerdictsAreTheFourSpsReadsSpeltInUpperCase()
    {
        Assert.Equal(new[] { "ACCEPT", "DENY", "NEEDINFO", "NONE" }, SpsVerdict.Known);
        Assert.True(SpsVerdict.IsKnown("NEEDINFO"));
        Assert.False(SpsVerdict.IsKnown("accept"));
        Assert.False(SpsVerdict.IsKnown(SpsVerdict.SimulationError));
        Assert.False(SpsVerdict.IsKnown(null));
    }

    [Fact]
    public void HookArgumentsHaveAValueForEveryNameTheTableLists()
    {
        var connection = new SpsPluginConnection();
        foreach (var hook in SpsHooks.All)
        {
            var arguments = SpsPluginHookArguments.For(hook.Name, connection);
            Assert.Equal(hook.ArgumentNames.Concat(hook.DeprecatedArgumentNames).OrderBy(n => n, StringComparer.Ordinal), arguments.Keys.OrderBy(n => n, StringComparer.Ordinal));
        }
        Assert.Equal(SpsHooks.CommonArgumentNames, SpsPluginHookArguments.For("my_own_method", connection).Keys);
    }

    [Fact]
    public void TheHookHostReportsExactlyTheKindsTheTableMarksAsItsOwn()
    {
        var host = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "SpsPlugin.Core", "Simulation", "hook_host.py"));
        var reported = Regex.Matches(host, @"\bfailure\(""([^""]+)""").Cast<Match>().Select(m => m.Groups[1].Value).Distinct().OrderBy(k => k, StringComparer.Ordinal);
        var table = HookFailureKind.All.Where(k => k.ReportedByHost).Select(k => k.Name).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(table, reported);
        Assert.All(HookFailureKind.All, k => Assert.False(string.IsNullOrWhiteSpace(k.RecommendedAction)));
        Assert.Equal(HookFailureKind.All.Count, HookFailureKind.All.Select(k => k.Name).Distinct().Count());
    }

    [Fact]
    public void TheHookHelpNamesEveryFailureKind()
    {
        var help = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "help", "Invoke-SpsPluginHook.md"));
        var listed = Regex.Match(help, @"HookFailed\.<kind> \(([^;]+);").Groups[1].Value.Split(", ");
        Assert.Equal(HookFailureKind.All.Select(k => k.Name).OrderBy(k => k, StringComparer.Ordinal), listed.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void CheckBundleTakesTheSdkHooksFromTheRequestNotFromACopy()
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "SpsPlugin.Core", "Validation", "check_bundle.py"));
        Assert.Contains("SDK_HOOKS.update(request[\"sdk_hooks\"])", script);
        Assert.All(SpsHooks.Names, name => Assert.DoesNotContain("\"" + name + "\"", script));
    }

    [Fact]
    public void NoSourceOutsideTheTableSpellsAnSpsWord()
    {
        var vocabulary = Path.Combine(TestPaths.RepoRoot, "src", "SpsPlugin.Core", "Vocabulary");
        var offences = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(vocabulary + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => CSharpLiterals.Of(File.ReadAllText(f)).Where(SpellsAnSpsWord).Select(l => $"{Path.GetRelativePath(TestPaths.RepoRoot, f)}: \"{l}\""))
            .ToArray();
        Assert.True(offences.Length == 0, "Refer to SpsHooks, SpsVerdict, HookFailureKind or SpsPluginType instead of:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("session_ended", true)]
    [InlineData("calls get_password_list first", true)]
    [InlineData("NEEDINFO '", true)]
    [InlineData("no-hook", true)]
    [InlineData("result-too-large", true)]
    [InlineData("authorize", true)]
    [InlineData("add the method if the plugin needs to authorize or clean up", false)]
    [InlineData("timeout", false)]
    [InlineData("the hook's timeout", false)]
    [InlineData("Accept", false)]
    public void TheSourceCheckTellsAWordFromProse(string literal, bool spells) => Assert.Equal(spells, SpellsAnSpsWord(literal));

    [Fact]
    public void TheLiteralReaderFindsEveryKindOfLiteralAndSkipsTheRest()
    {
        const string source = "// \"in a comment\"\n/* \"in a block\" */ var c = '\"'; var d = '\\'';\n" +
            "var a = \"plain \\\"q\\\"\\nx\"; var b = @\"C:\\dir \"\"v\"\"\";\n" +
            "var e = $\"{(x ? \"inner\" : y.ToString(\"N0\"))} and {{braces}} {z:N0}\"; var f = $@\"{1}\\{2}\";";
        Assert.Equal(new[] { "plain \"q\"\nx", "C:\\dir \"v\"", "inner", "N0", "{} and {braces} {}", "{}\\{}" }, CSharpLiterals.Of(source));
    }

    /// <summary>
    /// A literal that is a hook name or a verdict, or holds a word that cannot be prose: a hook name
    /// with an underscore, an upper-case verdict, a hyphenated failure kind. authenticate and authorize
    /// in a sentence are English and pass. The one-word failure kinds (timeout, raised, import, syntax,
    /// exit…) are ordinary words and keys elsewhere, so they cannot be told apart by spelling: the
    /// runner names them through HookFailureKind, which the hook host test holds to hook_host.py.
    /// </summary>
    private static bool SpellsAnSpsWord(string literal)
    {
        var distinctive = SpsHooks.Names.Concat(SpsVerdict.Known).Concat(HookFailureKind.All.Select(k => k.Name))
            .Where(w => w.Contains('_') || w.Contains('-') || w == w.ToUpperInvariant());
        return SpsHooks.Names.Concat(SpsVerdict.Known).Contains(literal, StringComparer.Ordinal) ||
            distinctive.Any(w => Regex.IsMatch(literal, @"(?<![\w-])" + Regex.Escape(w) + @"(?![\w-])"));
    }
}
