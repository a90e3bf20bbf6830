using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SpsPlugin.HostileInputs;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Hostile;

/// <summary>
/// Structure-aware fuzzing (<see cref="StructuralFuzzer"/>): 2,000 seeded cases through validation, every
/// entry read and extraction, with no exception but the module's own. The benchmark task runs 25 times as
/// many (SPSPLUGIN_FUZZ_SCALE=25) and prints the same figures.
/// </summary>
[Collection(StructuralFuzzCollection.Name)]
public sealed class StructuralFuzzTests
{
    public const int Seed = 20261130;
    public const int Count = 2000;

    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("SPSPLUGIN_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1;

    [Fact]
    public void StructureAwareMutationsGetTheModulesOwnErrorsAndNoFalseGreen()
    {
        using var temp = new TempFolder();
        var options = new SpsPluginValidationOptions { UsePython = false, TargetRelease = SpsRelease.Find("8.0") };
        var failures = new ConcurrentBag<string>();
        int valid = 0, extracted = 0, total = 0;
        var watch = Stopwatch.StartNew();
        // The cases are independent, so they run on every core, each in files named by its number.
        Parallel.ForEach(StructuralFuzzer.Cases(Seed, Count * Scale), fuzz =>
        {
            Interlocked.Increment(ref total);
            var zip = temp.Combine($"fuzz{fuzz.Number}.zip");
            File.WriteAllBytes(zip, fuzz.Zip);
            try
            {
                var isValid = SpsPluginValidator.Validate(zip, options).IsValid;
                ReadEveryEntry(zip);
                var wasExtracted = Extract(zip, temp.Combine($"expanded{fuzz.Number}"));
                Interlocked.Add(ref valid, isValid ? 1 : 0);
                Interlocked.Add(ref extracted, wasExtracted ? 1 : 0);
                if (isValid && !wasExtracted)
                {
                    // A green gate must mean the archive can be installed: extraction refusing it is a false green.
                    failures.Add($"case {fuzz.Number} ({fuzz.Mutation}): valid, yet extraction refuses it");
                }
            }
            catch (Exception error)
            {
                failures.Add($"case {fuzz.Number} ({fuzz.Mutation}): {error.GetType().Name}: {error.Message}");
            }
            File.Delete(zip);
        });
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        Console.Error.WriteLine($"structural fuzz: {total} cases in {watch.Elapsed.TotalSeconds:N1} s, {failures.Count} failures (non-module exceptions or false greens), {valid} valid, {extracted} extracted, peak working set {peak} MiB");
        Assert.Equal(Count * Scale, total);
        Assert.True(failures.IsEmpty, string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal).Take(20)));
        // The mutations reach both sides: some bundles still pass, most are refused.
        Assert.InRange(valid, total / 50, total - (total / 5));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Path), p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static void ReadEveryEntry(string zip)
    {
        SpsPluginBundle bundle;
        try
        {
            bundle = SpsPluginBundle.Open(zip);
        }
        catch (SpsPluginException)
        {
            return;
        }
        foreach (var entry in bundle.Entries.Where(e => !e.IsDirectory))
        {
            try
            {
                bundle.ReadEntry(entry.Path, SpsPluginBundle.MaxReadBytes);
            }
            catch (SpsPluginException)
            {
                // A refusal with the module's id is a right answer.
            }
        }
    }

    private static bool Extract(string zip, string destination)
    {
        try
        {
            SpsPluginExtractor.Extract(zip, destination, merge: false);
            Directory.Delete(destination, recursive: true);
            return true;
        }
        catch (SpsPluginException)
        {
            return false;
        }
    }
}

/// <summary>
/// The fuzz test uses every core, so it runs alone, after the parallel tests: beside it, the simulation
/// tests that assert a kill within a deadline would be measuring the fuzzer's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StructuralFuzzCollection
{
    public const string Name = "Structural fuzz (alone, on every core)";
}
