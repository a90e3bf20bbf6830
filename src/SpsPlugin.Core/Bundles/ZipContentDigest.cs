using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SpsPlugin.Bundles;

/// <summary>
/// A SHA-256 of what a zip holds rather than how it is compressed: per entry, in the zip's order, its
/// name, Unix mode, timestamp, CRC-32 and size. Deflate output differs between runtimes (.NET Framework,
/// .NET 8 and .NET 9+ ship different zlib builds), so two packs of one folder can differ in bytes and
/// still have this digest equal: same names, order, modes, times and contents.
/// </summary>
internal static class ZipContentDigest
{
    /// <summary>
    /// The lower-case hex digest. Per entry: the name as UTF-8, a NUL, then the Unix mode (0 when the zip
    /// records none), the MS-DOS date and time and the CRC-32 as 4-byte little-endian numbers and the
    /// uncompressed size as an 8-byte one.
    /// </summary>
    public static string Compute(IEnumerable<ZipDirectoryEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.Write(Encoding.UTF8.GetBytes(entry.StoredName));
                writer.Write((byte)0);
                writer.Write((uint)(entry.UnixMode ?? 0));
                writer.Write(entry.DosTime);
                writer.Write(entry.Crc32);
                writer.Write(entry.UncompressedSize);
            }
        }
        using var hash = SHA256.Create();
        return Hex(hash.ComputeHash(buffer.ToArray()));
    }

    /// <summary>Lower-case hex, as sha256sum and Get-FileHash (after ToLower) print it.</summary>
    public static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
