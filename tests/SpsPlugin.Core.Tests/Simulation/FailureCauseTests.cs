using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>A simulation names the cause of each failure once: skipped hooks, a plugin that does not load, questions left without an answer.</summary>
public sealed class FailureCauseTests : IDisposable
{
    private const string Header = "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Plugin(string module, string? main = null) => PluginBuilder.WithModule(module, main).WriteFolder(_temp);

    [PythonFact]
    public void AHookThePluginLacksAndSpsSkipsIsShownAsSkipped()
    {
        var result = SpsPluginSimulator.Run(new SpsPluginSimulationOptions { AaPlugin = Plugin(Header + "    def authenticate(self):\n        return {'verdict': 'ACCEPT'}\n") });
        Assert.Equal(SpsVerdict.Accept, result.Verdict);
        Assert.Equal(new[] { SpsPluginStepStatus.Succeeded, SpsPluginStepStatus.Skipped, SpsPluginStepStatus.Skipped }, result.Steps.Select(s => s.Status).ToArray());
        Assert.Equal("2. AA authorize: skipped: the plugin does not define authorize; SPS goes on without it", result.Steps[1].ToString());
        Assert.DoesNotContain(result.Steps, s => s.ToString().Contains("failed"));
    }

    [PythonTheory]
    [InlineData("syntax", "def broken(:\n")]
    [InlineData("import", "import no_such_module_anywhere\n")]
    [InlineData("sdk-missing", "from safeguard.sessions.plugin import AAPlugin\n")]
    public void APluginThatDoesNotLoadIsReportedOnceNotOncePerHook(string kind, string main)
    {
        var result = SpsPluginSimulator.Run(new SpsPluginSimulationOptions { AaPlugin = Plugin(string.Empty, main) });
        Assert.Equal(SpsVerdict.SimulationError, result.Verdict);
        Assert.Single(result.Steps, s => s.Status == SpsPluginStepStatus.Failed);
        Assert.Equal(kind, result.Steps[0].Result.ErrorKind);
        var ended = result.Steps.Last();
        Assert.Equal((SpsHooks.AaSessionEnded.Name, SpsPluginStepStatus.Skipped), (ended.Hook, ended.Status));
        Assert.Equal($"not called: the plugin did not load ({kind}, reported at step 1)", ended.NotCalledBecause);
    }

    private string Asking() => Plugin(Header +
        "    def authenticate(self, key_value_pairs):\n" +
        "        if key_value_pairs.get('otp') == 'right':\n            return {'verdict': 'ACCEPT'}\n" +
        "        return {'verdict': 'NEEDINFO', 'question': ('otp', 'One-time password: ')}\n");

    [PythonFact]
    public void AQuestionAskedAgainAfterTheAnswersRanOutSaysSo()
    {
        var options = new SpsPluginSimulationOptions { AaPlugin = Asking(), Answers = { new("otp", new SpsPluginAnswer("wrong", false)) } };
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginSimulator.Run(options));
        Assert.Equal(SpsPluginErrorId.QuestionUnanswered, error.ErrorId);
        Assert.Equal("The plugin asked 'One-time password:' (key 'otp') again, and no answer is left: the 1 answer given for 'otp' was used by the earlier question (each answer is given once, in order): give -Answer @{ otp = '…', '…' }, or run interactively.", error.Message);
    }

    [PythonFact]
    public void AnAnswerGivenTwiceIsUsedForTheRepeatedQuestion()
    {
        var options = new SpsPluginSimulationOptions { AaPlugin = Asking(), Answers = { new("otp", new SpsPluginAnswer("wrong", false)), new("otp", new SpsPluginAnswer("right", false)) } };
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal(SpsVerdict.Accept, result.Verdict);
        Assert.Equal(new[] { "wrong", "right" }, result.Steps.Where(s => s.AnswerShown != null).Select(s => s.AnswerShown));
    }

    [PythonFact]
    public void AScenarioWithoutTheAnswerNamesTheKeyTheFileNeeds()
    {
        var file = _temp.Combine("otp.scenario.psd1");
        var plugin = Asking();
        var scenario = SpsPluginScenarioFile.Read(file, new Hashtable { ["Plugin"] = plugin }, TimeSpan.FromSeconds(20), null);
        var result = SpsPluginScenarioRunner.Run(scenario);
        Assert.False(result.Passed);
        Assert.Contains($"and there is no answer for that key: add it to the Answers of the scenario file '{file}': Answers = @{{ otp = '…' }}.", result.Error);
        Assert.DoesNotContain("-Answer", result.Error);
    }

    private static SpsPluginHookResult Call(string plugin, string hook = "authenticate") =>
        SpsPluginHookRunner.Invoke(new SpsPluginHookRequest { PluginPath = plugin, Hook = hook, Timeout = TimeSpan.FromSeconds(20) });

    [PythonFact]
    public void ARenamedPluginClassIsDescribedAsWhatItIsByTheHostAndTheValidator()
    {
        var builder = PluginBuilder.WithModule(PluginBuilder.GoodPluginModule.Replace("class Plugin(", "class TicketPlugin("));
        var hook = Call(builder.WriteFolder(_temp));
        Assert.Equal(HookFailureKind.NoPlugin.Name, hook.ErrorKind);
        Assert.Equal("main.py imports Plugin from good_plugin/plugin.py, which defines no Plugin", hook.Error);
        var finding = Assert.Single(SpsPluginValidator.Validate(builder.WriteZip(_temp), new SpsPluginValidationOptions { UsePython = true }).Diagnostics, d => d.RuleId == "PythonPluginClass");
        Assert.Equal("main.py imports Plugin from good_plugin/plugin.py, which defines no Plugin.", finding.Message);
    }

    [PythonFact]
    public void AFolderWithoutMainPySaysSoAsTheValidatorDoes()
    {
        var folder = new PluginBuilder().Remove("main.py").WriteFolder(_temp);
        var hook = Call(folder);
        Assert.Equal(HookFailureKind.NoEntry.Name, hook.ErrorKind);
        Assert.Equal($"There is no main.py at the root of '{folder}', so SPS has nothing to run (Test-SpsPluginBundle: StructureMainPy): add main.py at the root, e.g. '#!/usr/bin/env pluginwrapper3' then 'from my_plugin.plugin import Plugin'.", hook.Error);
        Assert.Null(hook.Traceback);
        var result = SpsPluginSimulator.Run(new SpsPluginSimulationOptions { AaPlugin = folder });
        Assert.Single(result.Steps, s => s.Status == SpsPluginStepStatus.Failed);
    }

    [PythonTheory]
    [InlineData("    def authenticate(self):\n        return helper()\ndef helper():\n    raise KeyError('missing')\n", "in helper")]
    [InlineData("    def authenticate(self):\n        return {}\nimport no_such_module_anywhere\n", "no_such_module_anywhere")]
    [InlineData("    def authenticate(self):\n        return {}\ndef broken(:\n", "broken(:")]
    public void TracebacksShowThePluginsFramesOnly(string body, string shows)
    {
        var result = Call(Plugin(Header + body));
        Assert.Contains(shows, result.Traceback);
        Assert.Contains("plugin.py", result.Traceback);
        Assert.DoesNotContain("<string>", result.Traceback);
        Assert.DoesNotContain("<frozen", result.Traceback);
        Assert.DoesNotContain("exec_module", result.Traceback);
    }

    private string Answered(string body) => Plugin(Header +
        "    def authenticate(self, key_value_pairs):\n" +
        "        if 'otp' not in key_value_pairs:\n            return {'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ', True)}\n" +
        "        " + body + "\n");

    [PythonFact]
    public void ASecretEqualToAWordOfSpsPluginsMessageLeavesTheMessageIntact()
    {
        var options = new SpsPluginSimulationOptions { AaPlugin = Answered("return {'verdict': 'ACCEPT', 'cookie': {'otp': key_value_pairs['otp'].encode()}}"), Answers = { new("otp", new SpsPluginAnswer("bytes", true)) } };
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("authenticate failed: the result cannot be sent back to SPS as JSON: result['cookie']['otp'] (a bytes)", result.Reason);
        Assert.Equal(result.Reason, "authenticate failed: " + result.Steps[1].Result.Error);
    }

    [PythonTheory]
    [InlineData("raise ValueError('the code ' + key_value_pairs['otp'] + ' is wrong')", "ValueError: the code ******** is wrong")]
    [InlineData("return {'verdict': 'DENY', 'reason': 'code ' + key_value_pairs['otp'] + ' refused'}", "code ******** refused")]
    [InlineData("return {'verdict': 'ACCEPT', 'cookie': {key_value_pairs['otp']: b'x'}}", "result['cookie']['********'] (a bytes)")]
    [InlineData("return {'verdict': key_value_pairs['otp']}", "verdict = '********'")]
    public void TheSecretIsMaskedWhereThePluginShowsItReasonIncluded(string body, string reason)
    {
        var options = new SpsPluginSimulationOptions { AaPlugin = Answered(body), Answers = { new("otp", new SpsPluginAnswer("bytes", true)) } };
        var result = SpsPluginSimulator.Run(options);
        Assert.Contains(reason, result.Reason);
        Assert.DoesNotContain("bytes", result.Reason!.Replace("(a bytes)", string.Empty));
    }
}
