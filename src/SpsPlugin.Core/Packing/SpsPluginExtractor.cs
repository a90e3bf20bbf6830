using System;
using System.IO;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Extracts a plugin zip safely: the zip is checked first with the zip-hazard and size rules
/// ('..', absolute and drive paths, backslashes, links, duplicates, encryption, bombs, forged
/// sizes and overlapping entries, names Linux cannot create, file/folder clashes, too many
/// entries, the 20 MB limit) and refused with the hazard named; entries are then streamed, each
/// checked against its size and CRC and all of them together against the 20 MiB limit as they are
/// written, into a temporary folder beside the destination that is moved (or merged) into place at
/// the end. A merge never writes through a link already in the destination. Nothing is ever
/// written outside the destination, and any failure leaves nothing behind.
/// </summary>
public static class SpsPluginExtractor
{
    /// <summary>The most bytes one extraction writes: SPS's 20 MiB limit, counted as the bytes are written.</summary>
    public const long MaxExtractedBytes = PluginSizeLimit.Mebibytes20;

    private static readonly string[] HazardRules =
    {
        "ZipPathTraversal", "ZipAbsolutePath", "ZipDrivePath", "ZipBackslash", "ZipSymlink", "ZipDuplicateEntry", "ZipCaseCollision",
        "ZipEncrypted", "ZipCompressionRatio", "ZipTooManyEntries", "ZipNotZip", "ZipCorrupt", "ZipBadCrc", "ZipUnreadableEntry",
        "ZipControlCharacter", "ZipLocalName", "ZipDirectoryData", "ZipFileFolderClash", "ZipUnextractableName", "ZipNormalizationCollision",
        "StructureSize", "PathNotFound", "ZipReservedName", "ZipTrailingDotSpace", "ZipWindowsCharacter",
    };

    /// <summary>
    /// The warnings that still refuse an extraction: everywhere, two names that would silently become
    /// one file on macOS or Windows; on Windows also the names it cannot create as they are (a device
    /// name, a trailing dot or space, ':' or one of &lt;&gt;"|?*), which would write a device, a stream or another file.
    /// </summary>
    internal static string[] RefusedWarnings(bool windows) =>
        windows
            ? new[] { "ZipCaseCollision", "ZipNormalizationCollision", "ZipReservedName", "ZipTrailingDotSpace", "ZipWindowsCharacter" }
            : new[] { "ZipCaseCollision", "ZipNormalizationCollision" };

    /// <summary>Extracts <paramref name="zip"/> into <paramref name="destination"/>.</summary>
    /// <param name="zip">The plugin zip.</param>
    /// <param name="destination">The folder to create (or, with <paramref name="merge"/>, to merge into).</param>
    /// <param name="merge">Merge into an existing folder, replacing files of the same name.</param>
    /// <returns>The destination folder.</returns>
    /// <exception cref="SpsPluginException">
    /// ExpandRefused (with the hazard findings, a link or file in the way of a merge, or the size
    /// limit passed while writing), FileExists, WriteFailed (the entry named), or a read failure.
    /// </exception>
    public static DirectoryInfo Extract(string zip, string destination, bool merge) => Extract(zip, destination, merge, MaxExtractedBytes);

    /// <summary>Extracts with another limit on the bytes written (the tests' way to reach it with a small zip).</summary>
    internal static DirectoryInfo Extract(string zip, string destination, bool merge, long maxBytes)
    {
        var target = Path.GetFullPath(destination);
        if (!SpsPluginBundle.IsZipFile(zip))
        {
            throw new SpsPluginException(Directory.Exists(zip) || File.Exists(zip) ? SpsPluginErrorId.BundleNotZip : SpsPluginErrorId.PathNotFound,
                $"'{zip}' is not a zip file; Expand-SpsPluginBundle extracts plugin zips.", zip);
        }
        if (Directory.Exists(target) && !merge)
        {
            throw new SpsPluginException(SpsPluginErrorId.FileExists, $"'{target}' already exists; use -Force to merge the zip into it.", target);
        }
        if (File.Exists(target))
        {
            throw new SpsPluginException(SpsPluginErrorId.FileExists, $"'{target}' is a file; give a folder to extract into.", target);
        }
        var refusedWarnings = RefusedWarnings(PlatformPaths.IsWindows);
        var hazards = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false, IncludeRules = HazardRules })
            .Diagnostics.Where(d => d.Severity == Severity.Error || refusedWarnings.Contains(d.RuleId)).ToArray();
        if (hazards.Length > 0)
        {
            var fix = hazards[0].SuggestedFix is string text ? $" To fix: {text.TrimEnd('.')}." : string.Empty;
            throw new SpsPluginException(SpsPluginErrorId.ExpandRefused,
                $"'{zip}' is not extracted: {hazards[0].RuleId}: {hazards[0].Message}{(hazards.Length > 1 ? $" (and {hazards.Length - 1} more)" : string.Empty)}{fix}",
                zip, hazards);
        }
        var bundle = SpsPluginBundle.Open(zip);
        var entries = bundle.Entries.Select(e => (Entry: e, Relative: e.ExtractionPath.TrimEnd('/'))).Where(e => e.Relative.Length > 0).ToArray();
        if (Directory.Exists(target))
        {
            foreach (var (entry, relative) in entries)
            {
                RefuseLinksAndClashes(zip, target, relative, entry.IsDirectory);
            }
        }
        var parent = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(parent, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        string? current = null;
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(temp);
            var budget = new ByteBudget(zip, maxBytes);
            foreach (var (entry, relative) in entries)
            {
                current = entry.Path;
                var path = Path.GetFullPath(Path.Combine(temp, relative));
                // Defence in depth: the hazard rules already refused names that could leave the folder.
                if (!PlatformPaths.IsInside(path, temp, PlatformPaths.IsWindows))
                {
                    throw new SpsPluginException(SpsPluginErrorId.ExpandRefused, $"'{entry.Path}' would be written outside the destination.", zip);
                }
                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                bundle.CopyEntry(entry.Path, budget.Counting(file, entry.Path), PluginSizeLimit.Mebibytes20);
            }
            current = null;
            if (!Directory.Exists(target))
            {
                LockedFileRetry.Run(target, () => Directory.Move(temp, target));
            }
            else
            {
                MergeInto(temp, target);
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.WriteFailed,
                current != null
                    ? $"Cannot extract '{current}' from '{zip}': {error.Message} Nothing was extracted."
                    : $"Cannot move the extracted files of '{zip}' into '{target}': {error.Message}",
                target, innerException: error);
        }
        finally
        {
            DeleteQuietly(temp);
        }
        return new DirectoryInfo(target);
    }

    // Every existing component under the destination must be a real folder, and the entry's own
    // path a real file (or absent): writing through a link could land anywhere, and a file where a
    // folder is needed (or the reverse) would fail half-way through the merge.
    private static void RefuseLinksAndClashes(string zip, string target, string relative, bool isDirectory)
    {
        var segments = relative.Split('/');
        var path = target;
        for (var i = 0; i < segments.Length; i++)
        {
            path = Path.Combine(path, segments[i]);
            var last = i == segments.Length - 1;
            var info = new FileInfo(path);
            if (!Exists(info))
            {
                return;
            }
            if (FileLinks.IsLink(info))
            {
                throw new SpsPluginException(SpsPluginErrorId.ExpandRefused,
                    $"'{zip}' is not merged into '{target}': '{path}' is a link, and Expand-SpsPluginBundle never writes through links (they could lead outside the destination). Remove the link, or expand into a new folder. Nothing was written.", zip);
            }
            var needsFolder = !last || isDirectory;
            if (needsFolder != ((info.Attributes & FileAttributes.Directory) != 0))
            {
                throw new SpsPluginException(SpsPluginErrorId.ExpandRefused,
                    $"'{zip}' is not merged into '{target}': '{path}' is a {(needsFolder ? "file" : "folder")} where the zip has a {(needsFolder ? "folder" : "file")} (for '{relative}'). Move it away, or expand into a new folder. Nothing was written.", zip);
            }
        }
    }

    // A dangling link exists although File.Exists and Directory.Exists say no: its attributes tell.
    private static bool Exists(FileSystemInfo info) => info.Attributes != (FileAttributes)(-1);

    private static void MergeInto(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, file.Substring(source.Length + 1));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            LockedFileRetry.Run(destination, () =>
            {
                if (File.Exists(destination))
                {
                    File.Replace(file, destination, null);
                }
                else
                {
                    File.Move(file, destination);
                }
            });
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                LockedFileRetry.Run(folder, () => Directory.Delete(folder, recursive: true));
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // The real failure is already on its way; a leftover temp folder must not replace it.
        }
    }

    /// <summary>Counts what every file of one extraction writes and refuses the write that would pass the limit.</summary>
    private sealed class ByteBudget
    {
        private readonly string _zip;
        private readonly long _limit;
        private long _written;

        public ByteBudget(string zip, long limit)
        {
            _zip = zip;
            _limit = limit;
        }

        public Stream Counting(Stream file, string entry) => new CountingStream(this, file, entry);

        private void Take(int count, string entry)
        {
            if (count > _limit - _written)
            {
                throw new SpsPluginException(SpsPluginErrorId.ExpandRefused,
                    $"'{_zip}' is not extracted: writing '{entry}' passes the {_limit:N0} bytes an extraction may write (SPS's limit is 20 MiB unpacked). Nothing was extracted.", _zip);
            }
            _written += count;
        }

        private sealed class CountingStream : Stream
        {
            private readonly ByteBudget _budget;
            private readonly Stream _inner;
            private readonly string _entry;

            public CountingStream(ByteBudget budget, Stream inner, string entry)
            {
                _budget = budget;
                _inner = inner;
                _entry = entry;
            }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _inner.Length;

            public override long Position
            {
                get => _inner.Position;
                set => throw new NotSupportedException();
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                _budget.Take(count, _entry);
                _inner.Write(buffer, offset, count);
            }

            public override void Flush() => _inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
