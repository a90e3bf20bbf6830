using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// Many bundles per interpreter process give the findings of one bundle at a time, and an explicit
/// interpreter that cannot run is an error before anything is validated, never a fallback.
/// </summary>
public sealed class PythonBatchTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [PythonFact]
    public void ABatchFindsWhatOneBundleAtATimeFinds()
    {
        var paths = Broken().Concat(CorpusTrees()).ToList();
        var options = new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find("8.0") };

        var batched = SpsPluginValidator.ValidateMany(paths, options).ToList();
        var single = paths.Select(p => SpsPluginValidator.Validate(p, options)).ToList();

        Assert.Equal(paths, batched.Select(r => r.Path));
        for (var i = 0; i < paths.Count; i++)
        {
            Assert.Equal(Describe(single[i]), Describe(batched[i]));
        }
        // The broken ones are found broken: the comparison is not between two empty lists.
        Assert.Contains(batched, r => r.Diagnostics.Any(d => d.RuleId == "PythonSyntax"));
        Assert.Contains(batched, r => r.Diagnostics.Any(d => d.RuleId == "PythonVerdict"));
    }

    [PythonFact]
    public void ABundleThatSpoilsItsBatchTakesNoOtherBundleWithIt()
    {
        // 30,000 methods answer more than the 1 MiB the batch's output may hold: the bundles after it
        // in the batch get no answer from that process and are checked again, one per process.
        var methods = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"    def method_{i}(self):\n        pass\n"));
        var huge = Zip(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule + methods));
        var paths = new[] { Zip(_ => { }), huge, Zip(_ => { }), Zip(b => b.Set("good_plugin/plugin.py", "def broken(:\n")) };

        var results = SpsPluginValidator.ValidateMany(paths, new SpsPluginValidationOptions()).ToList();

        Assert.NotNull(results[0].Interpreter);
        Assert.Contains(results[1].Diagnostics, d => d.RuleId == "PythonUnavailable" && d.Message.Contains("answered something unexpected"));
        Assert.Null(results[1].Interpreter);
        Assert.NotNull(results[2].Interpreter);
        Assert.DoesNotContain(results[2].Diagnostics, d => d.Severity != Severity.Information);
        Assert.Contains(results[3].Diagnostics, d => d.RuleId == "PythonSyntax");
    }

    [PythonFact]
    public void TheResultNamesTheInterpreterThatRanTheChecks()
    {
        var python = PythonLocator.Resolve()!;
        var result = SpsPluginValidator.Validate(Zip(_ => { }), new SpsPluginValidationOptions());

        Assert.Equal($"{python.Path} (Python {python.Version}), {python.Source}", result.Interpreter);
        Assert.StartsWith("3.", python.Version.ToString());
        Assert.Null(SpsPluginValidator.Validate(Zip(_ => { }), new SpsPluginValidationOptions { UsePython = false }).Interpreter);
    }

    [Theory]
    [InlineData("/nonexistent/python3", "does not exist")]
    [InlineData("not-python.sh", "does not run as a Python 3 interpreter")]
    public void AnExplicitInterpreterThatCannotRunIsAnErrorNamingItsSource(string python, string reason)
    {
        var path = python.StartsWith("/", StringComparison.Ordinal) ? python : _temp.Write(python, "this is no interpreter\n");

        var fromParameter = Assert.Throws<SpsPluginException>(() => PythonLocator.Resolve(path, null));
        var fromEnvironment = Assert.Throws<SpsPluginException>(() => PythonLocator.Resolve(null, path));

        Assert.Equal(SpsPluginErrorId.PythonNotFound, fromParameter.ErrorId);
        Assert.Equal($"-PythonPath names '{path}', which {reason}. Give it the path of a Python 3 interpreter, or leave it out to let SpsPlugin search for one.", fromParameter.Message);
        Assert.StartsWith($"the environment variable SPSPLUGIN_PYTHON names '{path}', which {reason}.", fromEnvironment.Message);
        Assert.Equal(path, fromEnvironment.Path);
    }

    [Fact]
    public void ValidationStopsBeforeTheFirstBundleWhenTheNamedInterpreterCannotRun()
    {
        var bundle = Zip(_ => { });

        var failure = Assert.Throws<SpsPluginException>(() => SpsPluginValidator.ValidateMany(new[] { bundle }, new SpsPluginValidationOptions { PythonPath = "/nonexistent/python3" }));

        Assert.Equal(SpsPluginErrorId.PythonNotFound, failure.ErrorId);
        // -SkipPythonCheck does not look at the interpreter at all.
        Assert.Single(SpsPluginValidator.ValidateMany(new[] { bundle }, new SpsPluginValidationOptions { PythonPath = "/nonexistent/python3", UsePython = false }));
    }

    [Fact]
    public void WithoutPythonTheSkippedChecksAreAWarningThatSaysWhichAndHow()
    {
        var result = SpsPluginValidator.Validate(Zip(b => b.Set("good_plugin/plugin.py", "def broken(:\n")), new SpsPluginValidationOptions { UsePython = false });

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "PythonUnavailable");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("Skipped: syntax, the Plugin class and hooks (checked by their text only), hook signatures and literal verdicts.", finding.Message);
        Assert.Contains("-PythonPath", finding.SuggestedFix);
    }

    private IEnumerable<string> Broken()
    {
        yield return Zip(_ => { });
        yield return new PluginBuilder().WriteFolder(_temp);
        yield return Zip(b => b.Set("good_plugin/plugin.py", "def broken(:\n"));
        yield return Zip(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("'ACCEPT', 'cookie'", "'ACCEPTED', 'cookie'")));
        yield return Zip(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authorize(self, cookie)", "def authorise(self, sessionid)")));
        yield return Zip(b => b.Set("good_plugin/deep.py", "x = " + new string('(', 100_000) + new string(')', 100_000) + "\n"));
        yield return Zip(b => b.Set("good_plugin/latin1.py", Encoding.Latin1.GetBytes("x = 'caf\u00e9'\n")));
        yield return Zip(b => b.Set("main.py", "#!/usr/bin/env pluginwrapper3\nfrom good_plugin.plugin import Other\n"));
        yield return Zip(b => b.Remove("main.py"));
        yield return _temp.Combine("does-not-exist.zip");
        yield return PluginBuilder.WriteBytes(_temp, new byte[] { 1, 2, 3 });
    }

    private static IEnumerable<string> CorpusTrees() =>
        TestPaths.CorpusExists ? Directory.EnumerateDirectories(Path.Combine(TestPaths.Corpus, "trees")).OrderBy(d => d, StringComparer.Ordinal) : Enumerable.Empty<string>();

    private static string Describe(SpsPluginValidationResult result) =>
        result.Path + " | " + result.Interpreter + "\n" + string.Join("\n", result.Diagnostics.Select(d => $"{d.RuleId} {d.Severity} {d.Entry}:{d.Line}:{d.Column} {d.Message} | {d.SuggestedFix}"));

    private string Zip(Action<PluginBuilder> edit)
    {
        var builder = new PluginBuilder();
        edit(builder);
        return builder.WriteZip(_temp);
    }
}
