using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SpsPlugin.Packing;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Packing;

/// <summary>
/// What stays the same when the deflate implementation changes: .NET Framework (and Mono) use classic
/// zlib, .NET 9 and later zlib-ng, so one folder packs to different bytes, but to the same entries.
/// </summary>
public sealed class ContentDigestTests : IDisposable
{
    private static readonly DateTime Epoch1980 = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string ReproFixture => Path.Combine(TestPaths.Fixtures, "repro-pack");

    private SpsPluginBundle Write(string folder, CompressionLevel level = CompressionLevel.Optimal, DateTime? time = null)
    {
        var entries = FileSelection.Select(folder, Array.Empty<string>(), Array.Empty<string>());
        var zip = _temp.Combine(Guid.NewGuid().ToString("N") + ".zip");
        using (var output = File.Create(zip))
        {
            DeterministicZipWriter.Write(output, entries, e => File.ReadAllBytes(e.SourcePath), time ?? Epoch1980, null, level);
        }
        return SpsPluginBundle.Open(zip);
    }

    [Fact]
    public void ADifferentDeflateChangesTheBytesButNotTheDigest()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        var deflated = Write(folder);
        var stored = Write(folder, CompressionLevel.NoCompression);
        Assert.NotEqual(deflated.Sha256, stored.Sha256);
        Assert.Equal(deflated.ContentDigest, stored.ContentDigest);
        Assert.Matches("^[0-9a-f]{64}$", deflated.ContentDigest!);
    }

    [Fact]
    public void ThePackOfTheFixtureHereHasTheDigestOfItsPackUnderMono()
    {
        // packed-on-mono-6.8.zip is the same folder packed by this packer under Mono 6.8 (the .NET
        // Framework API set, classic zlib 1.2.13): 2,228 bytes like this runtime's, but other bytes.
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("here.zip"), SkipValidation = true };
        var here = SpsPluginPacker.Write(SpsPluginPacker.Plan(Path.Combine(ReproFixture, "plugin"), options), options);
        var mono = SpsPluginBundle.Open(Path.Combine(ReproFixture, "packed-on-mono-6.8.zip"));
        Assert.Equal(mono.ContentDigest, here.ContentDigest);
        Assert.Equal(mono.Entries.Select(e => (e.Path, e.Mode, e.Size, e.LastWriteTime)), here.Entries.Select(e => (e.Path, e.Mode, e.Size, e.LastWriteTime)));
        Assert.Equal(mono.TotalSize, here.TotalSize);
    }

    [Fact]
    public void WithoutCompressionThePackIsTheBytesMonoWrote()
    {
        // The SHA-256 of the same folder packed with NoCompression under Mono 6.8: stored entries do
        // not depend on a zlib, so every runtime writes these bytes.
        const string packedUnderMono = "d659d45630801384d31504f0a2d4da18dbbb1280cd5d08263af531ae3a240c2f";
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("stored.zip"), SkipValidation = true, NoCompression = true };
        var here = SpsPluginPacker.Write(SpsPluginPacker.Plan(Path.Combine(ReproFixture, "plugin"), options), options);
        Assert.All(here.Entries, e => Assert.Equal(e.Size, e.CompressedSize));
        Assert.Equal(packedUnderMono, here.Sha256);
        Assert.Equal(SpsPluginBundle.Open(Path.Combine(ReproFixture, "packed-on-mono-6.8.zip")).ContentDigest, here.ContentDigest);
    }

    [Fact]
    public void TheDigestIsTheDocumentedHashOfNamesModesTimesCrcsAndSizes()
    {
        var bundle = SpsPluginBundle.Open(Path.Combine(ReproFixture, "packed-on-mono-6.8.zip"));
        // Recomputed with System.IO.Compression's reading of the zip, as the help describes it.
        using var archive = ZipFile.OpenRead(bundle.Path);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var entry in archive.Entries)
            {
                writer.Write(Encoding.UTF8.GetBytes(entry.FullName));
                writer.Write((byte)0);
                writer.Write((uint)entry.ExternalAttributes >> 16);
                writer.Write(DosTime(entry.LastWriteTime.DateTime));
                writer.Write(entry.Crc32);
                writer.Write(entry.Length);
            }
        }
        var expected = Convert.ToHexString(SHA256.HashData(buffer.ToArray())).ToLowerInvariant();
        Assert.Equal(expected, bundle.ContentDigest);
    }

    [Fact]
    public void ANameModeTimeOrContentChangeChangesTheDigest()
    {
        var folder = new PluginBuilder().Set("lib/a.py", "x = 1\n").WriteFolder(_temp);
        var original = Write(folder).ContentDigest;
        Assert.NotEqual(original, Write(folder, time: new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).ContentDigest);
        File.WriteAllText(Path.Combine(folder, "lib", "a.py"), "x = 2\n");
        var edited = Write(folder).ContentDigest;
        Assert.NotEqual(original, edited);
        File.Move(Path.Combine(folder, "lib", "a.py"), Path.Combine(folder, "lib", "b.py"));
        Assert.NotEqual(edited, Write(folder).ContentDigest);
        if (!OperatingSystem.IsWindows())
        {
            var renamed = Write(folder).ContentDigest;
            File.SetUnixFileMode(Path.Combine(folder, "lib", "b.py"), (UnixFileMode)0x1ED);
            Assert.NotEqual(renamed, Write(folder).ContentDigest);
        }
    }

    [Fact]
    public void AFolderHasNoDigest()
    {
        Assert.Null(SpsPluginBundle.Open(Path.Combine(ReproFixture, "plugin")).ContentDigest);
    }

    private static uint DosTime(DateTime time) =>
        (uint)(((time.Year - 1980) << 25) | (time.Month << 21) | (time.Day << 16) | (time.Hour << 11) | (time.Minute << 5) | (time.Second / 2));
}
