using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin.Bundles;

/// <summary>
/// Lists a plugin folder as bundle entries: every file and folder, sorted by path, links not followed.
/// FIFOs, sockets and devices are listed as special files (by lstat, never opened).
/// </summary>
internal static class FolderEntries
{
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;
    private const int SymbolicLink = 0xA000;

    public static List<SpsPluginBundleEntry> List(string root)
    {
        var entries = new List<SpsPluginBundleEntry>();
        Walk(new DirectoryInfo(root), string.Empty, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static void Walk(DirectoryInfo folder, string prefix, List<SpsPluginBundleEntry> entries)
    {
        foreach (var item in folder.EnumerateFileSystemInfos())
        {
            var isLink = (item.Attributes & FileAttributes.ReparsePoint) != 0;
            var mode = UnixFileMode.Get(item.FullName);
            if (item is DirectoryInfo subfolder)
            {
                var path = prefix + item.Name + "/";
                entries.Add(new SpsPluginBundleEntry(path, 0, null, mode | (isLink ? SymbolicLink : Directory), true, isLink, item.LastWriteTimeUtc));
                // A linked folder is listed but not entered: it could point anywhere, even at itself.
                if (!isLink)
                {
                    Walk(subfolder, path, entries);
                }
            }
            else if (!isLink && SpecialFiles.TypeBits(item.FullName) is int type && SpecialFiles.Describe(type) != null)
            {
                entries.Add(new SpsPluginBundleEntry(prefix + item.Name, 0, null, (mode ?? 0) | type, false, false, item.LastWriteTimeUtc, isSpecialFile: true));
            }
            else
            {
                var size = isLink ? 0 : ((FileInfo)item).Length;
                entries.Add(new SpsPluginBundleEntry(prefix + item.Name, size, null, mode | (isLink ? SymbolicLink : RegularFile), false, isLink, item.LastWriteTimeUtc));
            }
        }
    }
}
