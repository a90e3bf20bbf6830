using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SpsPlugin.Tests.Bundles;

/// <summary>Builds small zips in memory for the tests, including the odd ones real tools make.</summary>
internal static class ZipBuilder
{
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
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = Encoding.UTF8.GetBytes(content);
        var crc = Crc(data);
        using var zip = new MemoryStream();
        var w = new BinaryWriter(zip);
        // Local header (sizes given plainly here; readers trust the central directory).
        w.Write(0x04034b50u); w.Write((ushort)45); w.Write((ushort)0x800); w.Write((ushort)0); w.Write(0u);
        w.Write(crc); w.Write((uint)data.Length); w.Write((uint)data.Length); w.Write((ushort)nameBytes.Length); w.Write((ushort)0);
        w.Write(nameBytes); w.Write(data);
        var directoryOffset = zip.Position;
        w.Write(0x02014b50u); w.Write((ushort)((3 << 8) | 45)); w.Write((ushort)45); w.Write((ushort)0x800); w.Write((ushort)0); w.Write(0u);
        w.Write(crc); w.Write(0xFFFFFFFFu); w.Write(0xFFFFFFFFu); w.Write((ushort)nameBytes.Length); w.Write((ushort)28); w.Write((ushort)0);
        w.Write((ushort)0); w.Write((ushort)0); w.Write(0x81A4u << 16); w.Write(0xFFFFFFFFu);
        w.Write(nameBytes);
        w.Write((ushort)1); w.Write((ushort)24); w.Write((ulong)data.Length); w.Write((ulong)data.Length); w.Write(0UL);
        var directorySize = zip.Position - directoryOffset;
        var zip64End = zip.Position;
        w.Write(0x06064b50u); w.Write(44UL); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
        w.Write(1UL); w.Write(1UL); w.Write((ulong)directorySize); w.Write((ulong)directoryOffset);
        w.Write(0x07064b50u); w.Write(0u); w.Write((ulong)zip64End); w.Write(1u);
        w.Write(0x06054b50u); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0xFFFF); w.Write((ushort)0xFFFF);
        w.Write(0xFFFFFFFFu); w.Write(0xFFFFFFFFu); w.Write((ushort)0);
        w.Flush();
        return zip.ToArray();
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

    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
