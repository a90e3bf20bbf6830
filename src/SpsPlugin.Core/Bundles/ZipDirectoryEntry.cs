namespace SpsPlugin.Bundles;

/// <summary>One central-directory record of a zip, with the fields <c>ZipArchive</c> hides on netstandard2.0.</summary>
internal sealed class ZipDirectoryEntry
{
    public ZipDirectoryEntry(
        string storedName, ushort versionMadeBy, ushort flags, ushort method, uint dosTime, uint crc32,
        long compressedSize, long uncompressedSize, long localHeaderOffset, uint externalAttributes)
    {
        StoredName = storedName;
        // CPython's ZipInfo cuts the name at the first NUL ("used as tricks by viruses"), so that is
        // the name SPS extracts and imports, and the one duplicates are judged by.
        var nul = storedName.IndexOf('\0');
        Name = nul < 0 ? storedName : storedName.Substring(0, nul);
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

    /// <summary>The name as Python's zipfile sees it: the stored name cut at its first NUL.</summary>
    public string Name { get; }

    /// <summary>The name exactly as stored in the central directory (decoded as UTF-8 or CP437 by the flag).</summary>
    public string StoredName { get; }

    /// <summary>The name in the entry's local header, which Python requires to equal <see cref="StoredName"/>.</summary>
    public string? LocalName { get; private set; }

    /// <summary>Where the entry's data starts, after its local header, name and extra field.</summary>
    public long DataOffset { get; private set; }

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

    /// <summary>
    /// A folder entry exactly when Python's <c>ZipInfo.is_dir()</c> says so: the name ends with '/'.
    /// The MS-DOS folder attribute is ignored, as Python ignores it: such an entry is extracted as a file.
    /// </summary>
    public bool IsDirectory => Name.EndsWith("/", System.StringComparison.Ordinal);

    /// <summary>Records what the entry's local header says; called once while the directory is read.</summary>
    public void AttachLocalHeader(string localName, long dataOffset)
    {
        LocalName = localName;
        DataOffset = dataOffset;
    }
}
