using System;
using System.IO;
using System.Linq;

namespace SpsPlugin.IO;

/// <summary>
/// Path rules that differ on Windows, each a plain function of the platform so the Windows cases are
/// tested everywhere: names compare without case there (NTFS, like git's core.ignorecase), a
/// backslash typed in a pattern is a separator, and file URIs carry a drive or a server.
/// </summary>
internal static class PlatformPaths
{
    /// <summary>True when this process runs on Windows.</summary>
    public static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';

    /// <summary>How file names compare on the platform.</summary>
    public static StringComparison Comparison(bool windows) => windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// True when <paramref name="fullPath"/> lies below <paramref name="root"/> (both full paths):
    /// 'C:\Plugins\x' is inside 'c:\plugins' on Windows, '/a/bc' is never inside '/a/b'.
    /// </summary>
    public static bool IsInside(string fullPath, string root, bool windows)
    {
        var separators = windows ? new[] { '\\', '/' } : new[] { '/' };
        var rootWithSeparator = root.TrimEnd(separators) + separators[0];
        var path = windows ? fullPath.Replace('/', '\\') : fullPath;
        return path.Length > rootWithSeparator.Length && path.StartsWith(windows ? rootWithSeparator.Replace('/', '\\') : rootWithSeparator, Comparison(windows));
    }

    /// <summary>
    /// A pattern typed for -Exclude/-Include: on Windows 'docs\*' means the folder docs, as the
    /// user sees paths there, so backslashes become '/'. Elsewhere a backslash stays gitignore's escape.
    /// </summary>
    public static string TypedPattern(string pattern, bool windows) => windows ? pattern.Replace('\\', '/') : pattern;

    /// <summary>
    /// A full Windows path as the W functions of kernel32 take it past MAX_PATH: '\\?\C:\…' or
    /// '\\?\UNC\server\share\…' from 260 characters on (.NET Framework can list such paths where long
    /// paths are enabled, and a reparse tag read must not then fail); shorter ones unchanged.
    /// </summary>
    public static string WindowsApiPath(string fullPath) =>
        fullPath.Length < 260 || fullPath.StartsWith(@"\\?\", StringComparison.Ordinal) ? fullPath
        : fullPath.StartsWith(@"\\", StringComparison.Ordinal) ? @"\\?\UNC\" + fullPath.Substring(2)
        : @"\\?\" + fullPath;

    /// <summary>
    /// The file URI of a full path: 'file:///C:/a%20b/x.py' for a Windows drive path,
    /// 'file://server/share/x.py' for a UNC path, 'file:///home/x.py' on Unix; segments percent-encoded.
    /// </summary>
    public static string FileUri(string fullPath, bool windows)
    {
        if (!windows)
        {
            return "file://" + Escape(fullPath);
        }
        var path = fullPath.Replace('\\', '/');
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            return "file:" + "//" + Escape(path.Substring(2));
        }
        // The drive's colon is part of the URI's path ('/C:/'), never escaped.
        var hasDrive = path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]);
        return hasDrive ? "file:///" + path.Substring(0, 2) + Escape(path.Substring(2)) : "file:///" + Escape(path.TrimStart('/'));
    }

    private static string Escape(string path) => string.Join("/", path.Split('/').Select(Uri.EscapeDataString));
}
