using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SpsPlugin.HostileInputs;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Hostile;

/// <summary>
/// Every case of the hostile-input catalogue through every Core reader: each answers with a result or an
/// <see cref="SpsPluginException"/> (never another exception), within a time and allocation bound; what
/// SPS refuses is invalid and is not extracted; nothing is ever written outside a destination, even
/// through a link that already stands in it. The Pester catalogue test does the same through the cmdlets.
/// </summary>
public sealed class HostileCatalogueTests
{
    /// <summary>The bound on one reader's work for one case (generous for a loaded CI machine; the real figures are milliseconds).</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    /// <summary>The bound on what one reader may allocate for one case: the inputs are at most a few MB.</summary>
    private const long AllocationBound = 256L * 1024 * 1024;

    public static TheoryData<string> Cases() => CasesWhere(_ => true);

    public static TheoryData<string> ZipCases() => CasesWhere(c => c.Kind == HostileKind.Zip);

    private static TheoryData<string> CasesWhere(Func<HostileCase, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var hostile in HostileCatalogue.All.Where(predicate))
        {
            data.Add(hostile.RelativePath);
        }
        return data;
    }

    [Fact]
    public void TheCatalogueCoversEveryHazardClassOfTheIssue()
    {
        var classes = HostileCatalogue.All.Select(c => c.Class).Distinct().OrderBy(c => c, StringComparer.Ordinal);
        Assert.Equal(
            new[] { "interpolation", "names", "plugin-names", "recursion", "resources", "secrets", "timeouts", "writes", "zip-accounting" },
            classes);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryReaderSurvivesAndRefusesWhatSpsRefuses(string relativePath)
    {
        var hostile = HostileCatalogue.All.Single(c => c.RelativePath == relativePath);
        using var temp = new TempFolder();
        var path = hostile.Write(temp.Combine("input"));
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;

        if (hostile.Kind == HostileKind.Config)
        {
            var config = Bounded("read the configuration", () => SpsPluginConfig.Load(path));
            var findings = Bounded("check the configuration", () => config == null ? null : SpsPluginConfigRules.Check(config));
            Bounded("interpolate every option", () => config?.Options.Select(o => o.InterpolatedValue).ToArray());
            if (hostile.Refused == true)
            {
                Assert.True(config == null || findings!.Any(f => f.Severity == Severity.Error), $"{relativePath}: no error finding");
            }
            return;
        }

        var result = Bounded("validate", () => SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = PythonLocator.Find() != null }));
        Assert.NotNull(result);
        if (hostile.Refused == true)
        {
            Assert.False(result!.IsValid, $"{relativePath}: validation says valid: SPS would refuse it");
        }
        else if (hostile.Refused == false)
        {
            Assert.True(result!.IsValid, $"{relativePath}: {string.Join("; ", result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.RuleId + ": " + d.Message))}");
        }

        var bundle = Bounded("open the bundle", () => SpsPluginBundle.Open(path));
        foreach (var entry in bundle?.Entries.Where(e => !e.IsDirectory) ?? Enumerable.Empty<SpsPluginBundleEntry>())
        {
            Bounded("read " + entry.Path, () => bundle!.ReadEntry(entry.Path, SpsPluginBundle.MaxReadBytes));
        }
        var config2 = Bounded("read default.cfg", () => SpsPluginBundle.OpenConfig(path));
        Bounded("interpolate default.cfg", () => config2?.Options.Select(o => o.InterpolatedValue).ToArray());

        if (hostile.Kind == HostileKind.Zip)
        {
            var destination = temp.Combine("expanded");
            var expanded = Bounded("expand", () => SpsPluginExtractor.Extract(path, destination, merge: false));
            if (hostile.ExtractionRefused)
            {
                Assert.Null(expanded);
                Assert.False(Directory.Exists(destination), $"{relativePath}: refused, yet {destination} exists");
            }
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Path), p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }

    /// <summary>A destination whose lib/ is a link to a folder outside: merging must never write through it.</summary>
    [UnixTheory]
    [MemberData(nameof(ZipCases))]
    public void ExpandingIntoADestinationHoldingALinkWritesNothingOutside(string relativePath)
    {
        using var temp = new TempFolder();
        var zip = HostileCatalogue.All.Single(c => c.RelativePath == relativePath).Write(temp.Combine("input"));
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;
        var destination = Directory.CreateDirectory(temp.Combine("linked")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(destination, "lib"), outside);
        Bounded("expand -Force into a destination holding a link", () => SpsPluginExtractor.Extract(zip, destination, merge: true));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    /// <summary>
    /// Runs one reader: its answer, or null when it refused with an <see cref="SpsPluginException"/>. Any other
    /// exception, or passing the time or allocation bound, fails the test naming the reader.
    /// </summary>
    private static T? Bounded<T>(string what, Func<T> read)
        where T : class?
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        T? answer;
        try
        {
            answer = read();
        }
        catch (SpsPluginException)
        {
            answer = null;
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {error.GetType().FullName} reached the caller: {error.Message}");
        }
        Assert.True(watch.Elapsed < TimeBound, $"{what} took {watch.Elapsed.TotalSeconds:N1} s (bound {TimeBound.TotalSeconds} s)");
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(used < AllocationBound, $"{what} allocated {used / (1024 * 1024)} MiB (bound {AllocationBound / (1024 * 1024)} MiB)");
        return answer;
    }
}
