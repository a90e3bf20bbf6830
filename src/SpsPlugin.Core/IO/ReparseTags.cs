using System;
using System.Text;

namespace SpsPlugin.IO;

/// <summary>
/// Windows reparse points as plain data: which tags are links, and the target a link's reparse
/// buffer holds. Kept apart from the system calls so both are tested on any OS with Windows' bytes.
/// </summary>
internal static class ReparseTags
{
    /// <summary>IO_REPARSE_TAG_SYMLINK: a symbolic link (mklink, git with core.symlinks=true).</summary>
    public const uint Symlink = 0xA000000C;

    /// <summary>IO_REPARSE_TAG_MOUNT_POINT: a junction or a volume mount point.</summary>
    public const uint MountPoint = 0xA0000003;

    /// <summary>
    /// True only for symbolic links and junctions. Every other tag (OneDrive and other cloud
    /// placeholders 0x9000xxxA, dedup, WCI for containers, AppExecLink stubs…) marks an ordinary file
    /// or folder whose content the file system supplies: it is read like any other.
    /// </summary>
    public static bool IsLink(uint tag) => tag == Symlink || tag == MountPoint;

    private const int SymlinkRelativeFlag = 1;

    /// <summary>
    /// The target in a REPARSE_DATA_BUFFER (FSCTL_GET_REPARSE_POINT's answer) of a symlink or junction:
    /// the print name when there is one, else the substitute name without its NT prefix (<c>\??\</c>).
    /// Relative symlinks keep their relative text. Null for other tags or a malformed buffer.
    /// </summary>
    public static string? Target(byte[] buffer, int length)
    {
        // The header (tag, data length, reserved) and then the data length it announces.
        if (length < 16 || length < 8 + BitConverter.ToUInt16(buffer, 4))
        {
            return null;
        }
        var tag = BitConverter.ToUInt32(buffer, 0);
        // The path buffer follows four ushorts, and for a symlink its ULONG of flags.
        var pathStart = tag == Symlink ? 20 : tag == MountPoint ? 16 : -1;
        if (pathStart < 0 || length < pathStart)
        {
            return null;
        }
        var substitute = Name(buffer, length, pathStart, 8);
        var print = Name(buffer, length, pathStart, 12);
        var relative = tag == Symlink && (BitConverter.ToUInt32(buffer, 16) & SymlinkRelativeFlag) != 0;
        var target = !string.IsNullOrEmpty(print) ? print : substitute;
        if (target == null)
        {
            return null;
        }
        return !relative && target.StartsWith(@"\??\", StringComparison.Ordinal) ? target.Substring(4) : target;
    }

    private static string? Name(byte[] buffer, int length, int pathStart, int fieldOffset)
    {
        var offset = pathStart + BitConverter.ToUInt16(buffer, fieldOffset);
        var bytes = BitConverter.ToUInt16(buffer, fieldOffset + 2);
        return offset + bytes > length ? null : Encoding.Unicode.GetString(buffer, offset, bytes);
    }
}
