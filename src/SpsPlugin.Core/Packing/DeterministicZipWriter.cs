using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SpsPlugin.Bundles;

namespace SpsPlugin.Packing;

/// <summary>
/// Writes a zip whose bytes depend only on the entries' names, contents and executable bits: entries
/// in the order given (sorted by the caller), '/' separators, one fixed timestamp, mode 0644 or 0755
/// from a Unix "version made by", no extra fields, no data descriptors, no comment. Each entry is
/// deflated (or stored when deflate does not shrink it, or when asked to) into its own buffer, one per
/// core at once, and written in order, so memory holds about a megabyte of entries per core, never the
/// tree. Deflate is the runtime's, so deflated bytes differ between runtimes with different zlib
/// builds; stored ones do not.
/// </summary>
internal static class DeterministicZipWriter
{
    private const ushort VersionMadeByUnix = (3 << 8) | 20;
    private const ushort VersionNeeded = 20;
    private const ushort Utf8Flag = 0x800;
    private const int RegularFile = 0x8000;

    /// <summary>An entry's content, compressed or stored, ready to write.</summary>
    private sealed class Prepared
    {
        public Prepared(byte[] nameBytes, bool utf8, ushort method, uint crc, long size, byte[] data, int dataLength, int mode)
        {
            DataLength = dataLength;
            NameBytes = nameBytes;
            Utf8 = utf8;
            Method = method;
            Crc = crc;
            Size = size;
            Data = data;
            Mode = mode;
        }

        public byte[] NameBytes { get; }

        public bool Utf8 { get; }

        public ushort Method { get; }

        public uint Crc { get; }

        public long Size { get; }

        /// <summary>The bytes to store: the first <see cref="DataLength"/> of this array.</summary>
        public byte[] Data { get; }

        public int DataLength { get; }

        public int Mode { get; }
    }

    /// <summary>Writes the zip to <paramref name="output"/>.</summary>
    /// <param name="output">A writable stream.</param>
    /// <param name="entries">The entries, in the order to store them.</param>
    /// <param name="content">Reads an entry's bytes (the packer substitutes an edited MANIFEST here).</param>
    /// <param name="timestamp">The one last-write time of every entry (DOS time has no zone; seconds are even).</param>
    /// <param name="progress">Called after each entry is written, with the count written so far.</param>
    /// <param name="level">The runtime's deflate level; <see cref="CompressionLevel.NoCompression"/> stores every entry.</param>
    /// <param name="workers">How many entries are prepared at once; null means one per core. The bytes do not depend on it.</param>
    public static void Write(Stream output, IReadOnlyList<SpsPluginPackEntry> entries, Func<SpsPluginPackEntry, byte[]> content,
        DateTime timestamp, Action<int>? progress, CompressionLevel level = CompressionLevel.Optimal, int? workers = null)
    {
        var dosTime = DosTime(timestamp);
        var central = new MemoryStream();
        var ahead = new PreparationWindow(workers ?? Environment.ProcessorCount);
        var batches = Batches(entries);
        var pending = new Queue<(Task<Prepared[]> Task, long Size)>();
        var next = 0;
        var written = 0;
        while (written < entries.Count)
        {
            // Batches of entries are read and compressed on the thread pool, ahead of the writer,
            // which stores them in order as they come; each entry is compressed on its own, so the
            // bytes are the same whatever the number of threads.
            while (next < batches.Count && ahead.Admits(pending.Count, batches[next].Size))
            {
                var batch = batches[next++];
                ahead.Add(batch.Size);
                pending.Enqueue((Task.Run(() => Prepare(entries, batch, content, level)), batch.Size));
            }
            var (task, size) = pending.Dequeue();
            foreach (var prepared in task.GetAwaiter().GetResult())
            {
                var offset = output.Position;
                WriteLocalHeader(output, prepared, dosTime);
                output.Write(prepared.Data, 0, prepared.DataLength);
                WriteCentralHeader(central, prepared, dosTime, offset);
                written++;
                progress?.Invoke(written);
            }
            ahead.Remove(size);
        }
        var directoryOffset = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        WriteEndRecord(output, entries.Count, central.Length, directoryOffset);
    }

    /// <summary>Consecutive entries prepared by one task: <see cref="Count"/> from <see cref="Start"/>, <see cref="Size"/> source bytes.</summary>
    private readonly struct Batch
    {
        public Batch(int start, int count, long size)
        {
            Start = start;
            Count = count;
            Size = size;
        }

        public int Start { get; }

        public int Count { get; }

        public long Size { get; }
    }

    // Small files go to the pool in runs of about 64 KiB: one task per file cost a hand-over between
    // threads per file (a quarter of the one-thread time for a tree of 600 small files on a busy
    // machine), while a run is still small against a worker's window.
    private const long BatchBytes = 64 << 10;

    private static List<Batch> Batches(IReadOnlyList<SpsPluginPackEntry> entries)
    {
        var batches = new List<Batch>();
        var start = 0;
        var size = 0L;
        for (var i = 0; i < entries.Count; i++)
        {
            size += entries[i].Size;
            if (size >= BatchBytes || i == entries.Count - 1)
            {
                batches.Add(new Batch(start, i + 1 - start, size));
                start = i + 1;
                size = 0;
            }
        }
        return batches;
    }

    /// <summary>
    /// How far the preparation runs ahead of the writer. Counted in source bytes rather than entries:
    /// with a count, one large file at the head of the queue left the other cores idle once they had
    /// compressed the few small ones behind it. A megabyte per worker keeps every core busy past such
    /// a file and keeps memory bounded whatever the tree's size (the batch at the head always runs).
    /// </summary>
    private sealed class PreparationWindow
    {
        private const long BytesPerWorker = 1 << 20;
        private readonly int _workers;
        private readonly long _budget;
        private long _inFlight;

        public PreparationWindow(int workers)
        {
            _workers = Math.Max(1, workers);
            _budget = _workers * BytesPerWorker;
        }

        public bool Admits(int batchesInFlight, long size) =>
            batchesInFlight == 0 || (_workers > 1 && _inFlight + size <= _budget);

        public void Add(long size) => _inFlight += size;

        public void Remove(long size) => _inFlight -= size;
    }

    private static Prepared[] Prepare(IReadOnlyList<SpsPluginPackEntry> entries, Batch batch, Func<SpsPluginPackEntry, byte[]> content, CompressionLevel level)
    {
        var prepared = new Prepared[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = entries[batch.Start + i];
            prepared[i] = Prepare(entry, content(entry), level);
        }
        return prepared;
    }

    private static Prepared Prepare(SpsPluginPackEntry entry, byte[] data, CompressionLevel level)
    {
        var crc = Crc32.Update(0, data, 0, data.Length);
        var utf8 = entry.Path.Any(c => c > 0x7F);
        var name = utf8 ? Encoding.UTF8.GetBytes(entry.Path) : Encoding.ASCII.GetBytes(entry.Path);
        var mode = RegularFile | (entry.IsExecutable ? 0x1ED : 0x1A4);
        // Stored without asking deflate: its stored blocks would only add headers, and the bytes of a
        // stored entry are the same on every runtime.
        if (level != CompressionLevel.NoCompression)
        {
            var compressed = Deflate(data, level);
            if (compressed.Length < data.Length)
            {
                return new Prepared(name, utf8, 8, crc, data.Length, compressed.GetBuffer(), (int)compressed.Length, mode);
            }
        }
        return new Prepared(name, utf8, 0, crc, data.Length, data, data.Length, mode);
    }

    // The compressed bytes are used from the stream's own buffer (no copy); Python source deflates to
    // about a quarter, so a third of the input as the first capacity rarely grows.
    private static MemoryStream Deflate(byte[] data, CompressionLevel level)
    {
        var buffer = new MemoryStream((data.Length / 3) + 64);
        using (var deflate = new DeflateStream(buffer, level, leaveOpen: true))
        {
            deflate.Write(data, 0, data.Length);
        }
        return buffer;
    }

    private static void WriteLocalHeader(Stream output, Prepared entry, uint dosTime)
    {
        var header = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        header.Write(0x04034b50u);
        header.Write(VersionNeeded);
        WriteSharedFields(header, entry, dosTime);
        header.Write((ushort)0);
        header.Write(entry.NameBytes);
        header.Flush();
    }

    private static void WriteCentralHeader(Stream central, Prepared entry, uint dosTime, long offset)
    {
        var header = new BinaryWriter(central, Encoding.UTF8, leaveOpen: true);
        header.Write(0x02014b50u);
        header.Write(VersionMadeByUnix);
        header.Write(VersionNeeded);
        WriteSharedFields(header, entry, dosTime);
        header.Write((ushort)0);
        header.Write((ushort)0);
        header.Write((ushort)0);
        header.Write((ushort)0);
        header.Write((uint)entry.Mode << 16);
        header.Write(checked((uint)offset));
        header.Write(entry.NameBytes);
        header.Flush();
    }

    // The run both headers share: flags, method, time, CRC, sizes and the name's length.
    private static void WriteSharedFields(BinaryWriter header, Prepared entry, uint dosTime)
    {
        header.Write(entry.Utf8 ? Utf8Flag : (ushort)0);
        header.Write(entry.Method);
        header.Write(dosTime);
        header.Write(entry.Crc);
        header.Write(checked((uint)entry.DataLength));
        header.Write(checked((uint)entry.Size));
        header.Write((ushort)entry.NameBytes.Length);
    }

    private static void WriteEndRecord(Stream output, int count, long directorySize, long directoryOffset)
    {
        var end = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        end.Write(0x06054b50u);
        end.Write((ushort)0);
        end.Write((ushort)0);
        end.Write(checked((ushort)count));
        end.Write(checked((ushort)count));
        end.Write(checked((uint)directorySize));
        end.Write(checked((uint)directoryOffset));
        end.Write((ushort)0);
        end.Flush();
    }

    /// <summary>The last time a zip entry can hold: MS-DOS dates keep the year in 7 bits from 1980, and seconds in twos.</summary>
    internal static readonly DateTime LastTime = new(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc);

    /// <summary>MS-DOS date and time; times before 1980 (the format's start) become 1980-01-01 00:00:00.</summary>
    private static uint DosTime(DateTime time)
    {
        if (time.Year < 1980)
        {
            time = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }
        var date = (uint)(((time.Year - 1980) << 9) | (time.Month << 5) | time.Day);
        var clock = (uint)((time.Hour << 11) | (time.Minute << 5) | (time.Second / 2));
        return (date << 16) | clock;
    }
}
