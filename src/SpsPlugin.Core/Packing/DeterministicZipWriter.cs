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
/// deflated (or stored when deflate does not shrink it, or when asked to) into its own buffer, several
/// at once, and written in order, so memory holds a few entries' buffers, never the tree. Deflate is the
/// runtime's, so deflated bytes differ between runtimes with different zlib builds; stored ones do not.
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
        public Prepared(byte[] nameBytes, bool utf8, ushort method, uint crc, long size, byte[] data, int mode)
        {
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

        public byte[] Data { get; }

        public int Mode { get; }
    }

    /// <summary>Writes the zip to <paramref name="output"/>.</summary>
    /// <param name="output">A writable stream.</param>
    /// <param name="entries">The entries, in the order to store them.</param>
    /// <param name="content">Reads an entry's bytes (the packer substitutes an edited MANIFEST here).</param>
    /// <param name="timestamp">The one last-write time of every entry (DOS time has no zone; seconds are even).</param>
    /// <param name="progress">Called after each entry is written, with the count written so far.</param>
    /// <param name="level">The runtime's deflate level; <see cref="CompressionLevel.NoCompression"/> stores every entry.</param>
    public static void Write(Stream output, IReadOnlyList<SpsPluginPackEntry> entries, Func<SpsPluginPackEntry, byte[]> content,
        DateTime timestamp, Action<int>? progress, CompressionLevel level = CompressionLevel.Optimal)
    {
        var dosTime = DosTime(timestamp);
        var central = new MemoryStream();
        var window = Math.Max(2, Environment.ProcessorCount + 1);
        var pending = new Queue<Task<Prepared>>();
        var next = 0;
        var written = 0;
        while (written < entries.Count)
        {
            // Keep a few entries compressing ahead of the writer, on the thread pool.
            while (next < entries.Count && pending.Count < window)
            {
                var entry = entries[next++];
                pending.Enqueue(Task.Run(() => Prepare(entry, content(entry), level)));
            }
            var prepared = pending.Dequeue().GetAwaiter().GetResult();
            var offset = output.Position;
            WriteLocalHeader(output, prepared, dosTime);
            output.Write(prepared.Data, 0, prepared.Data.Length);
            WriteCentralHeader(central, prepared, dosTime, offset);
            written++;
            progress?.Invoke(written);
        }
        var directoryOffset = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        WriteEndRecord(output, entries.Count, central.Length, directoryOffset);
    }

    private static Prepared Prepare(SpsPluginPackEntry entry, byte[] data, CompressionLevel level)
    {
        var crc = Crc32.Update(0, data, 0, data.Length);
        // Stored without asking deflate: its stored blocks would only add headers, and the bytes of a
        // stored entry are the same on every runtime.
        var compressed = level == CompressionLevel.NoCompression ? data : Deflate(data, level);
        var stored = compressed.Length >= data.Length;
        var utf8 = entry.Path.Any(c => c > 0x7F);
        var name = utf8 ? Encoding.UTF8.GetBytes(entry.Path) : Encoding.ASCII.GetBytes(entry.Path);
        var mode = RegularFile | (entry.IsExecutable ? 0x1ED : 0x1A4);
        return new Prepared(name, utf8, stored ? (ushort)0 : (ushort)8, crc, data.Length, stored ? data : compressed, mode);
    }

    private static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, level, leaveOpen: true))
        {
            deflate.Write(data, 0, data.Length);
        }
        return buffer.ToArray();
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
        header.Write(checked((uint)entry.Data.Length));
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
