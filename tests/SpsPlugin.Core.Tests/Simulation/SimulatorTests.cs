using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

public sealed class SimulatorTests : IDisposable
{
    private static readonly string TicketGate = Path.Combine(TestPaths.ExamplePlugins, "ticket_gate");
    private static readonly string JsonVault = Path.Combine(TestPaths.ExamplePlugins, "json_vault");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static SpsPluginSimulationOptions Options(string? loginName = null, params (string Key, string Value, bool Secret)[] answers)
    {
        var connection = new SpsPluginConnection();
        if (loginName != null)
        {
            connection.ApplyLoginName(loginName);
        }
        return new SpsPluginSimulationOptions
        {
            AaPlugin = TicketGate,
            AaConfiguration = File.ReadAllText(Path.Combine(TicketGate, "default.cfg")),
            Connection = connection,
            Answers = answers.Select(a => new KeyValuePair<string, SpsPluginAnswer>(a.Key, new SpsPluginAnswer(a.Value, a.Secret))).ToList(),
        };
    }

    [PythonFact]
    public void AnswersNeedinfoUntilAcceptedThenEndsTheSession()
    {
        var result = SpsPluginSimulator.Run(Options(null, ("ticket", "nope", false), ("ticket", "INC0012345", false)));
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Equal(new[] { "authenticate", "authenticate", "authenticate", "authorize", "session_ended" }, result.Steps.Select(s => s.Hook));
        Assert.Equal(2, result.Questions.Count);
        Assert.Equal(1L, result.Steps[2].Result.Cookie["attempts"]);
        Assert.Equal("nope", result.Steps[1].AnswerShown);
    }

    [PythonFact]
    public void ADenyStillEndsTheSession()
    {
        var result = SpsPluginSimulator.Run(Options(null, ("ticket", "a", false), ("ticket", "b", false), ("ticket", "c", false)));
        Assert.Equal("DENY", result.Verdict);
        Assert.Contains("3 attempts", result.Reason);
        Assert.Equal("session_ended", result.Steps.Last().Hook);
    }

    [PythonFact]
    public void SecretAnswersAreNeverShown()
    {
        var result = SpsPluginSimulator.Run(Options(null, ("ticket", "INC0099999", true)));
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Equal("********", result.Steps[1].AnswerShown);
        Assert.DoesNotContain(result.Steps, s => s.ToString().Contains("INC0099999"));
    }

    [PythonFact]
    public void AnUnansweredQuestionStopsWithAClearError()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginSimulator.Run(Options()));
        Assert.Equal(SpsPluginErrorId.QuestionUnanswered, error.ErrorId);
        Assert.Contains("-Answer @{ ticket = '…' }", error.Message);
    }

    [PythonFact]
    public void MaxQuestionsGuardsAgainstAPluginThatKeepsAsking()
    {
        var looping = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n    def authenticate(self):\n        return {'verdict': 'NEEDINFO', 'question': ('again', 'Again? ')}\n").WriteFolder(_temp);
        var options = Options();
        options.AaPlugin = looping;
        options.MaxQuestions = 3;
        options.Ask = _ => new SpsPluginAnswer("x", false);
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("ERROR", result.Verdict);
        Assert.Contains("more than 3 questions", result.Reason);
    }

    [PythonFact]
    public void AMissingOptionalHookIsSkippedAndAMissingAuthenticateEndsInAnError()
    {
        var options = Options();
        options.AaPlugin = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n    def authenticate(self):\n        return {'verdict': 'ACCEPT'}\n").WriteFolder(_temp);
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Equal(new[] { false, true, true }, result.Steps.Select(s => s.SkippedAsMissing));
        Assert.Equal(new[] { null, "no-hook", "no-hook" }, result.Steps.Select(s => s.Result.ErrorKind));

        options.AaPlugin = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n    def authorize(self):\n        return {'verdict': 'ACCEPT'}\n").WriteFolder(_temp);
        var missing = SpsPluginSimulator.Run(options);
        Assert.Equal("ERROR", missing.Verdict);
        Assert.StartsWith("authenticate failed: Plugin has no authenticate hook", missing.Reason);
        Assert.False(missing.Steps[0].SkippedAsMissing);
    }

    [PythonFact]
    public void APolicyWithOnlyACredentialStoreSkipsTheAaHooks()
    {
        var options = Options();
        options.AaPlugin = string.Empty;
        options.AaConfiguration = string.Empty;
        options.CredentialStore = JsonVault;
        options.CredentialStoreConfiguration = File.ReadAllText(Path.Combine(JsonVault, "default.cfg"));
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Single(result.Passwords);
        Assert.All(result.Steps, s => Assert.Equal("CredentialStore", s.Plugin));
        Assert.Equal(new[] { "get_password_list", "get_private_key_list", "authentication_completed", "session_ended" }, result.Steps.Select(s => s.Hook));
    }

    [PythonFact]
    public void TheCredentialStoreGetsTheSessionCookieAndReturnsCredentials()
    {
        var sharing = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n" +
            "    def authenticate(self, session_cookie):\n        return {'verdict': 'ACCEPT', 'gateway_user': 'alice', 'gateway_groups': ['ops'], 'session_cookie': dict(session_cookie, approved_by='aa')}\n").WriteFolder(_temp);
        var store = new PluginBuilder().Set("good_plugin/plugin.py",
            "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n" +
            "    def get_password_list(self, session_cookie, gateway_username, gateway_password):\n        return {'passwords': [session_cookie['approved_by'] + ':' + gateway_username + ':' + gateway_password]}\n" +
            "    def session_ended(self):\n        pass\n").Manifest(m => m.Replace("type: aa", "type: credentialstore")).WriteFolder(_temp);
        var options = Options();
        options.AaPlugin = sharing;
        options.CredentialStore = store;
        options.Connection.Protocol = "rdp";
        options.Connection.GatewayPassword = "gw-secret";
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Equal("alice", result.GatewayUser);
        Assert.Equal(new[] { "ops" }, result.GatewayGroups);
        Assert.Equal(new[] { "aa:alice:gw-secret" }, result.Passwords);
        Assert.DoesNotContain(result.Steps, s => s.Result.Log.Any(l => l.Contains("gw-secret")) || (s.Result.Error ?? string.Empty).Contains("gw-secret"));
        Assert.Equal(new[] { "authenticate", "authorize", "get_password_list", "authentication_completed", "session_ended", "session_ended" }, result.Steps.Select(s => s.Hook));
    }

    [PythonFact]
    public void ScenariosReportTheirDifferences()
    {
        var scenario = new SpsPluginScenario
        {
            Name = "expects too much",
            Simulation = Options("ticket=INC0012345@root"),
            Expect = new SpsPluginScenarioExpectation { Verdict = "DENY", GatewayUser = "bob", Prompts = new[] { "Ticket*" }, MaxDuration = TimeSpan.FromMilliseconds(1) },
        };
        var result = SpsPluginScenarioRunner.Run(scenario);
        Assert.False(result.Passed);
        Assert.Equal(new[] { "Verdict", "GatewayUser", "Prompts", "Duration" }, result.Differences.Select(d => d.Substring(0, d.IndexOf(':'))));
        scenario.Expect = new SpsPluginScenarioExpectation { Verdict = "accept", Prompts = Array.Empty<string>() };
        Assert.True(SpsPluginScenarioRunner.Run(scenario).Passed);
    }
}
