using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace SpsPlugin.Bundles;

/// <summary>
/// Reads a zip's central directory straight from the stream: the end record is found in the last
/// 64 KiB, then only the directory is read, so opening a bundle never loads or extracts the archive.
/// Handles ZIP64 and keeps what <c>ZipArchive</c> hides on netstandard2.0 (flags, external
/// attributes, the creating system, duplicate names). What it accepts follows CPython 3.11's
/// <c>zipfile</c>, which SPS loads plugins with: names cut at the first NUL, strict UTF-8 names,
/// ZIP64 extra fields decoded in its order, "version needed" up to 6.3, every member's data ending
/// before the next local header ("Overlapped entries"), local and central names equal. On top, sizes
/// that no entry can have (2^63 and more, stored sizes that differ, more than deflate can expand to)
/// are refused, so a declared total can never be cancelled out or overflow.
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

    // Deflate emits at most 258 bytes per length/distance pair, which takes at least 2 bits: no entry
    // inflates to more than 1032 times its compressed size.
    private const long MaxDeflateRatio = 1032;

    // CPython's zipfile.MAX_EXTRACT_VERSION: it refuses to open a zip with a member needing more.
    private const int MaxExtractVersion = 63;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

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
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > endPosition - directorySize)
        {
            throw Corrupt(path, "its central directory lies beyond the end of the file: the file is truncated or damaged. Build or download it again.");
        }
        var directory = ReadAt(stream, directoryOffset, checked((int)directorySize), path);
        var entries = new List<ZipDirectoryEntry>();
        var at = 0;
        long declaredTotal = 0;
        while (at + 46 <= directory.Length && ReadUInt32(directory, at) == CentralHeaderSignature)
        {
            var entry = ReadCentralHeader(directory, ref at, path, directoryOffset);
            // Overflow-safe: each size is below 2^63 here, so the sum is checked before it is made.
            if (entry.UncompressedSize > long.MaxValue - declaredTotal)
            {
                throw Corrupt(path, "its entries declare more than 2^63 bytes in all: the sizes are forged.");
            }
            declaredTotal += entry.UncompressedSize;
            entries.Add(entry);
        }
        if (entries.Count != entryCount || at != directory.Length)
        {
            throw Corrupt(path, $"its central directory lists {entries.Count} readable entries where the end record promises {entryCount}: the archive is damaged.");
        }
        ReadLocalHeaders(stream, entries, directoryOffset, path);
        return entries;
    }

    /// <summary>Reads one entry's content into memory, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="SpsPluginException">Encrypted, an unknown method, damaged, or larger than allowed.</exception>
    public static byte[] ReadEntry(Stream stream, ZipDirectoryEntry entry, string path, long maxBytes)
    {
        using var output = new MemoryStream();
        CopyEntry(stream, entry, path, output, maxBytes);
        return output.ToArray();
    }

    /// <summary>
    /// Streams one entry's content to <paramref name="output"/>, never writing more than its recorded
    /// size (inflating stops the moment the data runs past it) nor more than <paramref name="maxBytes"/>.
    /// </summary>
    /// <returns>The number of bytes written, which equals the recorded size.</returns>
    /// <exception cref="SpsPluginException">Encrypted, an unknown method, damaged, or larger than allowed.</exception>
    public static long CopyEntry(Stream stream, ZipDirectoryEntry entry, string path, Stream output, long maxBytes)
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
        if (entry.LocalName != entry.StoredName)
        {
            throw LocalNameDiffers(path, entry);
        }
        var data = new WindowStream(stream, entry.DataOffset, entry.CompressedSize);
        using var source = entry.Method == 0 ? (Stream)data : new DeflateStream(data, CompressionMode.Decompress);
        // No bigger than the entry (plus one byte, so data running past it shows in the first read): most
        // entries are small, and a fresh 80 KiB buffer per entry costs more than inflating it.
        var buffer = new byte[(int)Math.Min(81920, entry.UncompressedSize + 1)];
        long written = 0;
        uint crc = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (read > entry.UncompressedSize - written)
                {
                    throw BadCrc(path, entry);
                }
                output.Write(buffer, 0, read);
                crc = Crc32.Update(crc, buffer, 0, read);
                written += read;
            }
        }
        catch (InvalidDataException error)
        {
            throw Corrupt(path, $"the compressed data of '{entry.Name}' is damaged ({error.Message}).");
        }
        if (written != entry.UncompressedSize || crc != entry.Crc32)
        {
            throw BadCrc(path, entry);
        }
        return written;
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
        if (zip64EndPosition < 0 || zip64EndPosition > endPosition - 56)
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
        var versionNeeded = d[at + 6];
        var flags = ReadUInt16(d, at + 8);
        var method = ReadUInt16(d, at + 10);
        var dosTime = ReadUInt32(d, at + 12);
        var crc = ReadUInt32(d, at + 16);
        ulong compressed = ReadUInt32(d, at + 20);
        ulong uncompressed = ReadUInt32(d, at + 24);
        var nameLength = ReadUInt16(d, at + 28);
        var extraLength = ReadUInt16(d, at + 30);
        var commentLength = ReadUInt16(d, at + 32);
        var external = ReadUInt32(d, at + 38);
        ulong offset = ReadUInt32(d, at + 42);
        var nameAt = at + 46;
        if (nameAt + nameLength + extraLength + commentLength > d.Length)
        {
            throw Corrupt(path, "a central-directory record runs past the directory's end.");
        }
        var name = DecodeName(d, nameAt, nameLength, (flags & 0x800) != 0, path);
        if (versionNeeded > MaxExtractVersion)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleUnsupported,
                $"The entry '{name}' in '{path}' needs zip version {versionNeeded / 10}.{versionNeeded % 10} to extract; Python's zipfile, which SPS uses, reads up to 6.3. Zip it again with deflate.", path);
        }
        ReadExtraFields(d, nameAt + nameLength, extraLength, name, path, ref uncompressed, ref compressed, ref offset);
        if (offset >= (ulong)directoryOffset)
        {
            throw Corrupt(path, $"the entry '{name}' points outside the archive's data.");
        }
        CheckSizes(path, name, method, (flags & 1) != 0, compressed, uncompressed);
        at = nameAt + nameLength + extraLength + commentLength;
        return new ZipDirectoryEntry(name, versionMadeBy, flags, method, dosTime, crc, (long)compressed, (long)uncompressed, (long)offset, external);
    }

    // Sizes a real entry cannot have: they only serve to make declared totals lie (a negative size
    // cancelling others out) or to overflow arithmetic on them.
    private static void CheckSizes(string path, string name, ushort method, bool encrypted, ulong compressed, ulong uncompressed)
    {
        if (compressed > long.MaxValue || uncompressed > long.MaxValue)
        {
            throw Corrupt(path, $"the entry '{name}' declares a size of {Math.Max(compressed, uncompressed)} bytes (2^63 or more): the sizes are forged.");
        }
        // Encrypted data carries a 12-byte header, so only plain stored entries must match exactly.
        if (method == 0 && !encrypted && compressed != uncompressed)
        {
            throw Corrupt(path, $"the entry '{name}' is stored uncompressed, yet declares {compressed} bytes stored and {uncompressed} bytes of content.");
        }
        if (method == 8 && uncompressed / MaxDeflateRatio > compressed)
        {
            throw Corrupt(path, $"the entry '{name}' declares {uncompressed} bytes of content from {compressed} deflated bytes, more than deflate can expand to: the sizes are forged.");
        }
    }

    // CPython's ZipInfo._decodeExtra: every extra field must fit, and a ZIP64 field must hold each
    // value whose 32-bit slot is saturated, in the order uncompressed, compressed, offset.
    private static void ReadExtraFields(byte[] d, int at, int length, string name, string path, ref ulong uncompressed, ref ulong compressed, ref ulong offset)
    {
        var end = at + length;
        while (end - at >= 4)
        {
            var id = ReadUInt16(d, at);
            var size = ReadUInt16(d, at + 2);
            if (size + 4 > end - at)
            {
                throw Corrupt(path, $"the extra field {id:x4} of '{name}' runs past the record ({size} bytes declared).");
            }
            if (id == 0x0001)
            {
                var field = at + 4;
                var fieldEnd = field + size;
                if (uncompressed == 0xFFFFFFFF || uncompressed == ulong.MaxValue)
                {
                    uncompressed = ReadZip64Value(d, ref field, fieldEnd, name, path, "uncompressed size");
                }
                if (compressed == 0xFFFFFFFF)
                {
                    compressed = ReadZip64Value(d, ref field, fieldEnd, name, path, "compressed size");
                }
                if (offset == 0xFFFFFFFF)
                {
                    offset = ReadZip64Value(d, ref field, fieldEnd, name, path, "local header offset");
                }
            }
            at += 4 + size;
        }
    }

    private static ulong ReadZip64Value(byte[] d, ref int field, int fieldEnd, string name, string path, string what)
    {
        if (fieldEnd - field < 8)
        {
            throw Corrupt(path, $"the ZIP64 extra field of '{name}' lacks its {what}.");
        }
        var value = ReadUInt64(d, field);
        field += 8;
        return value;
    }

    /// <summary>
    /// CPython's overlap check: each member's range ends at the next local header (or the central
    /// directory), and its header, name, extra field and data must fit before that end. Two records
    /// sharing one local header leave the later one no room at all. Also reads each local name, which
    /// Python compares with the central one; the checked ranges keep these reads within the file's size.
    /// </summary>
    private static void ReadLocalHeaders(Stream stream, List<ZipDirectoryEntry> entries, long directoryOffset, string path)
    {
        var byOffset = entries.OrderBy(e => e.LocalHeaderOffset).ToArray();
        for (var i = 0; i < byOffset.Length; i++)
        {
            var entry = byOffset[i];
            var end = i + 1 < byOffset.Length ? byOffset[i + 1].LocalHeaderOffset : directoryOffset;
            if (end == entry.LocalHeaderOffset)
            {
                throw Corrupt(path, $"the entries '{entry.Name}' and '{byOffset[i + 1].Name}' share one local header (overlapping entries, the trick of zip bombs; Python's zipfile refuses them too).");
            }
            if (end - entry.LocalHeaderOffset < 30)
            {
                throw Overlapped(path, entry);
            }
            var header = ReadAt(stream, entry.LocalHeaderOffset, 30, path);
            if (ReadUInt32(header, 0) != LocalHeaderSignature)
            {
                throw Corrupt(path, $"the local header of '{entry.Name}' is missing where the directory points.");
            }
            var nameLength = ReadUInt16(header, 26);
            var dataOffset = entry.LocalHeaderOffset + 30 + nameLength + ReadUInt16(header, 28);
            if (dataOffset > end || entry.CompressedSize > end - dataOffset)
            {
                throw Overlapped(path, entry);
            }
            var localName = DecodeName(ReadAt(stream, entry.LocalHeaderOffset + 30, nameLength, path), 0, nameLength, (ReadUInt16(header, 6) & 0x800) != 0, path);
            entry.AttachLocalHeader(localName, dataOffset);
        }
    }

    // Python decodes flagged names as strict UTF-8 and fails to open the zip when one is not.
    private static string DecodeName(byte[] d, int at, int length, bool utf8, string path)
    {
        if (utf8)
        {
            try
            {
                return StrictUtf8.GetString(d, at, length);
            }
            catch (DecoderFallbackException)
            {
                throw Corrupt(path, "an entry name flagged as UTF-8 is not valid UTF-8 (Python's zipfile cannot open the archive).");
            }
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
        if (position < 0 || count < 0 || position > stream.Length - count)
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

    private static SpsPluginException Overlapped(string path, ZipDirectoryEntry entry) =>
        Corrupt(path, $"the data of '{entry.Name}' runs into the next entry or the directory (overlapping entries, the trick of zip bombs; Python's zipfile refuses them too).");

    private static SpsPluginException LocalNameDiffers(string path, ZipDirectoryEntry entry) =>
        Corrupt(path, $"the entry '{entry.StoredName}' is named '{entry.LocalName}' in its local header (Python's zipfile refuses to read it).");

    private static SpsPluginException BadCrc(string path, ZipDirectoryEntry entry) =>
        new(SpsPluginErrorId.BundleBadCrc,
            $"'{path}' is damaged: the content of '{entry.Name}' does not match its recorded size and CRC-32. Build or download it again.", path);

    private static SpsPluginException Corrupt(string path, string why) =>
        new(SpsPluginErrorId.BundleCorrupt, $"'{path}' is not a readable zip: {why}", path);

    private static ushort ReadUInt16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint ReadUInt32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    private static ulong ReadUInt64(byte[] b, int at) => ReadUInt32(b, at) | (ulong)ReadUInt32(b, at + 4) << 32;

    /// <summary>A read-only window on a span of the archive, so inflating reads only the entry's own data.</summary>
    private sealed class WindowStream : Stream
    {
        private readonly Stream _inner;
        private long _position;
        private long _left;

        public WindowStream(Stream inner, long start, long length)
        {
            _inner = inner;
            _position = start;
            _left = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                return 0;
            }
            _inner.Position = _position;
            var read = _inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _position += read;
            _left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
