using System;
using System.Runtime.InteropServices;
using System.Text;

namespace SpsPlugin.IO;

/// <summary>
/// Tells FIFOs, sockets and device files apart from regular files, without opening them: opening a
/// FIFO blocks until a writer comes, and reading a device can go on forever. .NET cannot tell:
/// on Unix it reports a FIFO as a <see cref="System.IO.FileInfo"/> with attributes Normal and length
/// 0 (checked with mkfifo on .NET 10), so this asks <c>lstat</c> (links are not followed) through
/// the runtime's own native shim, whose status layout is the same on every Unix .NET runs on.
/// </summary>
internal static class SpecialFiles
{
    private const int TypeMask = 0xF000;

    private static bool _unavailable = PlatformPaths.IsWindows;

    /// <summary>
    /// "a FIFO (named pipe)", "a socket", "a character device" or "a block device" when
    /// <paramref name="path"/> is one; null for a regular file, folder, link, a missing path, and on
    /// Windows (which has no such files in a folder).
    /// </summary>
    public static string? Describe(string path) => Describe(TypeBits(path) ?? 0);

    /// <summary>The same for Unix type bits as <see cref="TypeBits"/> gives them (null when not special).</summary>
    public static string? Describe(int typeBits) => (typeBits & TypeMask) switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => null,
    };

    /// <summary>The <c>S_IFMT</c> bits of <paramref name="path"/> by lstat (0x8000 regular, 0x4000 folder, 0xA000 link…); null when unknown.</summary>
    public static int? TypeBits(string path)
    {
        if (_unavailable)
        {
            return null;
        }
        try
        {
            // FileStatus: int Flags, int Mode, … (more fields after; the buffer leaves room for them).
            var status = new byte[512];
            return NativeMethods.LStat(Encoding.UTF8.GetBytes(path + "\0"), status) == 0 ? BitConverter.ToInt32(status, 4) & TypeMask : null;
        }
        catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
        {
            // A runtime without the shim (Mono, .NET Framework on Unix): unknown, as on Windows.
            _unavailable = true;
            return null;
        }
    }

    /// <summary>
    /// Bash's <c>[ -f ]</c>: true for a regular file, links followed (stat, not lstat); false for anything else or
    /// nothing; null when this runtime cannot tell (Windows, Mono, .NET Framework).
    /// </summary>
    public static bool? IsRegularFile(string path)
    {
        if (_unavailable)
        {
            return null;
        }
        try
        {
            var status = new byte[512];
            return NativeMethods.Stat(Encoding.UTF8.GetBytes(path + "\0"), status) == 0 && (BitConverter.ToInt32(status, 4) & TypeMask) == 0x8000;
        }
        catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    /// <summary>The error for a special file found where a plugin file should be.</summary>
    public static SpsPluginException Refused(string fullPath, string shownPath, string kind) =>
        new(SpsPluginErrorId.SpecialFile,
            $"'{shownPath}' is {kind}, not a regular file; SpsPlugin reads and packs only regular files (opening it could block for ever). Remove it from the plugin folder, or exclude it in .spsignore.",
            fullPath);

    /// <summary>Throws <see cref="Refused"/> when <paramref name="fullPath"/> is a special file; checked right before opening it.</summary>
    public static void RequireNotSpecial(string fullPath, string shownPath)
    {
        var kind = Describe(fullPath);
        if (kind != null)
        {
            throw Refused(fullPath, shownPath, kind);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        public static extern int LStat(byte[] path, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        public static extern int Stat(byte[] path, byte[] status);
    }
}
