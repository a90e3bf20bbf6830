namespace SpsPlugin.Bundles;

/// <summary>One central-directory record of a zip, with the fields <c>ZipArchive</c> hides on netstandard2.0.</summary>
internal sealed class ZipDirectoryEntry
{
    public ZipDirectoryEntry(
        string name, ushort versionMadeBy, ushort flags, ushort method, uint dosTime, uint crc32,
        long compressedSize, long uncompressedSize, long localHeaderOffset, uint externalAttributes)
    {
        Name = name;
        VersionMadeBy = versionMadeBy;
        Flags = flags;
        Method = method;
        DosTime = dosTime;
        Crc32 = crc32;
        CompressedSize = compressedSize;
        UncompressedSize = uncompressedSize;
        LocalHeaderOffset = localHeaderOffset;
        ExternalAttributes = externalAttributes;
    }

    /// <summary>The name exactly as stored (decoded as UTF-8 or CP437 by the flag).</summary>
    public string Name { get; }

    public ushort VersionMadeBy { get; }

    public ushort Flags { get; }

    /// <summary>0 stored, 8 deflate; anything else SpsPlugin cannot read.</summary>
    public ushort Method { get; }

    /// <summary>MS-DOS date (high word) and time (low word).</summary>
    public uint DosTime { get; }

    public uint Crc32 { get; }

    public long CompressedSize { get; }

    public long UncompressedSize { get; }

    public long LocalHeaderOffset { get; }

    public uint ExternalAttributes { get; }

    /// <summary>True when bit 0 of the flags says the entry is encrypted.</summary>
    public bool IsEncrypted => (Flags & 1) != 0;

    /// <summary>The Unix mode (type and permission bits) when the archiver was a Unix one, else null.</summary>
    public int? UnixMode => VersionMadeBy >> 8 == 3 && ExternalAttributes >> 16 != 0 ? (int)(ExternalAttributes >> 16) : null;

    /// <summary>A folder entry: the name ends with '/' or the MS-DOS directory attribute is set.</summary>
    public bool IsDirectory => Name.EndsWith("/", System.StringComparison.Ordinal) || (ExternalAttributes & 0x10) != 0;
}
