using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Bundles;
using SpsPlugin.IO;

namespace SpsPlugin.Packing;

/// <summary>
/// Chooses what goes into a bundle: every file under the plugin folder except the default exclude
/// list, the patterns of its <c>.spsignore</c> and <c>-Exclude</c>; <c>-Include</c> forces files back.
/// Symbolic links: a link to a file inside the plugin folder is followed (its content is stored as a
/// regular file); a link to a folder, or to anything outside the plugin folder, is refused unless
/// excluded. Links are never stored as links. FIFOs, sockets and devices are refused unless excluded.
/// </summary>
internal static class FileSelection
{
    /// <summary>The default exclude list, in .spsignore syntax (documented in Compress-SpsPluginBundle's help).</summary>
    public static readonly string[] DefaultExcludes =
    {
        ".git/", ".hg/", ".svn/", "__pycache__/", "*.pyc", "*.pyo", ".venv/", "venv/", "node_modules/", "/dist/", "/build/", "tests/",
        ".pytest_cache/", ".mypy_cache/", ".tox/", ".idea/", ".vscode/", "*.swp", "*.swo", "*~", ".DS_Store", "Thumbs.db", "desktop.ini",
        "/.spsignore",
    };

    public const string IgnoreFileName = ".spsignore";

    public static List<SpsPluginPackEntry> Select(string root, IEnumerable<string> exclude, IEnumerable<string> include)
    {
        var (excluded, included) = Patterns(root, exclude, include, PlatformPaths.IsWindows);
        var entries = new List<SpsPluginPackEntry>();
        Walk(new DirectoryInfo(root), root, string.Empty, excluded, included, insideExcluded: false, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <summary>
    /// The exclude and include patterns for a plugin folder on the given platform: on Windows they ignore
    /// case, and a backslash typed in -Exclude/-Include is a separator (in .spsignore it stays git's escape).
    /// </summary>
    internal static (IgnorePatterns Excluded, IgnorePatterns Included) Patterns(string root, IEnumerable<string> exclude, IEnumerable<string> include, bool windows)
    {
        var excluded = new IgnorePatterns(ignoreCase: windows).Add(DefaultExcludes);
        var ignoreFile = Path.Combine(root, IgnoreFileName);
        if (File.Exists(ignoreFile))
        {
            SpecialFiles.RequireNotSpecial(ignoreFile, IgnoreFileName);
            excluded.Add(File.ReadAllLines(ignoreFile));
        }
        excluded.Add(exclude.Select(p => PlatformPaths.TypedPattern(p, windows)));
        var included = new IgnorePatterns(ignoreCase: windows).Add(include.Select(p => PlatformPaths.TypedPattern(p, windows)));
        return (excluded, included);
    }

    private static void Walk(DirectoryInfo folder, string root, string prefix, IgnorePatterns excluded, IgnorePatterns included,
        bool insideExcluded, List<SpsPluginPackEntry> entries)
    {
        foreach (var item in Items(folder, prefix))
        {
            var isDirectory = item is DirectoryInfo;
            var path = prefix + item.Name;
            var isExcluded = insideExcluded || excluded.IsExcluded(path, isDirectory);
            var forced = included.AnyMatches(path, isDirectory);
            if (isExcluded && !forced && !(isDirectory && !included.IsEmpty))
            {
                continue;
            }
            var isLink = FileLinks.IsLink(item);
            if (isDirectory)
            {
                if (isLink)
                {
                    throw Refused(item.FullName, path, "is a link to a folder");
                }
                // An excluded folder is only entered to look for files -Include forces back.
                Walk((DirectoryInfo)item, root, path + "/", excluded, included, isExcluded && !forced, entries);
                continue;
            }
            if (isExcluded && !forced)
            {
                continue;
            }
            var source = item.FullName;
            if (isLink)
            {
                source = ResolveLink((FileInfo)item, root, path);
            }
            // A FIFO is listed by .NET as an empty file; packing it would block on the first read.
            SpecialFiles.RequireNotSpecial(source, path);
            var mode = UnixFileMode.Get(source);
            entries.Add(new SpsPluginPackEntry(path, source, new FileInfo(source).Length, mode != null && (mode.Value & 0x49) != 0));
        }
    }

    // A folder that cannot be listed (permissions, a path past Windows PowerShell 5.1's 260 characters)
    // stops the pack naming it, rather than as a bare IOException from the middle of the walk.
    private static List<FileSystemInfo> Items(DirectoryInfo folder, string prefix)
    {
        try
        {
            return folder.EnumerateFileSystemInfos().ToList();
        }
        catch (Exception error) when (ListingFailure.Is(error))
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed,
                $"Cannot read the folder '{(prefix.Length == 0 ? folder.FullName : prefix)}': {error.Message} Check its permissions, shorten the path, or exclude it in .spsignore.",
                folder.FullName, innerException: error);
        }
    }

    private static string ResolveLink(FileInfo link, string root, string path) =>
        FolderLinks.FollowableTarget(link, root) ?? throw Refused(link.FullName, path, "is a link to a file outside the plugin folder, or to nothing");

    private static SpsPluginException Refused(string fullPath, string path, string why) =>
        new(SpsPluginErrorId.PackLinkRefused,
            $"'{path}' {why}; SpsPlugin follows links only to files inside the plugin folder and never stores links. Replace it with the file, or exclude it in .spsignore.",
            fullPath);
}
