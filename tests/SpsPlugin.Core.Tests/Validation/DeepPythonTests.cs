using System;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Python code nested beyond what Python parses, and structures that nest or branch without end:
/// check_bundle.py reports the file, finishes within its time, and the other checks still run.
/// </summary>
public sealed class DeepPythonTests : IDisposable
{
    private const int Far = 100_000;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [PythonTheory]
    [InlineData("x = ", "(", "1", ")")]
    [InlineData("x = ", "[", "", "]")]
    [InlineData("x = ", "-", "1", "")]
    [InlineData("x = ", "not ", "1", "")]
    [InlineData("x = a", "", "", ".b")]
    [InlineData("x = f", "", "", "()")]
    public void CodeNestedBeyondThePythonParserIsAFindingForItsFile(string start, string open, string inner, string close)
    {
        var deep = start + Repeat(open) + inner + Repeat(close) + "\n";
        var result = Validate(b => b.Set("good_plugin/deep.py", deep));

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "PythonUnavailable");
        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonSyntax");
        Assert.Equal("good_plugin/deep.py", finding.Entry);
        // The rest of the bundle was still analysed: Plugin and its hooks were found.
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "PythonPluginClass" or "PythonHook");
    }

    [PythonFact]
    public void ALongElifChainBeforeTheImportIsWalkedWithoutRecursion()
    {
        var main = PluginBuilder.GoodMain.Replace("from ", "if a:\n    pass\n" + string.Concat(Enumerable.Repeat("elif a:\n    pass\n", 2_000)) + "from ");
        var result = Validate(b => b.Set("main.py", main));

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "PythonUnavailable" or "PythonSyntax" or "PythonPluginClass" or "PythonHook");
    }

    [PythonFact]
    public void AClassThatNamesItselfAsEveryBaseIsResolvedOnceNotExponentially()
    {
        var bases = string.Join(", ", Enumerable.Repeat("Loop", 8));
        var module = PluginBuilder.GoodPluginModule.Replace("class Plugin(object):", $"class Loop({bases}):\n    pass\n\n\nclass Plugin({bases}, object):");
        var result = Validate(b => b.Set("good_plugin/plugin.py", module), TimeSpan.FromSeconds(20));

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "PythonUnavailable" or "PythonPluginClass");
    }

    [PythonFact]
    public void AModuleThePluginSearchReadsIsCheckedOnceAndItsSyntaxErrorStillReported()
    {
        // check_bundle.py parses the modules the Plugin search follows when it reaches them and every
        // other file afterwards: the module Plugin comes from must be neither skipped nor reported twice.
        var result = Validate(b => b
            .Set("good_plugin/plugin.py", "class Plugin(object):\n    def authenticate(self:\n        pass\n")
            .Set("aaa_first.py", "def broken(:\n    pass\n")
            .Set("zzz_last.py", "x = (\n"));

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "PythonUnavailable");
        var syntax = result.Diagnostics.Where(d => d.RuleId == "PythonSyntax").Select(d => d.Entry).OrderBy(e => e, StringComparer.Ordinal);
        Assert.Equal(new[] { "aaa_first.py", "good_plugin/plugin.py", "zzz_last.py" }, syntax);
        // Plugin's module does not parse: its hooks cannot be known, so none is reported missing.
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "PythonPluginClass" or "PythonHook");
    }

    private static string Repeat(string text) => string.Concat(Enumerable.Repeat(text, Far));

    private SpsPluginValidationResult Validate(Action<PluginBuilder> edit, TimeSpan? timeout = null)
    {
        var builder = new PluginBuilder();
        edit(builder);
        var options = new SpsPluginValidationOptions { UsePython = true };
        if (timeout != null)
        {
            options.PythonTimeout = timeout.Value;
        }
        return SpsPluginValidator.Validate(builder.WriteZip(_temp), options);
    }
}
