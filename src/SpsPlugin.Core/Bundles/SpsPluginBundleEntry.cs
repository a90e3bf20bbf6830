using System;
using System.Linq;

namespace SpsPlugin;

/// <summary>One file or folder of a plugin bundle, with its path relative to the bundle root.</summary>
public sealed class SpsPluginBundleEntry
{
    internal SpsPluginBundleEntry(
        string path, long size, long? compressedSize, int? unixMode, bool isDirectory,
        bool isSymbolicLink, DateTime? lastWriteTime, bool isEncrypted = false, bool isSpecialFile = false)
    {
        IsEncrypted = isEncrypted;
        IsSpecialFile = isSpecialFile;
        Path = path;
        Size = size;
        CompressedSize = compressedSize;
        UnixMode = unixMode;
        IsDirectory = isDirectory;
        IsSymbolicLink = isSymbolicLink;
        LastWriteTime = lastWriteTime;
        StoredPath = path;
    }

    /// <summary>
    /// The path inside the bundle with <c>/</c> separators, exactly as a zip stores it (a folder's
    /// path ends with <c>/</c>). Zips made on Windows may hold backslashes here; they are kept as stored.
    /// </summary>
    public string Path { get; }

    /// <summary>
    /// The name exactly as the zip stores it. It differs from <see cref="Path"/> only when it holds a
    /// NUL: Python's zipfile (which SPS uses) cuts names there, and <see cref="Path"/> is what it keeps.
    /// </summary>
    public string StoredPath { get; internal set; }

    /// <summary>The name in a zip entry's local header (Python refuses an entry where it differs); null for a folder bundle.</summary>
    internal string? LocalPath { get; set; }

    /// <summary>The CRC-32 a zip records for the entry; null for a folder bundle.</summary>
    internal uint? Crc32 { get; set; }

    /// <summary>
    /// Where Python's <c>extractall</c> writes the entry: empty and '.' segments dropped (a folder
    /// keeps its trailing '/'). Two entries with one extraction path overwrite each other.
    /// </summary>
    internal string ExtractionPath
    {
        get
        {
            var segments = Path.Split('/').Where(s => s.Length > 0 && s != ".");
            return string.Join("/", segments) + (IsDirectory ? "/" : string.Empty);
        }
    }

    /// <summary>Uncompressed size in bytes (0 for folders).</summary>
    public long Size { get; }

    /// <summary>Compressed size in bytes inside a zip; null for a folder bundle.</summary>
    public long? CompressedSize { get; }

    /// <summary>Unix type and permission bits (e.g. 0x81ED for -rwxr-xr-x) where known, else null.</summary>
    public int? UnixMode { get; }

    /// <summary>True for a folder.</summary>
    public bool IsDirectory { get; }

    /// <summary>True for a symbolic link (a zip entry with the link type bits, or a link on disk).</summary>
    public bool IsSymbolicLink { get; }

    /// <summary>True for a FIFO, socket or device file in a plugin folder: listed, never opened, never packed.</summary>
    public bool IsSpecialFile { get; }

    /// <summary>True for a zip entry stored encrypted (SPS cannot read it).</summary>
    public bool IsEncrypted { get; }

    /// <summary>Last write time as recorded (zip times have no time zone and 2-second precision).</summary>
    public DateTime? LastWriteTime { get; }

    /// <summary>The mode as <c>ls -l</c> prints it (<c>-rw-r--r--</c>), or null when unknown.</summary>
    public string? Mode => UnixMode == null ? null : FormatMode(UnixMode.Value);

    /// <inheritdoc />
    public override string ToString() => Path;

    private static string FormatMode(int mode)
    {
        var type = (mode & 0xF000) switch
        {
            0x4000 => 'd',
            0xA000 => 'l',
            0x1000 => 'p',
            0x2000 => 'c',
            0x6000 => 'b',
            0xC000 => 's',
            _ => '-',
        };
        var text = new char[10];
        text[0] = type;
        const string letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            text[i + 1] = (mode & (1 << (8 - i))) != 0 ? letters[i] : '-';
        }
        return new string(text);
    }

    internal static DateTime? FromDosTime(uint dos)
    {
        var date = dos >> 16;
        var time = dos & 0xFFFF;
        try
        {
            return new DateTime(
                (int)(1980 + (date >> 9)), (int)((date >> 5) & 0xF), (int)(date & 0x1F),
                (int)(time >> 11), (int)((time >> 5) & 0x3F), (int)((time & 0x1F) * 2), DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
