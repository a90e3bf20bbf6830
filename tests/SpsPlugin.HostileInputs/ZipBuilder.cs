using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace SpsPlugin.HostileInputs;

/// <summary>
/// A byte-level zip writer for well-formed, odd and hostile archives. Every header field can be
/// chosen: raw name bytes (central and local apart), flags, method, CRC, sizes (in the 32-bit slots
/// or as ZIP64 extra fields with any 64-bit value), external attributes, the creating system,
/// "version needed", and the local-header offset (so many central records can point at one local
/// header). Anything not chosen is filled in consistently, so a test states only the field it breaks.
/// Depends on nothing but the BCL (no test framework), so generators and tools can use it too.
/// </summary>
public sealed class ZipBuilder
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;

    private readonly List<ZipBuilderEntry> _entries = new();

    /// <summary>The entries in central-directory order.</summary>
    public IReadOnlyList<ZipBuilderEntry> Entries => _entries;

    /// <summary>Write a ZIP64 end record and locator even when no count, size or offset needs them.</summary>
    public bool ForceZip64End { get; set; }

    /// <summary>Adds a file entry with <paramref name="content"/>, deflated unless <paramref name="deflate"/> is false.</summary>
    public ZipBuilderEntry Add(string name, byte[] content, bool deflate = true)
    {
        var entry = new ZipBuilderEntry(name, content, deflate);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Adds a file entry holding the UTF-8 bytes of <paramref name="content"/>.</summary>
    public ZipBuilderEntry Add(string name, string content, bool deflate = true) => Add(name, Encoding.UTF8.GetBytes(content), deflate);

    /// <summary>Adds a folder entry (stored, empty; give the name with its trailing '/').</summary>
    public ZipBuilderEntry AddFolder(string name) => Add(name, Array.Empty<byte>(), deflate: false).With(e => e.ExternalAttributes = 0x41ED0010);

    /// <summary>
    /// Adds a central record that points at the local header (and so the data) of <paramref name="target"/>:
    /// no local header or data of its own is written, the accounting trick of overlapping zip bombs.
    /// </summary>
    public ZipBuilderEntry AddSharing(ZipBuilderEntry target, string? name = null)
    {
        var entry = new ZipBuilderEntry(name ?? target.Name, target.Content, target.Deflate) { SharesLocalHeaderOf = target.SharesLocalHeaderOf ?? target };
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Writes the archive: local headers and data in order, then the central directory and end records.</summary>
    public byte[] Build()
    {
        using var zip = new MemoryStream();
        var w = new BinaryWriter(zip);
        var offsets = new Dictionary<ZipBuilderEntry, long>();
        foreach (var entry in _entries.Where(e => e.SharesLocalHeaderOf == null))
        {
            offsets[entry] = zip.Position;
            var name = entry.LocalNameBytes ?? entry.NameBytes;
            var data = entry.CompressedData;
            w.Write(LocalHeaderSignature);
            w.Write(entry.VersionNeeded);
            w.Write(entry.LocalFlags ?? entry.Flags);
            w.Write(entry.Method);
            w.Write(entry.DosTime);
            w.Write(entry.Crc32 ?? entry.ContentCrc);
            w.Write((uint)data.Length);
            w.Write((uint)entry.Content.Length);
            w.Write((ushort)name.Length);
            w.Write((ushort)entry.LocalExtra.Length);
            w.Write(name);
            w.Write(entry.LocalExtra);
            w.Write(data);
        }
        var directoryOffset = zip.Position;
        foreach (var entry in _entries)
        {
            var offset = entry.LocalHeaderOffset ?? offsets[entry.SharesLocalHeaderOf ?? entry];
            var compressed = entry.CompressedSize ?? (ulong)(entry.SharesLocalHeaderOf ?? entry).CompressedData.Length;
            var uncompressed = entry.UncompressedSize ?? (ulong)entry.Content.Length;
            var extra = entry.CentralExtra ?? Zip64Extra(entry, uncompressed, compressed, (ulong)offset);
            w.Write(CentralHeaderSignature);
            w.Write(entry.VersionMadeBy);
            w.Write(entry.VersionNeeded);
            w.Write(entry.Flags);
            w.Write(entry.Method);
            w.Write(entry.DosTime);
            w.Write(entry.Crc32 ?? (entry.SharesLocalHeaderOf ?? entry).ContentCrc);
            w.Write(Slot(entry.Zip64Compressed, compressed));
            w.Write(Slot(entry.Zip64Uncompressed, uncompressed));
            w.Write((ushort)entry.NameBytes.Length);
            w.Write((ushort)extra.Length);
            w.Write((ushort)0); // comment length
            w.Write((ushort)0); // disk number
            w.Write((ushort)0); // internal attributes
            w.Write(entry.ExternalAttributes);
            w.Write(Slot(entry.Zip64Offset, (ulong)offset));
            w.Write(entry.NameBytes);
            w.Write(extra);
        }
        var directorySize = zip.Position - directoryOffset;
        var zip64 = ForceZip64End || _entries.Any(e => e.Zip64Compressed || e.Zip64Uncompressed || e.Zip64Offset);
        if (zip64)
        {
            var zip64End = zip.Position;
            w.Write(Zip64EndSignature); w.Write(44UL); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
            w.Write((ulong)_entries.Count); w.Write((ulong)_entries.Count); w.Write((ulong)directorySize); w.Write((ulong)directoryOffset);
            w.Write(Zip64LocatorSignature); w.Write(0u); w.Write((ulong)zip64End); w.Write(1u);
        }
        w.Write(EndSignature); w.Write((ushort)0); w.Write((ushort)0);
        var count = zip64 ? (ushort)0xFFFF : (ushort)_entries.Count;
        w.Write(count); w.Write(count);
        w.Write(zip64 ? 0xFFFFFFFFu : (uint)directorySize);
        w.Write(zip64 ? 0xFFFFFFFFu : (uint)directoryOffset);
        w.Write((ushort)0);
        w.Flush();
        return zip.ToArray();
    }

    /// <summary>Builds a zip of <paramref name="entries"/> with .NET's own writer, as most Windows tools do.</summary>
    public static byte[] Create(params (string Name, string Content, int? UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                if (mode != null)
                {
                    entry.ExternalAttributes = mode.Value << 16;
                }
                using var stream = entry.Open();
                var bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A one-entry stored zip whose central directory uses ZIP64 fields (sizes and offset 0xFFFFFFFF,
    /// the real values in the ZIP64 extra field, a ZIP64 end record and locator), as large-file tools write.
    /// </summary>
    public static byte[] CreateZip64(string name, string content)
    {
        var builder = new ZipBuilder();
        builder.Add(name, content, deflate: false).With(e =>
        {
            e.Zip64Compressed = e.Zip64Uncompressed = e.Zip64Offset = true;
            e.VersionNeeded = 45;
        });
        return builder.Build();
    }

    /// <summary>Replaces the first occurrence of <paramref name="find"/> at or after <paramref name="from"/>.</summary>
    public static byte[] Patch(byte[] bytes, byte[] find, byte[] replace, int from = 0)
    {
        var result = (byte[])bytes.Clone();
        replace.CopyTo(result, IndexOf(result, find, from));
        return result;
    }

    /// <summary>Where <paramref name="find"/> first occurs in <paramref name="bytes"/> at or after <paramref name="from"/>.</summary>
    public static int IndexOf(byte[] bytes, byte[] find, int from = 0)
    {
        for (var i = from; i + find.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, find.Length).SequenceEqual(find))
            {
                return i;
            }
        }
        throw new InvalidOperationException("pattern not found");
    }

    /// <summary>CRC-32 (IEEE) of <paramref name="data"/>, as zip records it.</summary>
    public static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    // Table-driven: the hostile catalogue writes entries of tens of MiB.
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c;
    }).ToArray();

    private static uint Slot(bool zip64, ulong value) => zip64 ? 0xFFFFFFFFu : (uint)value;

    // The ZIP64 extra field holds, in this order, only the values whose 32-bit slot is 0xFFFFFFFF.
    private static byte[] Zip64Extra(ZipBuilderEntry entry, ulong uncompressed, ulong compressed, ulong offset)
    {
        var values = new List<ulong>();
        if (entry.Zip64Uncompressed)
        {
            values.Add(uncompressed);
        }
        if (entry.Zip64Compressed)
        {
            values.Add(compressed);
        }
        if (entry.Zip64Offset)
        {
            values.Add(offset);
        }
        if (values.Count == 0)
        {
            return Array.Empty<byte>();
        }
        using var extra = new MemoryStream();
        var w = new BinaryWriter(extra);
        w.Write((ushort)1);
        w.Write((ushort)(values.Count * 8));
        values.ForEach(w.Write);
        w.Flush();
        return extra.ToArray();
    }
}

/// <summary>One entry of a <see cref="ZipBuilder"/>; every property left alone is filled in consistently.</summary>
public sealed class ZipBuilderEntry
{
    private byte[]? _compressed;
    private uint? _crc;

    internal ZipBuilderEntry(string name, byte[] content, bool deflate)
    {
        Name = name;
        NameBytes = Encoding.UTF8.GetBytes(name);
        Content = content;
        Deflate = deflate;
        Method = deflate ? (ushort)8 : (ushort)0;
        Flags = NameBytes.Any(b => b >= 0x80) ? (ushort)0x800 : (ushort)0;
    }

    /// <summary>The name as given (for reading tests; <see cref="NameBytes"/> is what is written).</summary>
    public string Name { get; }

    /// <summary>The name bytes of the central record (UTF-8 of the name unless replaced, e.g. with a NUL or CP437 bytes).</summary>
    public byte[] NameBytes { get; set; }

    /// <summary>The name bytes of the local header; null means the same as <see cref="NameBytes"/>.</summary>
    public byte[]? LocalNameBytes { get; set; }

    /// <summary>The uncompressed content.</summary>
    public byte[] Content { get; }

    /// <summary>Deflate (method 8) or store (method 0) the content.</summary>
    public bool Deflate { get; }

    /// <summary>The compression method written; defaults to what <see cref="Deflate"/> says.</summary>
    public ushort Method { get; set; }

    /// <summary>General-purpose flags of the central record (bit 11 = UTF-8 names, set for non-ASCII names).</summary>
    public ushort Flags { get; set; }

    /// <summary>Flags of the local header; null means the same as <see cref="Flags"/>.</summary>
    public ushort? LocalFlags { get; set; }

    /// <summary>"Version made by": creating system in the high byte (3 = Unix), spec version in the low one.</summary>
    public ushort VersionMadeBy { get; set; } = (3 << 8) | 20;

    /// <summary>"Version needed to extract" (Python's zipfile refuses more than 63).</summary>
    public ushort VersionNeeded { get; set; } = 20;

    /// <summary>MS-DOS date and time; defaults to 1980-01-01 00:00.</summary>
    public uint DosTime { get; set; } = 0x00210000;

    /// <summary>External attributes: Unix mode in the high 16 bits, MS-DOS attributes (0x10 = folder) in the low ones.</summary>
    public uint ExternalAttributes { get; set; } = 0x81A40000;

    /// <summary>The CRC-32 written in both headers; null means the content's real CRC.</summary>
    public uint? Crc32 { get; set; }

    /// <summary>The central record's compressed size; null means the real one.</summary>
    public ulong? CompressedSize { get; set; }

    /// <summary>The central record's uncompressed size; null means the content's length.</summary>
    public ulong? UncompressedSize { get; set; }

    /// <summary>The central record's local-header offset; null means where this (or the shared) header was written.</summary>
    public long? LocalHeaderOffset { get; set; }

    /// <summary>Write the uncompressed size as 0xFFFFFFFF with the value in a ZIP64 extra field.</summary>
    public bool Zip64Uncompressed { get; set; }

    /// <summary>Write the compressed size as 0xFFFFFFFF with the value in a ZIP64 extra field.</summary>
    public bool Zip64Compressed { get; set; }

    /// <summary>Write the local-header offset as 0xFFFFFFFF with the value in a ZIP64 extra field.</summary>
    public bool Zip64Offset { get; set; }

    /// <summary>The central record's extra field verbatim; null means the ZIP64 field the flags above call for.</summary>
    public byte[]? CentralExtra { get; set; }

    /// <summary>The local header's extra field.</summary>
    public byte[] LocalExtra { get; set; } = Array.Empty<byte>();

    /// <summary>Set when this central record points at another entry's local header (see <see cref="ZipBuilder.AddSharing"/>).</summary>
    public ZipBuilderEntry? SharesLocalHeaderOf { get; internal set; }

    internal uint ContentCrc => _crc ??= ZipBuilder.Crc(Content);

    internal byte[] CompressedData => _compressed ??= Compress();

    /// <summary>Applies <paramref name="edit"/> and returns the entry, for one-line setups.</summary>
    public ZipBuilderEntry With(Action<ZipBuilderEntry> edit)
    {
        edit(this);
        return this;
    }

    private byte[] Compress()
    {
        if (!Deflate)
        {
            return Content;
        }
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Content, 0, Content.Length);
        }
        return buffer.ToArray();
    }
}
