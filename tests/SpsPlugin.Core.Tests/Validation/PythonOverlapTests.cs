using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Simulation;
using SpsPlugin.Tests.Support;
using SpsPlugin.Validation;

namespace SpsPlugin.Tests.Validation;

/// <summary>
/// A batch's interpreter works while the rules that do not read its answers run, and the next batch's
/// while this batch's last rules run and its results are taken: the findings stay those of one bundle at
/// a time, and a caller that stops taking results leaves no interpreter behind.
/// </summary>
public sealed class PythonOverlapTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [PythonFact]
    public void ResultsAcrossBatchesAreThoseOfOneBundleAtATime()
    {
        var kinds = new[]
        {
            Zip(_ => { }),
            Zip(b => b.Set("good_plugin/plugin.py", "def broken(:\n")),
            Zip(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("'ACCEPT', 'cookie'", "'ACCEPTED', 'cookie'"))),
            Zip(b => b.Set("good_plugin/plugin.py", PluginBuilder.GoodPluginModule.Replace("def authorize(self, cookie)", "def authorise(self, sessionid)"))),
            Zip(b => b.Set("main.py", "#!/usr/bin/env pluginwrapper3\r\nfrom good_plugin.plugin import Plugin\r\n")),
            _temp.Combine("does-not-exist.zip"),
        };
        // Three batches of 64 and a last one, each bundle kind at every place of a batch.
        var paths = Enumerable.Range(0, 3 * PythonAnalysis.BatchBundles + 5).Select(i => kinds[i % kinds.Length]).ToList();
        var options = new SpsPluginValidationOptions { TargetRelease = SpsRelease.Find("8.0"), MinimumSeverity = Severity.Information };

        var batched = SpsPluginValidator.ValidateMany(paths, options).ToList();
        var alone = kinds.ToDictionary(k => k, k => Describe(SpsPluginValidator.Validate(k, options)));

        Assert.Equal(paths, batched.Select(r => r.Path));
        for (var i = 0; i < paths.Count; i++)
        {
            Assert.Equal(alone[paths[i]], Describe(batched[i]));
        }
        Assert.Contains(batched, r => r.Diagnostics.Any(d => d.RuleId == "PythonSyntax"));
        Assert.Contains(batched, r => r.Diagnostics.Any(d => d.RuleId == "StructureCrlfLineEnds"));
    }

    [LinuxPythonFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ACallerThatStopsTakingResultsLeavesNoInterpreterOfTheNextBatch()
    {
        // The version probe and the first check run (its script reads feature_version) are the real interpreter;
        // every later check run hangs (as a sleep the test can find),
        // so the second batch's interpreter is still working when the caller stops.
        var marker = "317." + Environment.ProcessId;
        var python = PythonLocator.Find()!;
        var script = _temp.Write("python3", "#!/bin/sh\n" +
            $"case \"$*\" in *feature_version*) ;; *) exec '{python}' \"$@\" ;; esac\n" +
            $"if mkdir '{_temp.Combine("first")}' 2>/dev/null; then exec '{python}' \"$@\"; fi\n" +
            $"touch '{_temp.Combine("hanging")}'\n" +
            $"exec sleep {marker}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var bundle = Zip(_ => { });
        var paths = Enumerable.Repeat(bundle, PythonAnalysis.BatchBundles + 1).ToList();

        var results = SpsPluginValidator.ValidateMany(paths, new SpsPluginValidationOptions { PythonPath = script }).GetEnumerator();
        Assert.True(results.MoveNext());
        Assert.NotNull(results.Current.Interpreter);
        var watch = Stopwatch.StartNew();
        while (!File.Exists(_temp.Combine("hanging")) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            System.Threading.Thread.Sleep(20);
        }
        Assert.True(File.Exists(_temp.Combine("hanging")), "the next batch's interpreter did not start while the first batch's results were taken");
        watch.Restart();
        results.Dispose();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TextsReadOnEveryCoreRecordEachFailureAsOneByOneReadsDo(bool usePython)
    {
        // More than a mebibyte of source, so the reads are shared out, with undecodable files among them.
        var builder = new PluginBuilder();
        for (var i = 0; i < 48; i++)
        {
            builder.Set($"vendor/module_{i:D2}.py", string.Concat(Enumerable.Repeat($"value_{i} = {i}  # padding padding padding\n", 600)));
        }
        builder.Set("vendor/module_07.py", System.Text.Encoding.Latin1.GetBytes("x = 'caf\u00e9'\n"));
        builder.Set("vendor/module_31.py", System.Text.Encoding.Latin1.GetBytes("y = '\u00ff'\n"));
        builder.Set("vendor/module_40.py", "a = 1\r\nb = 2\r\n");
        var zip = builder.WriteZip(_temp);
        var options = new SpsPluginValidationOptions { UsePython = usePython && PythonLocator.Find() != null, TargetRelease = SpsRelease.Find("8.0") };

        var results = SpsPluginValidator.ValidateMany(new[] { zip, zip }, options).ToList();

        Assert.Equal(Describe(results[0]), Describe(results[1]));
        Assert.Contains(results[0].Diagnostics, d => d.RuleId == "StructureCrlfLineEnds" && d.Entry == "vendor/module_40.py" && d.Line == 1);
        if (options.UsePython)
        {
            Assert.Equal(new[] { "vendor/module_07.py", "vendor/module_31.py" },
                results[0].Diagnostics.Where(d => d.RuleId == "PythonSyntax").Select(d => d.Entry));
        }
    }

    private static string Describe(SpsPluginValidationResult result) =>
        result.Interpreter + "\n" + string.Join("\n", result.Diagnostics.Select(d => $"{d.RuleId} {d.Severity} {d.Entry}:{d.Line}:{d.Column} {d.Message} | {d.SuggestedFix}"));

    private string Zip(Action<PluginBuilder> edit)
    {
        var builder = new PluginBuilder();
        edit(builder);
        return builder.WriteZip(_temp);
    }
}
