using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace SpsPlugin.HostileInputs;

/// <summary>
/// One entry of a <see cref="RawZip"/>. By default every field is what an honest zip tool writes; each
/// override sets one header field to a lie, which is what hostile archives are made of.
/// </summary>
public sealed class RawZipEntry
{
    public RawZipEntry(string name, byte[] data)
    {
        Name = name;
        Data = data;
    }

    public RawZipEntry(string name, string text)
        : this(name, Encoding.UTF8.GetBytes(text))
    {
    }

    /// <summary>The name, UTF-8 encoded unless <see cref="NameBytes"/> gives raw bytes.</summary>
    public string Name { get; }

    /// <summary>The uncompressed content.</summary>
    public byte[] Data { get; }

    /// <summary>Raw name bytes for both headers (a NUL, a control byte, invalid UTF-8).</summary>
    public byte[]? NameBytes { get; set; }

    /// <summary>A different name in the local header only.</summary>
    public byte[]? LocalNameBytes { get; set; }

    /// <summary>Deflate (true) or store.</summary>
    public bool Deflate { get; set; } = true;

    /// <summary>General-purpose flags; 0x800 says the name is UTF-8.</summary>
    public ushort Flags { get; set; } = 0x800;

    /// <summary>Upper byte: the creating system (3 Unix, 0 MS-DOS); lower byte: the spec version.</summary>
    public ushort VersionMadeBy { get; set; } = (3 << 8) | 20;

    /// <summary>External attributes: Unix mode in the high 16 bits, MS-DOS attributes in the low byte.</summary>
    public uint ExternalAttributes { get; set; } = 0x81A4u << 16;

    /// <summary>A CRC-32 to declare instead of the real one.</summary>
    public uint? DeclaredCrc { get; set; }

    /// <summary>A compressed size to declare (both headers) instead of the real one.</summary>
    public long? DeclaredCompressedSize { get; set; }

    /// <summary>An uncompressed size to declare (both headers) instead of the real one.</summary>
    public long? DeclaredSize { get; set; }

    /// <summary>Write the central record's sizes and offset as 0xFFFFFFFF with the values in a ZIP64 extra field.</summary>
    public bool Zip64 { get; set; }

    /// <summary>The ZIP64 extra field's uncompressed size, when it should differ from the declared one (2^63, 2^64-1, ...).</summary>
    public ulong? Zip64Size { get; set; }

    /// <summary>The ZIP64 extra field's compressed size, when it should differ from the declared one.</summary>
    public ulong? Zip64CompressedSize { get; set; }

    /// <summary>Write no local header; the central record points at the local header of the entry with this index.</summary>
    public int? SharesLocalHeaderOf { get; set; }
}

/// <summary>
/// Writes zip archives byte by byte, so tests and the hostile-input catalogue can set every header field
/// (shared local headers, ZIP64 values no tool writes, raw name bytes, a local name that differs from the
/// central one). The layout is the plain one: local headers with data, then the central directory, then
/// the end record, with the ZIP64 end record and locator whenever an entry uses ZIP64.
/// </summary>
public static class RawZip
{
    public static byte[] Build(params RawZipEntry[] entries) => Build((IReadOnlyList<RawZipEntry>)entries);

    public static byte[] Build(IReadOnlyList<RawZipEntry> entries)
    {
        using var zip = new MemoryStream();
        var w = new BinaryWriter(zip);
        var offsets = new long[entries.Count];
        var stored = new byte[entries.Count][];
        var crcs = new uint[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.SharesLocalHeaderOf is int shared)
            {
                // The forger copies the shared member's record: same data, same CRC (computing them again costs seconds for 1,000 copies).
                offsets[i] = offsets[shared];
                stored[i] = stored[shared];
                crcs[i] = entry.DeclaredCrc ?? crcs[shared];
                continue;
            }
            stored[i] = entry.Deflate ? Compress(entry.Data) : entry.Data;
            crcs[i] = entry.DeclaredCrc ?? Crc32(entry.Data);
            offsets[i] = zip.Position;
            var name = entry.LocalNameBytes ?? NameOf(entry);
            w.Write(0x04034b50u);
            w.Write((ushort)(entry.Zip64 ? 45 : 20));
            w.Write(entry.Flags);
            w.Write((ushort)(entry.Deflate ? 8 : 0));
            w.Write(0x00210000u); // 1980-01-01 00:00
            w.Write(crcs[i]);
            w.Write(Narrow(entry.DeclaredCompressedSize ?? stored[i].Length));
            w.Write(Narrow(entry.DeclaredSize ?? entry.Data.Length));
            w.Write((ushort)name.Length);
            w.Write((ushort)0);
            w.Write(name);
            w.Write(stored[i]);
        }
        var directoryOffset = zip.Position;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = NameOf(entry);
            var compressed = entry.DeclaredCompressedSize ?? stored[i].Length;
            var size = entry.DeclaredSize ?? entry.Data.Length;
            var extra = entry.Zip64 ? Zip64Extra(entry.Zip64Size ?? (ulong)size, entry.Zip64CompressedSize ?? (ulong)compressed, (ulong)offsets[i]) : Array.Empty<byte>();
            w.Write(0x02014b50u);
            w.Write(entry.VersionMadeBy);
            w.Write((ushort)(entry.Zip64 ? 45 : 20));
            w.Write(entry.Flags);
            w.Write((ushort)(entry.Deflate ? 8 : 0));
            w.Write(0x00210000u);
            w.Write(crcs[i]);
            w.Write(entry.Zip64 ? 0xFFFFFFFFu : Narrow(compressed));
            w.Write(entry.Zip64 ? 0xFFFFFFFFu : Narrow(size));
            w.Write((ushort)name.Length);
            w.Write((ushort)extra.Length);
            w.Write((ushort)0); // comment
            w.Write((ushort)0); // disk
            w.Write((ushort)0); // internal attributes
            w.Write(entry.ExternalAttributes);
            w.Write(entry.Zip64 ? 0xFFFFFFFFu : (uint)offsets[i]);
            w.Write(name);
            w.Write(extra);
        }
        var directorySize = zip.Position - directoryOffset;
        var anyZip64 = false;
        foreach (var entry in entries)
        {
            anyZip64 |= entry.Zip64;
        }
        if (anyZip64)
        {
            var zip64End = zip.Position;
            w.Write(0x06064b50u); w.Write(44UL); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
            w.Write((ulong)entries.Count); w.Write((ulong)entries.Count); w.Write((ulong)directorySize); w.Write((ulong)directoryOffset);
            w.Write(0x07064b50u); w.Write(0u); w.Write((ulong)zip64End); w.Write(1u);
        }
        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        var count = anyZip64 ? (ushort)0xFFFF : (ushort)entries.Count;
        w.Write(count);
        w.Write(count);
        w.Write(anyZip64 ? 0xFFFFFFFFu : (uint)directorySize);
        w.Write(anyZip64 ? 0xFFFFFFFFu : (uint)directoryOffset);
        w.Write((ushort)0);
        w.Flush();
        return zip.ToArray();
    }

    /// <summary>The CRC-32 (IEEE) zip uses.</summary>
    public static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c;
    }).ToArray();

    private static byte[] NameOf(RawZipEntry entry) => entry.NameBytes ?? Encoding.UTF8.GetBytes(entry.Name);

    // A 32-bit header field: a negative or oversized declared value is written as its low 32 bits, as a forger would.
    private static uint Narrow(long value) => unchecked((uint)value);

    private static byte[] Zip64Extra(ulong size, ulong compressed, ulong offset)
    {
        var extra = new byte[28];
        BitConverter.GetBytes((ushort)1).CopyTo(extra, 0);
        BitConverter.GetBytes((ushort)24).CopyTo(extra, 2);
        BitConverter.GetBytes(size).CopyTo(extra, 4);
        BitConverter.GetBytes(compressed).CopyTo(extra, 12);
        BitConverter.GetBytes(offset).CopyTo(extra, 20);
        return extra;
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data, 0, data.Length);
        }
        return output.ToArray();
    }
}
