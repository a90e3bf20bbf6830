using System;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Hook contracts (issue 12): each false green the gate gave, as a plugin SPS cannot call, and
/// the finding that now names the file, the line and the fix.
/// </summary>
public sealed class HookContractTests : IDisposable
{
    private static readonly string[] ContractRules = { "PythonHookSignature", "PythonHookName", "PythonVerdict", "PythonHook" };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [PythonFact]
    public void ARequiredParameterSpsDoesNotPassIsAnErrorWithASuggestion()
    {
        var result = Validate(Module("    def authenticate(self, sessionid, cookie, key_value_pairs):\n        return {'verdict': 'ACCEPT'}\n"));

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonHookSignature");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("good_plugin/plugin.py", finding.Entry);
        Assert.Equal(2, finding.Line);
        Assert.Contains("sessionid is not an argument SPS passes to authenticate; did you mean session_id?", finding.Message);
        Assert.False(result.IsValid);
    }

    [PythonTheory]
    [InlineData("def authenticate(self, cookie, /):", "cookie is positional-only")]
    [InlineData("def authenticate(self, *, ticket):", "ticket is not an argument SPS passes")]
    [InlineData("def authenticate():", "no self parameter")]
    [InlineData("@staticmethod\n    def authenticate(self):", "self is not an argument SPS passes")]
    public void SignaturesSpsCannotCallAreErrors(string definition, string expected)
    {
        var result = Validate(Module($"    {definition}\n        return None\n"));

        Assert.Contains(result.Diagnostics, d => d.RuleId == "PythonHookSignature" && d.Message.Contains(expected));
    }

    [PythonTheory]
    [InlineData("def authenticate(self, cookie, ticket=None):")]
    [InlineData("def authenticate(self, **kwargs):")]
    [InlineData("def authenticate(self, *args, session_id, target_username, **kwargs):")]
    [InlineData("def authenticate(*args):")]
    [InlineData("@staticmethod\n    def authenticate(key_value_pairs):")]
    [InlineData("@classmethod\n    def authenticate(cls, cookie=None, /, *, key_value_pairs):")]
    [InlineData("@some_wrapper\n    def authenticate(self, anything):")]
    public void SignaturesSpsCanCallPass(string definition)
    {
        var result = Validate(Module($"    {definition}\n        return None\n"));

        Assert.DoesNotContain(result.Diagnostics, d => ContractRules.Contains(d.RuleId));
    }

    [PythonFact]
    public void AnInheritedHookIsCheckedWhereItIsDefined()
    {
        var result = Validate(b => b.Set("good_plugin/plugin.py",
            "class Base(object):\n    def authenticate(self, ticket):\n        return None\n\n" +
            "class Plugin(Base):\n    def authorize(self, cookie):\n        return None\n\n    def session_ended(self, session_id):\n        pass\n"));

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonHookSignature");
        Assert.Equal(2, finding.Line);
    }

    [PythonFact]
    public void TheSdkCallsItsUserHooksWithoutArguments()
    {
        const string sdk = "from safeguard.sessions.plugin import AAPlugin\n\nclass Plugin(AAPlugin):\n";
        var bad = Validate(b => b.Set("good_plugin/plugin.py", sdk + "    def do_authenticate(self, username):\n        return None\n"));
        var good = Validate(b => b.Set("good_plugin/plugin.py", sdk + "    def do_authenticate(self):\n        return None\n\n    def helper():\n        return None\n"));

        var finding = Assert.Single(bad.Diagnostics, d => d.RuleId == "PythonHookSignature");
        Assert.Contains("calls do_authenticate() without arguments", finding.Message);
        Assert.DoesNotContain(good.Diagnostics, d => ContractRules.Contains(d.RuleId));
    }

    [PythonFact]
    public void AMisspeltOptionalHookIsAWarning()
    {
        var result = Validate(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authorize", "def authorise")));

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonHookName");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("did you mean authorize?", finding.Message);
        Assert.True(result.IsValid);
    }

    [PythonFact]
    public void AMisspeltRequiredHookIsTheMissingHookErrorWithTheSuggestion()
    {
        var module = "class Plugin(object):\n    def get_passwords_list(self, cookie):\n        return {'passwords': []}\n\n    def session_ended(self, session_id):\n        pass\n";
        var result = Validate(b => b.Set("good_plugin/plugin.py", module).Manifest(m => m.Replace("type: aa", "type: credentialstore")));

        Assert.Contains(result.Diagnostics, d => d.RuleId == "PythonHookName" && d.Message.Contains("did you mean get_password_list?"));
        var missing = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonHook");
        Assert.Contains("get_passwords_list (line 2) is not a hook: did you mean get_password_list?", missing.Message);
        Assert.Equal("rename the method to the hook's name", missing.SuggestedFix);
    }

    [PythonTheory]
    [InlineData("return {'verdict': 'ACCEPTED'}", "ACCEPTED", "ACCEPT")]
    [InlineData("return {'verdict': 'accept', 'cookie': {}}", "accept", "ACCEPT")]
    [InlineData("return dict(verdict='DENIED')", "DENIED", "DENY")]
    [InlineData("result = {'verdict': 'NEED_INFO'}\n        return result", "NEED_INFO", "NEEDINFO")]
    public void AVerdictSpsDoesNotKnowIsAnErrorWithItsLine(string body, string verdict, string suggestion)
    {
        var result = Validate(Module($"    def authenticate(self, cookie):\n        {body}\n"));

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonVerdict");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(3, finding.Line);
        Assert.Contains($"'{verdict}'", finding.Message);
        Assert.Contains($"did you mean {suggestion}?", finding.Message);
    }

    [PythonFact]
    public void KnownVerdictsAndComputedOnesPass()
    {
        var result = Validate(Module("    def authenticate(self, cookie):\n        v = 'ACCEPT'\n        if cookie:\n            return {'verdict': v}\n" +
            "        return {'verdict': 'NEEDINFO', 'question': ('otp', 'OTP:', True)} or {'verdict': 'NONE'} or dict(verdict='DENY')\n"));

        Assert.DoesNotContain(result.Diagnostics, d => ContractRules.Contains(d.RuleId));
    }

    public static System.Collections.Generic.IEnumerable<object[]> Trees() =>
        TestPaths.CorpusExists
            ? Directory.EnumerateDirectories(Path.Combine(TestPaths.Corpus, "trees")).Select(d => new object[] { Path.GetFileName(d) })
            : new[] { new object[] { "(no corpus)" } };

    [CorpusTheory]
    [MemberData(nameof(Trees))]
    public void OneIdentitysPluginsKeepTheirHookContracts(string tree)
    {
        var folder = Path.Combine(TestPaths.Corpus, "trees", tree);
        var result = SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions());

        // The hook checks ran (a tree without Python files, thycotic-secret-server's, has nothing to check).
        var hasPython = Directory.EnumerateFiles(folder, "*.py", SearchOption.AllDirectories).Any();
        Assert.True(result.Interpreter != null || !hasPython || PythonLocator.Find() == null, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => ContractRules.Contains(d.RuleId) && d.Severity != Severity.Information);
    }

    private static Action<PluginBuilder> Module(string hook) => b => b.Set("good_plugin/plugin.py",
        "class Plugin(object):\n" + hook + "\n    def authorize(self, cookie):\n        return None\n\n    def session_ended(self, session_id):\n        pass\n");

    private SpsPluginValidationResult Validate(Action<PluginBuilder> edit)
    {
        var builder = new PluginBuilder();
        edit(builder);
        return SpsPluginValidator.Validate(builder.WriteZip(_temp), new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find("8.0") });
    }
}
