using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Packing;

/// <summary>
/// A FIFO in a plugin folder is listed by its type, refused by name and never opened: opening one
/// blocks until a writer comes. Each call runs with a deadline; should it block, the FIFO is opened
/// for writing to let it go and the test fails.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (string Folder, string Fifo) FolderWithFifo(string relativePath, Action<PluginBuilder>? edit = null)
    {
        var builder = new PluginBuilder();
        edit?.Invoke(builder);
        var folder = builder.Remove(relativePath).WriteFolder(_temp);
        return (folder, UnixFactAttribute.MakeFifo(Path.Combine(folder, relativePath)));
    }

    private static T Quickly<T>(string fifo, Func<T> call)
    {
        var task = Task.Run(call);
        if (!task.Wait(Deadline))
        {
            File.WriteAllText(fifo, string.Empty);
            Assert.Fail($"blocked on the FIFO '{fifo}' for {Deadline.TotalSeconds} s");
        }
        return task.Result;
    }

    [UnixFact]
    public void DotNetCannotTellAFifoFromAnEmptyFileButLstatCan()
    {
        var fifo = UnixFactAttribute.MakeFifo(_temp.Combine("pipe"));
        var info = new FileInfo(fifo);
        Assert.Equal(0, info.Length);
        Assert.True(File.Exists(fifo));
        var bundle = Quickly(fifo, () => SpsPluginBundle.Open(FolderWithFifo("data/pipe").Folder));
        var entry = bundle.Entries.Single(e => e.Path == "data/pipe");
        Assert.True(entry.IsSpecialFile);
        Assert.StartsWith("p", entry.Mode);
        Assert.DoesNotContain(bundle.Entries, e => e.IsSpecialFile && e.Path != "data/pipe");
    }

    [UnixTheory]
    [InlineData("data/pipe")]
    [InlineData("main.py")]
    [InlineData("default.cfg")]
    [InlineData("MANIFEST")]
    public void ValidationOfAFolderReportsTheFifoByNameWithoutOpeningIt(string relativePath)
    {
        var (folder, fifo) = FolderWithFifo(relativePath);
        var result = Quickly(fifo, () => SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions { UsePython = false }));
        Assert.False(result.IsValid);
        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "StructureSpecialFile");
        Assert.Equal(relativePath, finding.Entry);
        Assert.Contains("FIFO", finding.Message);
    }

    [UnixFact]
    public void ReadingTheFifoAsAnEntryOrAsAConfigurationFileIsRefused()
    {
        var (folder, fifo) = FolderWithFifo("default.cfg");
        var bundle = Quickly(fifo, () => SpsPluginBundle.Open(folder));
        Assert.Equal(SpsPluginErrorId.SpecialFile, Quickly(fifo, () => Assert.Throws<SpsPluginException>(() => bundle.ReadDefaultConfig())).ErrorId);
        Assert.Equal(SpsPluginErrorId.SpecialFile, Quickly(fifo, () => Assert.Throws<SpsPluginException>(() => SpsPluginBundle.OpenConfig(fifo))).ErrorId);
        Assert.Equal(SpsPluginErrorId.SpecialFile, Quickly(fifo, () => Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(fifo))).ErrorId);
        Assert.Equal(SpsPluginErrorId.SpecialFile, Quickly(fifo, () => Assert.Throws<SpsPluginException>(() => SpsPluginManifest.Load(fifo))).ErrorId);
    }

    [UnixTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void PackingRefusesTheFifoByNameAndLeavesNoTempFile(bool skipValidation)
    {
        var (folder, fifo) = FolderWithFifo("data/pipe");
        var destination = _temp.Combine("out", "plugin.zip");
        var options = new SpsPluginPackOptions { DestinationPath = destination, SkipValidation = skipValidation, Validation = new SpsPluginValidationOptions { UsePython = false } };
        var error = Quickly(fifo, () => Assert.Throws<SpsPluginException>(() => SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options)));
        Assert.Equal(SpsPluginErrorId.SpecialFile, error.ErrorId);
        Assert.Contains("'data/pipe' is a FIFO", error.Message);
        Assert.False(File.Exists(destination));
        Assert.Empty(Directory.Exists(Path.GetDirectoryName(destination)) ? Directory.GetFiles(Path.GetDirectoryName(destination)!) : Array.Empty<string>());
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [UnixFact]
    public void AnExcludedFifoDoesNotStopPacking()
    {
        var (folder, fifo) = FolderWithFifo("data/pipe", b => b.Set(".spsignore", "data/pipe\n"));
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("out", "plugin.zip"), Validation = new SpsPluginValidationOptions { UsePython = false } };
        var bundle = Quickly(fifo, () => SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options));
        Assert.DoesNotContain(bundle.Entries, e => e.Path == "data/pipe");
    }

    [UnixFact]
    public void AFifoSwappedInAfterThePlanIsRefusedAndTheTempFileIsDeleted()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        var destination = _temp.Combine("out", "plugin.zip");
        var options = new SpsPluginPackOptions { DestinationPath = destination, Validation = new SpsPluginValidationOptions { UsePython = false } };
        var plan = SpsPluginPacker.Plan(folder, options);
        var swapped = plan.Entries.Last(e => e.Path != "MANIFEST").SourcePath;
        File.Delete(swapped);
        UnixFactAttribute.MakeFifo(swapped);
        var error = Quickly(swapped, () => Assert.Throws<SpsPluginException>(() => SpsPluginPacker.Write(plan, options)));
        Assert.Equal(SpsPluginErrorId.SpecialFile, error.ErrorId);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!));
    }
}
