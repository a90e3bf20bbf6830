using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Bundles;

/// <summary>
/// Zips forged at the byte level (accounting, sizes, names): the reader refuses or reads them as
/// CPython's zipfile does, and no .NET exception escapes any entry point that opens a zip.
/// </summary>
public sealed class HostileZipTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The zip of the issue: a thousand central records share the local header of one highly
    /// compressible member (so an extractor writes it a thousand times), and optionally a folder
    /// entry's ZIP64 size is negative so the declared total cancels out.
    /// </summary>
    public static byte[] OverlappingBomb(bool cancellingFolder = true)
    {
        var zip = new PluginBuilder().RawZip();
        var shared = zip.Add("data/blob.bin", new byte[MiB]);
        for (var i = 1; i < 1000; i++)
        {
            zip.AddSharing(shared);
        }
        if (cancellingFolder)
        {
            zip.AddFolder("pad/").With(e =>
            {
                e.Zip64Uncompressed = true;
                e.UncompressedSize = unchecked((ulong)-(999L * MiB));
            });
        }
        return zip.Build();
    }

    [Theory]
    [InlineData(true, "2^63 or more")]
    [InlineData(false, "share one local header")]
    public void TheOverlappingBombIsRefusedByEveryReaderAndExpandWritesNothing(bool cancellingFolder, string reason)
    {
        var bytes = OverlappingBomb(cancellingFolder);
        Assert.True(bytes.Length < 200 * 1024);
        var path = Write(bytes);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(path));
        Assert.Equal(SpsPluginErrorId.BundleCorrupt, error.ErrorId);
        Assert.Contains(reason, error.Message);
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ZipCorrupt");
        var destination = _temp.Combine("out");
        Assert.Equal(SpsPluginErrorId.ExpandRefused, Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(path, destination, merge: false)).ErrorId);
        Assert.Equal(new[] { path }, Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void DataRunningIntoTheNextHeaderIsOverlapped()
    {
        // Stored, so the sizes stay consistent: only the range is wrong.
        var zip = new PluginBuilder().RawZip(deflate: false);
        zip.Entries[0].CompressedSize = zip.Entries[0].UncompressedSize = (ulong)zip.Entries[0].Content.Length + 40;
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(Write(zip.Build())));
        Assert.Equal(SpsPluginErrorId.BundleCorrupt, error.ErrorId);
        Assert.Contains("overlapping entries", error.Message);
    }

    public static IEnumerable<object[]> ForgedSizes() => new[]
    {
        new object[] { "uncompressed", 1UL << 63, "2^63 or more" },
        new object[] { "uncompressed", ulong.MaxValue, "2^63 or more" },
        new object[] { "compressed", 1UL << 63, "2^63 or more" },
        new object[] { "compressed", ulong.MaxValue, "2^63 or more" },
        new object[] { "uncompressed", 1UL << 40, "more than deflate can expand to" },
    };

    [Theory]
    [MemberData(nameof(ForgedSizes))]
    public void ForgedZip64SizesAreCorruptNeverAnOverflow(string which, ulong size, string reason)
    {
        var zip = new PluginBuilder().RawZip();
        var main = zip.Entries.Single(e => e.Name == "main.py");
        if (which == "uncompressed")
        {
            main.Zip64Uncompressed = true;
            main.UncompressedSize = size;
        }
        else
        {
            main.Zip64Compressed = true;
            main.CompressedSize = size;
        }
        var path = Write(zip.Build());
        AssertEveryReaderFails(path, SpsPluginErrorId.BundleCorrupt, reason);
    }

    [Fact]
    public void ZipHeaderFieldsPythonRefusesAreRefused()
    {
        var storedMismatch = new PluginBuilder().RawZip(deflate: false);
        storedMismatch.Entries[1].UncompressedSize = 3;
        AssertEveryReaderFails(Write(storedMismatch.Build()), SpsPluginErrorId.BundleCorrupt, "stored uncompressed");

        var missingZip64Value = new PluginBuilder().RawZip();
        missingZip64Value.Entries[1].With(e => { e.Zip64Uncompressed = true; e.CentralExtra = new byte[] { 1, 0, 4, 0, 0, 0, 0, 0 }; });
        AssertEveryReaderFails(Write(missingZip64Value.Build()), SpsPluginErrorId.BundleCorrupt, "lacks its uncompressed size");

        var extraOverrun = new PluginBuilder().RawZip();
        extraOverrun.Entries[1].CentralExtra = new byte[] { 0x55, 0x54, 0xFF, 0x00, 1, 2 };
        AssertEveryReaderFails(Write(extraOverrun.Build()), SpsPluginErrorId.BundleCorrupt, "runs past the record");

        var badUtf8 = new PluginBuilder().RawZip();
        badUtf8.Entries[1].With(e => { e.NameBytes = new byte[] { 0x6D, 0xC3, 0x28 }; e.Flags = 0x800; });
        AssertEveryReaderFails(Write(badUtf8.Build()), SpsPluginErrorId.BundleCorrupt, "not valid UTF-8");

        var newVersion = new PluginBuilder().RawZip();
        newVersion.Entries[1].VersionNeeded = 64;
        AssertEveryReaderFails(Write(newVersion.Build()), SpsPluginErrorId.BundleUnsupported, "reads up to 6.3");
    }

    [Fact]
    public void ANameIsCutAtItsNulAndTheLastOfTwoEqualNamesWinsAsInPython()
    {
        var zip = new PluginBuilder().RawZip();
        zip.Add("main.py\0.txt", "import os  # the file Python loads\n");
        var path = Write(zip.Build());
        var bundle = SpsPluginBundle.Open(path);
        var mains = bundle.Entries.Where(e => e.Path == "main.py").ToArray();
        Assert.Equal(2, mains.Length);
        Assert.Equal("main.py\0.txt", mains[1].StoredPath);
        Assert.Equal(new[] { "main.py" }, bundle.DuplicateEntries);
        Assert.Equal("import os  # the file Python loads\n", Encoding.UTF8.GetString(bundle.ReadEntry("main.py", 1000)));
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ZipDuplicateEntry" && d.Severity == Severity.Error);
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ZipControlCharacter" && d.Message.Contains("main.py\\x00.txt"));
    }

    [Fact]
    public void OnlyATrailingSlashMakesAFolderAsInPython()
    {
        var zip = new PluginBuilder().RawZip();
        zip.Entries.Single(e => e.Name == "main.py").ExternalAttributes = 0x10;
        var bundle = SpsPluginBundle.Open(Write(zip.Build()));
        var main = bundle.Entries.Single(e => e.Path == "main.py");
        Assert.False(main.IsDirectory);
        Assert.True(bundle.HasMainPy);
        Assert.Equal(PluginBuilder.GoodMain, Encoding.UTF8.GetString(bundle.ReadEntry("main.py", 1000)));
    }

    [Fact]
    public void AnEntryWhoseLocalNameDiffersIsFlaggedAndNotRead()
    {
        var zip = new PluginBuilder().RawZip();
        zip.Entries.Single(e => e.Name == "main.py").LocalNameBytes = Encoding.UTF8.GetBytes("evil.py");
        var path = Write(zip.Build());
        var bundle = SpsPluginBundle.Open(path);
        Assert.Equal(SpsPluginErrorId.BundleCorrupt, Assert.Throws<SpsPluginException>(() => bundle.ReadEntry("main.py", 1000)).ErrorId);
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ZipLocalName" && d.Message.Contains("evil.py"));
    }

    [Fact]
    public void TheRawBuilderWritesAZipThatReadsBackAndPasses()
    {
        var path = Write(new PluginBuilder().RawZip().Build());
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(PluginBuilder.GoodManifest, Encoding.UTF8.GetString(SpsPluginBundle.Open(path).ReadEntry("MANIFEST", 1000)));
    }

    /// <summary>What CPython's zipfile does with each forged zip, against what SpsPlugin says.</summary>
    [PythonFact]
    public void PythonsZipfileAgrees()
    {
        var shared = Write(OverlappingBomb());
        var nul = new PluginBuilder().RawZip();
        nul.Add("main.py\0.txt", "loaded\n");
        var dosFolder = new PluginBuilder().RawZip();
        dosFolder.Entries.Single(e => e.Name == "main.py").ExternalAttributes = 0x10;
        var localName = new PluginBuilder().RawZip();
        localName.Entries.Single(e => e.Name == "main.py").LocalNameBytes = Encoding.UTF8.GetBytes("evil.py");
        var script = string.Join("\n",
            "import sys, zipfile",
            "for path in sys.argv[1:]:",
            "    try:",
            "        with zipfile.ZipFile(path) as z:",
            "            files = [i for i in z.infolist() if not i.is_dir()]",
            "            print(repr(z.read('main.py')), files[-1].filename, z.getinfo('main.py').is_dir(), [z.read(i) for i in files] and 'read-all')",
            "    except zipfile.BadZipFile as e:",
            "        print('BadZipFile', str(e).split(':')[0])");
        var output = RunPython(script, shared, Write(nul.Build()), Write(dosFolder.Build()), Write(localName.Build()));
        Assert.Equal(new[]
        {
            "BadZipFile Overlapped entries",
            "b'loaded\\n' main.py False read-all",
            "b'#!/usr/bin/env pluginwrapper3\\nfrom good_plugin.plugin import Plugin  # noqa: F401\\n' default.cfg False read-all",
            "BadZipFile File name in directory 'main.py' and header b'evil.py' differ.",
        }, output);
    }

    private static void AssertEveryReaderFails(string path, SpsPluginErrorId id, string reason)
    {
        var open = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(path));
        Assert.Equal(id, open.ErrorId);
        Assert.Contains(reason, open.Message);
        Assert.Equal(id, Assert.Throws<SpsPluginException>(() => SpsPluginBundle.OpenConfig(path)).ErrorId);
        var result = SpsPluginValidator.Validate(path, new SpsPluginValidationOptions { UsePython = false });
        Assert.False(result.IsValid);
        Assert.Equal(SpsPluginErrorId.ExpandRefused,
            Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(path, path + ".out", merge: false)).ErrorId);
        Assert.False(Directory.Exists(path + ".out"));
    }

    private string Write(byte[] bytes)
    {
        var path = _temp.Combine(Guid.NewGuid().ToString("N").Substring(0, 8) + ".zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string[] RunPython(string script, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(PythonLocator.Find()!) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
