using System;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// A Python source that is not UTF-8 does not import on SPS: PythonSyntax names it whether or not the Python
/// checks run, and whichever rule happened to read the file first.
/// </summary>
public sealed class SourceDecodingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Plugin() => new PluginBuilder().Set("good_plugin/latin1.py", Encoding.Latin1.GetBytes("x = 'caf\u00e9'\n")).WriteFolder(_temp);

    private static string[] SyntaxFindings(string plugin, bool usePython) =>
        SpsPluginValidator.Validate(plugin, new SpsPluginValidationOptions { UsePython = usePython })
            .Diagnostics.Where(d => d.RuleId == "PythonSyntax").Select(d => $"{d.Severity} {d.Entry}:{d.Line} {d.Message}").ToArray();

    [Fact]
    public void IsAPythonSyntaxErrorWithoutThePythonChecks()
    {
        var finding = Assert.Single(SyntaxFindings(Plugin(), usePython: false));
        Assert.StartsWith("Error good_plugin/latin1.py", finding);
    }

    [PythonFact]
    public void IsTheSameFindingWithThePythonChecks()
    {
        var plugin = Plugin();
        Assert.Equal(SyntaxFindings(plugin, usePython: false), SyntaxFindings(plugin, usePython: true));
    }
}
