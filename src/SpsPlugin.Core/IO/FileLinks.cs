using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SpsPlugin.IO;

/// <summary>
/// The one answer to "is this a link, and where does it point" for validation, packing, extraction,
/// scaffolding and templates. <see cref="FileAttributes.ReparsePoint"/> alone is not enough: on
/// Windows OneDrive's Files On-Demand marks ordinary files and folders with it, so there the reparse
/// tag decides (<see cref="ReparseTags.IsLink"/>). Targets are read without
/// <c>FileSystemInfo.LinkTarget</c> where the runtime lacks it (.NET Framework, Mono).
/// </summary>
internal static class FileLinks
{
    /// <summary>True when <paramref name="item"/> is a symbolic link or junction (dangling ones included).</summary>
    public static bool IsLink(FileSystemInfo item)
    {
        return item.Attributes != (FileAttributes)(-1) && IsLink(item.Attributes, PlatformPaths.IsWindows ? WindowsTag(item.FullName) : null, PlatformPaths.IsWindows);
    }

    /// <summary>
    /// The rule with the platform as a parameter: without the reparse attribute nothing is a link;
    /// on Unix the attribute means a symlink; on Windows the tag decides, and an unreadable tag counts
    /// as a link (refusing a file is safer than following a link out of the folder).
    /// </summary>
    public static bool IsLink(FileAttributes attributes, uint? tag, bool windows) =>
        (attributes & FileAttributes.ReparsePoint) != 0 && (!windows || tag == null || ReparseTags.IsLink(tag.Value));

    /// <summary>The text a link holds (relative or absolute, as written), or null when it is no link or cannot be read.</summary>
    public static string? Target(FileSystemInfo link)
    {
        // .NET 6+ has LinkTarget: the fast path (listed in ReflectionProbes.txt); else the system call.
        if (LinkTargetProperty != null)
        {
            return LinkTargetProperty.GetValue(link) as string;
        }
        try
        {
            return PlatformPaths.IsWindows ? WindowsTarget(link.FullName) : UnixTarget(link.FullName);
        }
        catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static readonly System.Reflection.PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

    internal static string? UnixTarget(string path)
    {
        var buffer = new byte[4096];
        var length = (long)readlink(Encoding.UTF8.GetBytes(path + "\0"), buffer, (IntPtr)buffer.Length);
        return length <= 0 || length >= buffer.Length ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    private static uint? WindowsTag(string path)
    {
        try
        {
            using var handle = FindFirstFileW(PlatformPaths.WindowsApiPath(path.TrimEnd('\\')), out var data);
            return handle.IsInvalid ? null : data.dwReserved0;
        }
        catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static string? WindowsTarget(string path)
    {
        using var handle = CreateFileW(PlatformPaths.WindowsApiPath(path), 0, FileShare.ReadWrite | FileShare.Delete, IntPtr.Zero, FileMode.Open,
            OpenReparsePoint | BackupSemantics, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            return null;
        }
        var buffer = new byte[16 * 1024];
        return DeviceIoControl(handle, GetReparsePoint, IntPtr.Zero, 0, buffer, buffer.Length, out var returned, IntPtr.Zero)
            ? ReparseTags.Target(buffer, returned)
            : null;
    }

    private const uint GetReparsePoint = 0x000900A8;
    private const uint OpenReparsePoint = 0x00200000;
    private const uint BackupSemantics = 0x02000000;

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr readlink(byte[] path, byte[] buffer, IntPtr size);

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct FindData
    {
        public uint dwFileAttributes;
        public System.Runtime.InteropServices.ComTypes.FILETIME ftCreationTime;
        public System.Runtime.InteropServices.ComTypes.FILETIME ftLastAccessTime;
        public System.Runtime.InteropServices.ComTypes.FILETIME ftLastWriteTime;
        public uint nFileSizeHigh;
        public uint nFileSizeLow;
        public uint dwReserved0; // the reparse tag when dwFileAttributes has FILE_ATTRIBUTE_REPARSE_POINT
        public uint dwReserved1;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
        public string cFileName;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)]
        public string cAlternateFileName;
    }

    private sealed class FindHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public FindHandle()
            : base(true)
        {
        }

        protected override bool ReleaseHandle() => FindClose(handle);
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern FindHandle FindFirstFileW(string fileName, out FindData data);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool FindClose(IntPtr handle);

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFileHandle CreateFileW(string fileName, uint access, FileShare share, IntPtr security, FileMode mode, uint flags, IntPtr template);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool DeviceIoControl(SafeFileHandle device, uint code, IntPtr input, int inputSize, byte[] output, int outputSize, out int returned, IntPtr overlapped);
}
