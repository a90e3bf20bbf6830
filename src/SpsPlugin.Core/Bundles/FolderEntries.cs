using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin.Bundles;

/// <summary>
/// Lists a plugin folder as bundle entries: every file and folder, sorted by path, links not followed.
/// FIFOs, sockets and devices are listed as special files (by lstat, never opened). Folders that
/// tools generate (version control, virtual environments, caches) are listed but not entered: their
/// depth is what passes Windows' 260-character limit, and no plugin file lives there. An entry that
/// cannot be read is a failure of that entry, named in <see cref="Listing.Failures"/>, not of the folder.
/// </summary>
internal static class FolderEntries
{
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;
    private const int SymbolicLink = 0xA000;

    /// <summary>Folder names never entered (compared by name, at any depth; case ignored, as on Windows).</summary>
    public static readonly HashSet<string> NotEntered = new(
        new[] { ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache" },
        StringComparer.OrdinalIgnoreCase);

    /// <summary>A folder's entries, and the entries that could not be read (path relative to the folder, failure).</summary>
    public sealed class Listing
    {
        public List<SpsPluginBundleEntry> Entries { get; } = new();

        public List<KeyValuePair<string, SpsPluginException>> Failures { get; } = new();
    }

    public static Listing List(string root) => List(root, enterFolders: true);

    /// <summary>The folder's own entries, its subfolders listed but not entered: enough to read a root file such as MANIFEST.</summary>
    public static Listing ListRoot(string root) => List(root, enterFolders: false);

    private static Listing List(string root, bool enterFolders)
    {
        var listing = new Listing();
        Walk(new DirectoryInfo(root), string.Empty, listing, enterFolders);
        listing.Entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return listing;
    }

    private static void Walk(DirectoryInfo folder, string prefix, Listing listing, bool enterFolders)
    {
        IEnumerable<FileSystemInfo> items;
        try
        {
            // Materialised here so a failure half-way through is this folder's, not a later entry's.
            items = new List<FileSystemInfo>(folder.EnumerateFileSystemInfos());
        }
        // The plugin folder itself unreadable is the bundle's failure (ReadFailed from Open), not an entry's.
        catch (Exception error) when (prefix.Length > 0 && ListingFailure.Is(error))
        {
            listing.Failures.Add(Failure(prefix, folder.FullName, error));
            return;
        }
        foreach (var item in items)
        {
            var path = prefix + item.Name;
            try
            {
                Add(item, path, listing, enterFolders);
            }
            catch (Exception error) when (ListingFailure.Is(error))
            {
                listing.Failures.Add(Failure(path, item.FullName, error));
            }
        }
    }

    private static void Add(FileSystemInfo item, string path, Listing listing, bool enterFolders)
    {
        var isLink = FileLinks.IsLink(item);
        var mode = UnixFileMode.Get(item.FullName);
        if (item is DirectoryInfo subfolder)
        {
            listing.Entries.Add(new SpsPluginBundleEntry(path + "/", 0, null, mode | (isLink ? SymbolicLink : Directory), true, isLink, item.LastWriteTimeUtc));
            // A linked folder is listed but not entered: it could point anywhere, even at itself.
            if (enterFolders && !isLink && !NotEntered.Contains(item.Name))
            {
                Walk(subfolder, path + "/", listing, enterFolders);
            }
        }
        else if (!isLink && SpecialFiles.TypeBits(item.FullName) is int type && SpecialFiles.Describe(type) != null)
        {
            listing.Entries.Add(new SpsPluginBundleEntry(path, 0, null, (mode ?? 0) | type, false, false, item.LastWriteTimeUtc, isSpecialFile: true));
        }
        else
        {
            var size = isLink ? 0 : ((FileInfo)item).Length;
            listing.Entries.Add(new SpsPluginBundleEntry(path, size, null, mode | (isLink ? SymbolicLink : RegularFile), false, isLink, item.LastWriteTimeUtc));
        }
    }

    private static KeyValuePair<string, SpsPluginException> Failure(string path, string fullPath, Exception error) =>
        new(path, new SpsPluginException(SpsPluginErrorId.ReadFailed,
            $"Cannot read '{path}': {error.Message} Check its permissions, or shorten the path (Windows PowerShell 5.1 stops at 260 characters); the rest of the folder was read.",
            fullPath, innerException: error));
}
