using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SpsPlugin.Packing;
using SpsPlugin.Tests.Support;
using Xunit;

namespace SpsPlugin.Tests.Packing;

/// <summary>
/// The writer prepares entries on several threads, as far ahead as its byte window lets it: the zip
/// must be the same bytes whether one thread or many did the work, and whatever order they finished in.
/// </summary>
public sealed class ZipWriterThreadsTests : IDisposable
{
    private static readonly DateTime Epoch1980 = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // Small and large text (one past the window of a worker, so it runs at the head alone), an empty
    // file, random bytes deflate cannot shrink (stored), and a non-ASCII name.
    private string Tree()
    {
        var random = new Random(18);
        var folder = _temp.Combine("tree");
        for (var i = 0; i < 40; i++)
        {
            var text = string.Concat(Enumerable.Repeat($"def f{i}(x):\n    return x * {i}\n", random.Next(1, 400)));
            _temp.Write($"tree/lib/m{i:D2}.py", text);
        }
        _temp.Write("tree/lib/big.py", string.Concat(Enumerable.Range(0, 120_000).Select(n => $"# line {n}\n")));
        _temp.Write("tree/empty.txt", string.Empty);
        _temp.Write("tree/MANIFEST", "name: threads\n");
        _temp.Write("tree/lib/\u00e9t\u00e9.py", "x = 1\n");
        var noise = new byte[300_000];
        random.NextBytes(noise);
        File.WriteAllBytes(_temp.Combine("tree", "lib", "noise.bin"), noise);
        return folder;
    }

    private static byte[] Pack(IReadOnlyList<SpsPluginPackEntry> entries, CompressionLevel level, int? workers, List<int>? progress = null)
    {
        using var output = new MemoryStream();
        DeterministicZipWriter.Write(output, entries, e => File.ReadAllBytes(e.SourcePath), Epoch1980, progress == null ? null : progress.Add, level, workers);
        return output.ToArray();
    }

    [Theory]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.NoCompression)]
    public void OneThreadAndManyWriteTheSameBytes(CompressionLevel level)
    {
        var entries = FileSelection.Select(Tree(), Array.Empty<string>(), Array.Empty<string>());
        Assert.Contains(entries, e => e.Size > 1 << 20);
        var serial = Pack(entries, level, workers: 1);
        foreach (var workers in new int?[] { 2, 3, 16, null })
        {
            Assert.Equal(serial, Pack(entries, level, workers));
        }
    }

    [Fact]
    public void EveryEntryIsWrittenInOrderWithItsContent()
    {
        var entries = FileSelection.Select(Tree(), Array.Empty<string>(), Array.Empty<string>());
        var progress = new List<int>();
        var zip = Pack(entries, CompressionLevel.Optimal, workers: 4, progress);
        Assert.Equal(Enumerable.Range(1, entries.Count), progress);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read, leaveOpen: false, Encoding.UTF8);
        Assert.Equal(entries.Select(e => e.Path), archive.Entries.Select(e => e.FullName));
        foreach (var (entry, stored) in entries.Zip(archive.Entries, (e, s) => (e, s)))
        {
            using var read = new MemoryStream();
            using (var stream = stored.Open())
            {
                stream.CopyTo(read);
            }
            Assert.Equal(File.ReadAllBytes(entry.SourcePath), read.ToArray());
        }
        Assert.Equal(300_000, archive.GetEntry("lib/noise.bin")!.CompressedLength);
    }
}
