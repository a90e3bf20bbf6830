using System;
using System.IO;

namespace SpsPlugin.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a partial file:
/// the bytes go to a temporary file in the same folder, which then replaces the target by rename
/// (retried while another program, such as an antivirus scanner, briefly holds the target).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="bytes">The complete new content.</param>
    /// <param name="overwrite">When false, an existing target is an error and nothing is written.</param>
    /// <exception cref="SpsPluginException">The target exists and <paramref name="overwrite"/> is false.</exception>
    public static void WriteAllBytes(string path, byte[] bytes, bool overwrite) =>
        Write(path, stream => stream.Write(bytes, 0, bytes.Length), overwrite);

    /// <summary>Writes what <paramref name="write"/> puts into the stream to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the complete new content; when it throws, the target is left as it was.</param>
    /// <param name="overwrite">When false, an existing target is an error and nothing is written.</param>
    /// <exception cref="SpsPluginException">The target exists and <paramref name="overwrite"/> is false.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        var fullPath = Path.GetFullPath(path);
        if (!overwrite && File.Exists(fullPath))
        {
            throw new SpsPluginException(
                SpsPluginErrorId.FileExists,
                $"'{fullPath}' already exists; use -Force to overwrite it.",
                fullPath);
        }
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        Directory.CreateDirectory(folder);
        // Same folder as the target, so the final rename never crosses file systems.
        var temp = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            LockedFileRetry.Run(fullPath, () =>
            {
                if (File.Exists(fullPath))
                {
                    File.Replace(temp, fullPath, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(temp, fullPath);
                }
            });
        }
        finally
        {
            if (File.Exists(temp))
            {
                LockedFileRetry.Run(temp, () => File.Delete(temp));
            }
        }
    }
}
