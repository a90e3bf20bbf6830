using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
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

    private string Plugin(string module, string? main = null)
    {
        var builder = new PluginBuilder().Set("good_plugin/plugin.py", module);
        if (main != null)
        {
            builder.Set("main.py", main);
        }
        return builder.WriteFolder(_temp);
    }

    [PythonFact]
    public void AHookThePluginLacksAndSpsSkipsIsShownAsSkipped()
    {
        var result = SpsPluginSimulator.Run(new SpsPluginSimulationOptions { AaPlugin = Plugin(Header + "    def authenticate(self):\n        return {'verdict': 'ACCEPT'}\n") });
        Assert.Equal(SpsVerdict.Accept, result.Verdict);
        Assert.Equal(new[] { SpsPluginStepStatus.Succeeded, SpsPluginStepStatus.Skipped, SpsPluginStepStatus.Skipped }, result.Steps.Select(s => s.Status));
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
}
