using System;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin.Bundles;

/// <summary>
/// What a symbolic link in a plugin folder means: a link to a file inside the folder stands for that
/// file (the packer stores its content, the validator accepts it); any other link is refused. One
/// rule, so the validator never passes a folder the packer refuses, nor the other way round.
/// </summary>
internal static class FolderLinks
{
    /// <summary>The file a link inside <paramref name="root"/> points to, when the packer follows it (a file inside root); else null.</summary>
    public static string? FollowableTarget(FileSystemInfo link, string root)
    {
        if (link is not FileInfo file)
        {
            return null;
        }
        var target = FileLinks.Target(file);
        var full = target == null ? null : Path.GetFullPath(Path.Combine(file.DirectoryName!, target));
        return full != null && PlatformPaths.IsInside(full, Path.GetFullPath(root), PlatformPaths.IsWindows) && File.Exists(full) ? full : null;
    }
}
