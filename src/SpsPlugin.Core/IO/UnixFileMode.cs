using System;
using System.Reflection;

namespace SpsPlugin.IO;

/// <summary>
/// Reads a file's Unix permission bits. netstandard2.0 has no API for it, but the runtimes
/// SpsPlugin runs on under PowerShell 7 (.NET 7 and later) have <c>File.GetUnixFileMode</c>; it is
/// found once by reflection. On Windows and on .NET Framework the mode is unknown (null).
/// </summary>
internal static class UnixFileMode
{
    private static readonly MethodInfo? GetMode = PlatformPaths.IsWindows
        ? null
        : typeof(System.IO.File).GetMethod("GetUnixFileMode", new[] { typeof(string) });

    /// <summary>The permission bits of <paramref name="path"/> (e.g. 0x1ED for rwxr-xr-x), or null when unknown.</summary>
    public static int? Get(string path)
    {
        if (GetMode == null)
        {
            return null;
        }
        try
        {
            return Convert.ToInt32(GetMode.Invoke(null, new object[] { path }));
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
