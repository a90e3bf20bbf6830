using System;
using System.Collections;
using System.Xml.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// A scenario's RequiresModule: when the interpreter cannot import a module the scenario needs (the
/// SDK, typically), the scenario is skipped with a reason naming the interpreter and the module, and
/// the JUnit report says skipped, not failed; when it can, the scenario runs.
/// </summary>
public sealed class RequiredModuleTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _plugin;
    private readonly string _file;

    public RequiredModuleTests()
    {
        _plugin = new PluginBuilder().WriteFolder(_temp);
        _file = _temp.Combine("needs.scenario.psd1");
    }

    public void Dispose() => _temp.Dispose();

    private SpsPluginScenarioResult Run(params object[] modules) => SpsPluginScenarioRunner.Run(SpsPluginScenarioFile.Read(_file,
        new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Plugin"] = _plugin, ["RequiresModule"] = modules, ["Expect"] = new Hashtable { ["Verdict"] = "ACCEPT" } },
        TimeSpan.FromSeconds(30), null));

    [PythonFact]
    public void AMissingModuleSkipsTheScenarioNamingTheInterpreterAndOnlyTheMissingModule()
    {
        var result = Run("json", "spsplugin_no_such_module", "safeguard_no_such.sessions");
        Assert.True(result.Skipped);
        Assert.False(result.Passed);
        Assert.Empty(result.Differences);
        Assert.Null(result.Simulation);
        Assert.Equal(string.Empty, result.Verdict);
        Assert.StartsWith(SpsPluginHookRunner.FindInterpreterOrFail(null, null).Path + " cannot import spsplugin_no_such_module, safeguard_no_such.sessions (RequiresModule);", result.SkipReason);
        Assert.Contains("-PythonPath", result.SkipReason);
    }

    [PythonFact]
    public void ModulesTheInterpreterHasLetTheScenarioRun()
    {
        var result = Run("json", "xml.etree");
        Assert.False(result.Skipped);
        Assert.NotNull(result.Simulation);
    }

    [PythonFact]
    public void TheJunitReportCountsASkippedScenarioAsSkippedNotFailed()
    {
        var suite = XDocument.Parse(SpsPluginScenarioReport.Junit(new[] { Run("spsplugin_no_such_module") })).Root!.Element("testsuite")!;
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        Assert.StartsWith(SpsPluginHookRunner.FindInterpreterOrFail(null, null).Path + " cannot import spsplugin_no_such_module", suite.Element("testcase")!.Element("skipped")!.Attribute("message")!.Value);
    }
}
