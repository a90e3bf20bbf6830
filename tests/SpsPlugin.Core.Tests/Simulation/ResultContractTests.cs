using System;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// Hook results checked as SPS reads them: one generated plugin per class of wrong result, each
/// failing its hook with wrong-result and a message naming the key, the value and what SPS takes.
/// </summary>
public sealed class ResultContractTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Plugin(string hook, string returned) => PluginBuilder.WithModule(
        "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n" +
        $"    def {hook}(self):\n        return {returned}\n" +
        "    def session_ended(self):\n        pass\n").WriteFolder(_temp);

    private SpsPluginHookResult Call(string hook, string returned) =>
        SpsPluginHookRunner.Invoke(new SpsPluginHookRequest { PluginPath = Plugin(hook, returned), Hook = hook, Timeout = TimeSpan.FromSeconds(20) });

    [PythonTheory]
    [InlineData("authenticate", "{'verdict': 'ACCEPTED'}", "verdict = 'ACCEPTED'", "did you mean ACCEPT?")]
    [InlineData("authenticate", "{'verdict': 'accept'}", "verdict = 'accept'", "did you mean ACCEPT?")]
    [InlineData("authorize", "{'verdict': 'REJECT'}", "verdict must be ACCEPT, DENY, NEEDINFO or NONE, spelt so", "does not let the connection through on another verdict (reference")]
    [InlineData("authenticate", "{'verdict': True}", "verdict = a bool", "must be ACCEPT, DENY")]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO', 'question': 'OTP?'}", "question = 'OTP?'", "(key, prompt)")]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO', 'question': (1, 'OTP: ')}", "question = a list", "no key text first")]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ', 'yes')}", "question = a list", "disable_echo")]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO'}", "NEEDINFO without a question", "nothing to ask")]
    [InlineData("authenticate", "{'verdict': 'ACCEPT', 'gateway_user': 42}", "gateway_user = an int", "it takes a text")]
    [InlineData("authorize", "{'verdict': 'ACCEPT', 'gateway_groups': 'admins'}", "gateway_groups = 'admins'", "list of texts")]
    [InlineData("authenticate", "{'verdict': 'ACCEPT', 'additional_metadata': {'reason': 'x'}}", "additional_metadata = a dict", "it takes a text")]
    [InlineData("authenticate", "{'verdict': 'ACCEPT', 'cookie': ['a']}", "cookie = a list", "it takes a dict")]
    [InlineData("get_password_list", "{'passwords': ['p'], 'session_cookie': 'x'}", "session_cookie = 'x'", "it takes a dict")]
    [InlineData("get_password_list", "{'passwords': 'secret'}", "passwords = a str", "list of texts")]
    [InlineData("get_private_key_list", "{'private_keys': ['PEM']}", "private_keys = a list", "(key_type, key) pair")]
    [InlineData("get_private_key_list", "{'private_keys': [('rsa', 'PEM')]}", "private_keys = a list", "ssh-rsa or ssh-dss")]
    public void AResultSpsCannotUseFailsTheHookNamingTheCause(string hook, string returned, string names, string explains)
    {
        var result = Call(hook, returned);
        Assert.Equal(HookFailureKind.WrongResult.Name, result.ErrorKind);
        Assert.Contains(names, result.Error);
        Assert.Contains(explains, result.Error);
        Assert.NotNull(result.Raw);
    }

    [PythonTheory]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ', True), 'cookie': {'n': 1}}")]
    [InlineData("authenticate", "{'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ')}")]
    [InlineData("authorize", "{'verdict': 'ACCEPT', 'gateway_user': 'alice', 'gateway_groups': ('a', 'b'), 'additional_metadata': '{}', 'my_key': 'my_value'}")]
    [InlineData("authenticate", "{'verdict': 'NONE'}")]
    [InlineData("authenticate", "{'verdict': None, 'gateway_user': None}")]
    [InlineData("authenticate", "None")]
    [InlineData("get_password_list", "{'passwords': []}")]
    [InlineData("get_private_key_list", "{'private_keys': [('ssh-rsa', 'PEM')]}")]
    [InlineData("session_ended", "{'verdict': 'whatever SPS does not read here', 'cookie': ['nor', 'this']}")]
    [InlineData("authentication_completed", "{'cookie': {'checked_in': True}}")]
    public void AResultSpsReadsPasses(string hook, string returned)
    {
        var result = Call(hook, returned);
        Assert.True(result.Succeeded, result.Error);
    }

    [PythonFact]
    public void AnUnknownVerdictStopsTheConnectionInsteadOfAcceptingIt()
    {
        var options = new SpsPluginSimulationOptions { AaPlugin = Plugin("authenticate", "{'verdict': 'ACCEPTED', 'cookie': {'seen': 1}}") };
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal(SpsVerdict.SimulationError, result.Verdict);
        Assert.Contains("did you mean ACCEPT?", result.Reason);
        Assert.DoesNotContain(result.Steps, s => s.Hook == SpsHooks.Authorize.Name);
        Assert.Empty(result.Steps[0].Result.Cookie);
    }
}
