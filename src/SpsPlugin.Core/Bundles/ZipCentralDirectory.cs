using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SpsPlugin.Bundles;

/// <summary>
/// Reads a zip's central directory straight from the stream: the end record is found in the last
/// 64 KiB, then only the directory is read, so opening a bundle never loads or extracts the archive.
/// Handles ZIP64 and keeps what <c>ZipArchive</c> hides on netstandard2.0 (flags, external
/// attributes, the creating system, duplicate names).
/// </summary>
internal static class ZipCentralDirectory
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int EndRecordSize = 22;
    private const int MaxCommentLength = 0xFFFF;

    // Bounds for hostile archives: reading the directory allocates at most this much.
    private const long MaxEntries = 100_000;
    private const long MaxDirectoryBytes = 64L * 1024 * 1024;

    // CP437, the encoding of names without the UTF-8 flag, for bytes 0x80-0xFF.
    private const string Cp437High =
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐" +
        "└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

    /// <summary>Reads every central-directory record of the zip in <paramref name="stream"/>.</summary>
    /// <exception cref="SpsPluginException">Not a zip (BundleNotZip) or truncated/damaged (BundleCorrupt).</exception>
    public static List<ZipDirectoryEntry> Read(Stream stream, string path)
    {
        var length = stream.Length;
        var tailLength = (int)Math.Min(length, EndRecordSize + MaxCommentLength);
        var tail = ReadAt(stream, length - tailLength, tailLength, path);
        var end = FindEndRecord(tail);
        if (end < 0)
        {
            throw StartsLikeZip(stream)
                ? Corrupt(path, "it starts like a zip but has no end-of-central-directory record: the file is truncated (an interrupted download or copy?). Build or download it again.")
                : new SpsPluginException(SpsPluginErrorId.BundleNotZip,
                    $"'{path}' is not a zip archive. Give a plugin folder, or a .zip made from the plugin's files.", path);
        }
        long entryCount = ReadUInt16(tail, end + 10);
        long directorySize = ReadUInt32(tail, end + 12);
        long directoryOffset = ReadUInt32(tail, end + 16);
        var endPosition = length - tailLength + end;
        if (entryCount == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        {
            ReadZip64End(stream, path, endPosition, ref entryCount, ref directorySize, ref directoryOffset, out endPosition);
        }
        if (entryCount > MaxEntries || directorySize > MaxDirectoryBytes)
        {
            throw Corrupt(path, $"it declares {entryCount} entries in a {directorySize}-byte directory, more than SpsPlugin reads ({MaxEntries} entries, {MaxDirectoryBytes} bytes); no plugin is that large.");
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > endPosition)
        {
            throw Corrupt(path, "its central directory lies beyond the end of the file: the file is truncated or damaged. Build or download it again.");
        }
        var directory = ReadAt(stream, directoryOffset, checked((int)directorySize), path);
        var entries = new List<ZipDirectoryEntry>();
        var at = 0;
        while (at + 46 <= directory.Length && ReadUInt32(directory, at) == CentralHeaderSignature)
        {
            entries.Add(ReadCentralHeader(directory, ref at, path, directoryOffset));
        }
        if (entries.Count != entryCount || at != directory.Length)
        {
            throw Corrupt(path, $"its central directory lists {entries.Count} readable entries where the end record promises {entryCount}: the archive is damaged.");
        }
        return entries;
    }

    /// <summary>Reads one entry's content into memory, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="SpsPluginException">Encrypted, an unknown method, damaged, or larger than allowed.</exception>
    public static byte[] ReadEntry(Stream stream, ZipDirectoryEntry entry, string path, long maxBytes)
    {
        if (entry.IsEncrypted)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleUnsupported,
                $"The entry '{entry.Name}' in '{path}' is encrypted; SPS cannot read encrypted plugins. Zip it without a password.", path);
        }
        if (entry.Method != 0 && entry.Method != 8)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleUnsupported,
                $"The entry '{entry.Name}' in '{path}' uses compression method {entry.Method}; only stored (0) and deflate (8) are supported. Zip it again with deflate.", path);
        }
        if (entry.UncompressedSize > maxBytes)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleUnsupported,
                $"The entry '{entry.Name}' in '{path}' is {entry.UncompressedSize} bytes, more than the {maxBytes} SpsPlugin reads for it.", path);
        }
        var header = ReadAt(stream, entry.LocalHeaderOffset, 30, path);
        if (ReadUInt32(header, 0) != LocalHeaderSignature)
        {
            throw Corrupt(path, $"the local header of '{entry.Name}' is missing where the directory points.");
        }
        var dataStart = entry.LocalHeaderOffset + 30 + ReadUInt16(header, 26) + ReadUInt16(header, 28);
        if (dataStart + entry.CompressedSize > stream.Length)
        {
            throw Corrupt(path, $"the data of '{entry.Name}' runs past the end of the file.");
        }
        var compressed = ReadAt(stream, dataStart, checked((int)entry.CompressedSize), path);
        byte[] data;
        if (entry.Method == 0)
        {
            data = compressed;
        }
        else
        {
            using var inflater = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            try
            {
                while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, read);
                    if (output.Length > entry.UncompressedSize)
                    {
                        break;
                    }
                }
            }
            catch (InvalidDataException error)
            {
                throw Corrupt(path, $"the compressed data of '{entry.Name}' is damaged ({error.Message}).");
            }
            data = output.ToArray();
        }
        if (data.Length != entry.UncompressedSize || Crc32.Update(0, data, 0, data.Length) != entry.Crc32)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleBadCrc,
                $"'{path}' is damaged: the content of '{entry.Name}' does not match its recorded size and CRC-32. Build or download it again.", path);
        }
        return data;
    }

    private static int FindEndRecord(byte[] tail)
    {
        for (var i = tail.Length - EndRecordSize; i >= 0; i--)
        {
            // The comment length must reach exactly to the end of the file, which rules out the
            // signature bytes appearing by chance inside a comment.
            if (ReadUInt32(tail, i) == EndOfCentralDirectorySignature && i + EndRecordSize + ReadUInt16(tail, i + 20) == tail.Length)
            {
                return i;
            }
        }
        return -1;
    }

    private static void ReadZip64End(Stream stream, string path, long endPosition,
        ref long entryCount, ref long directorySize, ref long directoryOffset, out long zip64EndPosition)
    {
        if (endPosition < 20)
        {
            throw Corrupt(path, "its ZIP64 locator is missing.");
        }
        var locator = ReadAt(stream, endPosition - 20, 20, path);
        if (ReadUInt32(locator, 0) != Zip64LocatorSignature)
        {
            throw Corrupt(path, "its ZIP64 locator is missing.");
        }
        zip64EndPosition = (long)ReadUInt64(locator, 8);
        if (zip64EndPosition < 0 || zip64EndPosition + 56 > endPosition)
        {
            throw Corrupt(path, "its ZIP64 end record lies outside the file.");
        }
        var record = ReadAt(stream, zip64EndPosition, 56, path);
        if (ReadUInt32(record, 0) != Zip64EndSignature)
        {
            throw Corrupt(path, "its ZIP64 end record is damaged.");
        }
        entryCount = (long)ReadUInt64(record, 32);
        directorySize = (long)ReadUInt64(record, 40);
        directoryOffset = (long)ReadUInt64(record, 48);
    }

    private static ZipDirectoryEntry ReadCentralHeader(byte[] d, ref int at, string path, long directoryOffset)
    {
        var versionMadeBy = ReadUInt16(d, at + 4);
        var flags = ReadUInt16(d, at + 8);
        var method = ReadUInt16(d, at + 10);
        var dosTime = ReadUInt32(d, at + 12);
        var crc = ReadUInt32(d, at + 16);
        long compressed = ReadUInt32(d, at + 20);
        long uncompressed = ReadUInt32(d, at + 24);
        var nameLength = ReadUInt16(d, at + 28);
        var extraLength = ReadUInt16(d, at + 30);
        var commentLength = ReadUInt16(d, at + 32);
        var external = ReadUInt32(d, at + 38);
        long offset = ReadUInt32(d, at + 42);
        var nameAt = at + 46;
        if (nameAt + nameLength + extraLength + commentLength > d.Length)
        {
            throw Corrupt(path, "a central-directory record runs past the directory's end.");
        }
        var name = DecodeName(d, nameAt, nameLength, (flags & 0x800) != 0);
        ReadZip64Extra(d, nameAt + nameLength, extraLength, ref uncompressed, ref compressed, ref offset);
        if (offset < 0 || offset >= directoryOffset)
        {
            throw Corrupt(path, $"the entry '{name}' points outside the archive's data.");
        }
        at = nameAt + nameLength + extraLength + commentLength;
        return new ZipDirectoryEntry(name, versionMadeBy, flags, method, dosTime, crc, compressed, uncompressed, offset, external);
    }

    // The ZIP64 extra field holds, in this order, only the fields whose 32-bit slot is 0xFFFFFFFF.
    private static void ReadZip64Extra(byte[] d, int at, int length, ref long uncompressed, ref long compressed, ref long offset)
    {
        var end = at + length;
        while (at + 4 <= end)
        {
            var id = ReadUInt16(d, at);
            var size = ReadUInt16(d, at + 2);
            var field = at + 4;
            if (id == 0x0001)
            {
                if (uncompressed == 0xFFFFFFFF && field + 8 <= end)
                {
                    uncompressed = (long)ReadUInt64(d, field);
                    field += 8;
                }
                if (compressed == 0xFFFFFFFF && field + 8 <= end)
                {
                    compressed = (long)ReadUInt64(d, field);
                    field += 8;
                }
                if (offset == 0xFFFFFFFF && field + 8 <= end)
                {
                    offset = (long)ReadUInt64(d, field);
                }
                return;
            }
            at += 4 + size;
        }
    }

    private static string DecodeName(byte[] d, int at, int length, bool utf8)
    {
        if (utf8)
        {
            return Encoding.UTF8.GetString(d, at, length);
        }
        var name = new StringBuilder(length);
        for (var i = at; i < at + length; i++)
        {
            name.Append(d[i] < 0x80 ? (char)d[i] : Cp437High[d[i] - 0x80]);
        }
        return name.ToString();
    }

    private static bool StartsLikeZip(Stream stream)
    {
        if (stream.Length < 4)
        {
            return false;
        }
        stream.Position = 0;
        var head = new byte[4];
        return stream.Read(head, 0, 4) == 4 && ReadUInt32(head, 0) == LocalHeaderSignature;
    }

    private static byte[] ReadAt(Stream stream, long position, int count, string path)
    {
        if (position < 0 || position + count > stream.Length)
        {
            throw Corrupt(path, "a record lies beyond the end of the file: the file is truncated.");
        }
        stream.Position = position;
        var buffer = new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = stream.Read(buffer, done, count - done);
            if (read == 0)
            {
                throw Corrupt(path, "the file ended while reading it: it is truncated.");
            }
            done += read;
        }
        return buffer;
    }

    private static SpsPluginException Corrupt(string path, string why) =>
        new(SpsPluginErrorId.BundleCorrupt, $"'{path}' is not a readable zip: {why}", path);

    private static ushort ReadUInt16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint ReadUInt32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    private static ulong ReadUInt64(byte[] b, int at) => ReadUInt32(b, at) | (ulong)ReadUInt32(b, at + 4) << 32;
}
