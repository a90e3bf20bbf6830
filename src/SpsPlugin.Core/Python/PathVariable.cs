using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// The folders of a PATH value as the platform reads them, given the platform, so Windows cases are
/// tested anywhere. On Windows entries are separated by ';' and may be quoted
/// (<c>"C:\Program Files\Python312"</c>); on Unix by ':'. Empty entries are skipped, and so are entries
/// no file can be in (a stray quote, '&lt;', '|', a control character on Windows; NUL anywhere): on
/// .NET Framework such a character makes Path.Combine throw, and one bad PATH entry must not stop
/// every command.
/// </summary>
internal static class PathVariable
{
    // What Windows forbids in a path (besides ':' after the drive); .NET Framework's Path.Combine refuses the first five and control characters.
    private static readonly char[] InvalidOnWindows = { '"', '<', '>', '|', '?', '*' };

    /// <summary>The usable folders of <paramref name="value"/> in order.</summary>
    public static IReadOnlyList<string> Folders(string? value, bool windows)
    {
        var folders = new List<string>();
        foreach (var entry in (value ?? string.Empty).Split(windows ? ';' : ':'))
        {
            var folder = windows ? Unquote(entry.Trim()) : entry;
            if (folder.Length > 0 && IsUsable(folder, windows))
            {
                folders.Add(folder);
            }
        }
        return folders;
    }

    /// <summary>True when <paramref name="path"/> can name a file on the platform (see the class summary).</summary>
    public static bool IsUsable(string path, bool windows)
    {
        if (path.IndexOf('\0') >= 0)
        {
            return false;
        }
        if (!windows)
        {
            return true;
        }
        foreach (var c in path)
        {
            if (c < ' ' || Array.IndexOf(InvalidOnWindows, c) >= 0)
            {
                return false;
            }
        }
        // A drive's colon is the second character; any other is an alternate data stream or a typo.
        var colon = path.IndexOf(':');
        return colon < 0 || colon == 1 && path.IndexOf(':', 2) < 0;
    }

    /// <summary><paramref name="folder"/> and <paramref name="name"/> joined with the platform's separator (Path.Combine would use this machine's).</summary>
    public static string Join(string folder, string name, bool windows)
    {
        var separator = windows ? '\\' : '/';
        var ends = folder.EndsWith(separator.ToString(), StringComparison.Ordinal) || windows && folder.EndsWith("/", StringComparison.Ordinal);
        return ends ? folder + name : folder + separator + name;
    }

    // Windows reads "C:\Program Files\Python312" as the folder inside the quotes.
    private static string Unquote(string entry) =>
        entry.Length >= 2 && entry[0] == '"' && entry[entry.Length - 1] == '"' ? entry.Substring(1, entry.Length - 2) : entry;
}
