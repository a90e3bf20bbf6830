using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using SpsPlugin.Bundles;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>Whether a bundle is a source folder or a zip.</summary>
public enum SpsPluginBundleKind
{
    /// <summary>A plugin source folder.</summary>
    Folder,

    /// <summary>A plugin zip, as uploaded to SPS.</summary>
    Zip,
}

/// <summary>
/// A plugin as a folder or a zip, behind one shape: its entries, sizes, the SHA-256 of a zip, and
/// its MANIFEST. Opening a zip reads only its central directory (and the MANIFEST entry); nothing is
/// extracted and the archive is never loaded whole.
/// </summary>
public sealed class SpsPluginBundle
{
    /// <summary>The largest MANIFEST SpsPlugin reads (real ones are a few hundred bytes).</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    /// <summary>The largest entry <c>Get-SpsPluginBundle -Read</c> reads: SPS's 20 MiB limit.</summary>
    public const long MaxReadBytes = 20L * 1024 * 1024;

    /// <summary>The file at a bundle's root that names and types the plugin.</summary>
    public const string ManifestName = "MANIFEST";
    private const string DefaultConfigName = "default.cfg";
    private const int PresizeLimit = 1024 * 1024;

    private readonly ZipDirectoryEntry[]? _zipEntries;

    // Files by path, for reads: a zip's last record of a name wins, as with unzip and with Python's zipfile
    // (whose names are cut at a NUL); a folder lists each path once. Built once, so reading every file of
    // a bundle of thousands is not a scan of the listing per read.
    private readonly Dictionary<string, ZipDirectoryEntry> _zipFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpsPluginBundleEntry> _folderFiles = new(StringComparer.Ordinal);

    /// <summary>The entries of a folder that could not be read, by relative path (reported as ReadFailed findings).</summary>
    internal IReadOnlyList<KeyValuePair<string, SpsPluginException>> ListingFailures { get; private set; } = Array.Empty<KeyValuePair<string, SpsPluginException>>();

    private SpsPluginBundle(string path, SpsPluginBundleKind kind, IReadOnlyList<SpsPluginBundleEntry> entries,
        long? fileSize, string? sha256, ZipDirectoryEntry[]? zipEntries)
    {
        Path = path;
        Kind = kind;
        Entries = entries;
        FileSize = fileSize;
        Sha256 = sha256;
        _zipEntries = zipEntries;
        foreach (var record in zipEntries?.Where(e => !e.IsDirectory) ?? Enumerable.Empty<ZipDirectoryEntry>())
        {
            _zipFiles[record.Name] = record;
        }
        foreach (var entry in zipEntries == null ? entries.Where(e => !e.IsDirectory) : Enumerable.Empty<SpsPluginBundleEntry>())
        {
            if (!_folderFiles.ContainsKey(entry.Path))
            {
                _folderFiles[entry.Path] = entry;
            }
        }
        HasManifest = HasRootFile(ManifestName);
        HasMainPy = HasRootFile("main.py");
        HasDefaultConfig = HasRootFile(DefaultConfigName);
        if (HasManifest)
        {
            try
            {
                Manifest = SpsPluginManifest.FromBytes(ReadEntry(ManifestName, MaxManifestBytes), path, ManifestName);
            }
            catch (SpsPluginException failure)
            {
                // A MANIFEST that cannot be decoded or decompressed still leaves a bundle to describe.
                ManifestFailure = failure;
            }
        }
    }

    /// <summary>The full path of the folder or zip.</summary>
    public string Path { get; }

    /// <summary>Folder or Zip.</summary>
    public SpsPluginBundleKind Kind { get; }

    /// <summary>Every file and folder, in the order the zip stores them (a folder's: sorted by path).</summary>
    public IReadOnlyList<SpsPluginBundleEntry> Entries { get; }

    /// <summary>The MANIFEST at the root; null when there is none. Check its <c>Diagnostics</c> before trusting it.</summary>
    public SpsPluginManifest? Manifest { get; }

    /// <summary>Why the MANIFEST at the root could not be read (not UTF-8, damaged in the zip); null otherwise.</summary>
    public SpsPluginException? ManifestFailure { get; }

    /// <summary>The plugin name from the MANIFEST, when it has one.</summary>
    public string? Name => Manifest?.Name;

    /// <summary>The plugin version from the MANIFEST, as the SDK reads it.</summary>
    public string? Version => Manifest?.Version;

    /// <summary>Number of entries (files and folders).</summary>
    public int EntryCount => Entries.Count;

    /// <summary>Number of files.</summary>
    public int FileCount => Entries.Count(e => !e.IsDirectory);

    /// <summary>Total uncompressed size of all files, in bytes (what extracting writes; folder entries write nothing).</summary>
    public long TotalSize => Entries.Where(e => !e.IsDirectory).Sum(e => e.Size);

    /// <summary>Total compressed size of a zip's entries in bytes; null for a folder.</summary>
    public long? CompressedSize => Kind == SpsPluginBundleKind.Zip ? Entries.Sum(e => e.CompressedSize ?? 0) : null;

    /// <summary>The size of the zip file in bytes; null for a folder.</summary>
    public long? FileSize { get; }

    /// <summary>Lower-case hex SHA-256 of the zip file; null for a folder.</summary>
    public string? Sha256 { get; }

    /// <summary>
    /// Lower-case hex SHA-256 of the zip's entries rather than its bytes: names, order, Unix modes,
    /// timestamps, CRC-32s and sizes, not how they are compressed. Two packs of the same folder have the
    /// same digest on every runtime even where their deflate output, and so <see cref="Sha256"/>, differs.
    /// Null for a folder.
    /// </summary>
    public string? ContentDigest => _zipEntries == null ? null : _contentDigest ??= ZipContentDigest.Compute(_zipEntries);

    // Computed on the first read (a view or ConvertTo-Json may read it many times); the entries never change.
    private string? _contentDigest;

    /// <summary>True when <c>MANIFEST</c> is at the root.</summary>
    public bool HasManifest { get; }

    /// <summary>What to do when main.py is not at the root: the validator's StructureMainPy rule and the hook runner say the same.</summary>
    internal const string MainPyFix = "add main.py at the root, e.g. '#!/usr/bin/env pluginwrapper3' then 'from my_plugin.plugin import Plugin'";

    /// <summary>True when <c>main.py</c> is at the root.</summary>
    public bool HasMainPy { get; }

    /// <summary>True when <c>default.cfg</c> is at the root.</summary>
    public bool HasDefaultConfig { get; }

    /// <summary>
    /// Entry paths stored more than once in a zip (always empty for a folder), judged as Python's
    /// zipfile extracts them: names cut at a NUL, empty and '.' segments dropped, so 'main.py',
    /// 'main.py\0x' and './main.py' are one file. Each duplicate is named by its first entry's path.
    /// </summary>
    public IReadOnlyList<string> DuplicateEntries =>
        Entries.GroupBy(e => e.ExtractionPath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First().Path).ToArray();

    /// <summary>
    /// The one folder that holds every entry when the bundle has nothing else at its root (e.g.
    /// <c>my_plugin/</c>): the classic mistake of zipping the folder instead of its contents. Null otherwise.
    /// </summary>
    public string? WrappingFolder
    {
        get
        {
            var roots = Entries.Select(e => RootSegment(e.Path)).Distinct(StringComparer.Ordinal).ToArray();
            return roots.Length == 1 && Entries.Any(e => e.Path.Length > roots[0].Length + 1) && Entries.All(e => e.Path.StartsWith(roots[0] + "/", StringComparison.Ordinal))
                ? roots[0] + "/"
                : null;
        }
    }

    /// <summary>True when <paramref name="path"/> is a file to open as a zip: it ends in .zip or starts with a zip signature.</summary>
    public static bool IsZipFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (SpecialFiles.Describe(path) != null)
        {
            // Not opened to look: a FIFO would block. Whoever reads it next refuses it by name.
            return false;
        }
        using var stream = File.OpenRead(path);
        var head = new byte[4];
        return stream.Read(head, 0, 4) == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6);
    }

    /// <summary>The error for a bundle without a readable root MANIFEST, saying how to fix the usual causes.</summary>
    public SpsPluginException MissingManifestError()
    {
        if (ManifestFailure != null)
        {
            return ManifestFailure;
        }
        var wrapper = WrappingFolder;
        var message = Kind == SpsPluginBundleKind.Folder
            ? $"The folder '{Path}' has no MANIFEST file, so it is not a plugin folder. Give the folder that holds MANIFEST and main.py."
            : wrapper != null
                ? $"The zip '{Path}' has no MANIFEST at its root: everything is inside the folder '{wrapper}'. You zipped the folder; zip its contents instead, so that MANIFEST and main.py are at the root."
                : $"The zip '{Path}' has no MANIFEST at its root. SPS needs MANIFEST and main.py at the root of the zip.";
        return new SpsPluginException(SpsPluginErrorId.ManifestNotFound, message, Path);
    }

    /// <summary>Opens a plugin folder or zip.</summary>
    /// <exception cref="SpsPluginException">
    /// PathNotFound, BundleNotZip (a file that is not a zip), BundleCorrupt (truncated or damaged),
    /// ReadFailed, or ManifestEncoding (a MANIFEST that is not UTF-8).
    /// </exception>
    public static SpsPluginBundle Open(string path) => OpenListing(path, FolderEntries.List);

    /// <summary>
    /// The MANIFEST at the root of a plugin folder or zip (null when there is none or it cannot be
    /// read), found and read exactly as <see cref="Open(string)"/> does, without entering the
    /// folder's subfolders: a hook call needs it on every call, and a plugin may vendor hundreds of files.
    /// </summary>
    /// <exception cref="SpsPluginException">As <see cref="Open(string)"/>.</exception>
    internal static SpsPluginManifest? RootManifest(string path) => OpenListing(path, FolderEntries.ListRoot).Manifest;

    private static SpsPluginBundle OpenListing(string path, Func<string, FolderEntries.Listing> listFolder)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(fullPath))
            {
                var listing = listFolder(fullPath);
                return new SpsPluginBundle(fullPath, SpsPluginBundleKind.Folder, listing.Entries, null, null, null) { ListingFailures = listing.Failures };
            }
            if (File.Exists(fullPath))
            {
                SpecialFiles.RequireNotSpecial(fullPath, fullPath);
                return OpenZip(fullPath);
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{fullPath}': {error.Message}", fullPath, innerException: error);
        }
        throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"Cannot find '{fullPath}': no such folder or zip.", fullPath);
    }

    /// <summary>Parses the bundle's <c>default.cfg</c> (read from a zip without extracting).</summary>
    /// <exception cref="SpsPluginException">ConfigNotFound when there is none; ConfigEncoding, ConfigTooLarge.</exception>
    public SpsPluginConfig ReadDefaultConfig()
    {
        if (!HasDefaultConfig)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigNotFound,
                $"'{Path}' has no default.cfg at its root{(Kind == SpsPluginBundleKind.Folder && File.Exists(System.IO.Path.Combine(Path, "default.cfg.plugin")) ? " (it has default.cfg.plugin, from which the SDK's pluginv builds default.cfg)" : string.Empty)}.",
                Path);
        }
        return SpsPluginConfig.FromBytes(ReadEntry(DefaultConfigName, SpsPluginConfig.MaxBytes), Path, DefaultConfigName);
    }

    /// <summary>
    /// Opens a policy configuration: a plugin folder or zip means its <c>default.cfg</c>; any other
    /// file is read as configuration text.
    /// </summary>
    public static SpsPluginConfig OpenConfig(string path) =>
        Directory.Exists(path) || IsZipFile(path) ? Open(path).ReadDefaultConfig() : SpsPluginConfig.Load(path);

    /// <summary>Reads one file's content without extracting anything.</summary>
    /// <param name="entryPath">The entry's path with <c>/</c> separators, e.g. <c>MANIFEST</c>.</param>
    /// <param name="maxBytes">The most bytes to read; a larger entry is refused.</param>
    /// <exception cref="SpsPluginException">BundleEntryNotFound, or a zip error.</exception>
    public byte[] ReadEntry(string entryPath, long maxBytes)
    {
        // Sized for the recorded size, so a read is one buffer, not a doubling series and a copy. Only up
        // to a mebibyte ahead of the data: a recorded size is a claim (a folder's file may have grown
        // since, a hostile zip may lie), and the stream still grows past it as data comes.
        var recorded = Kind == SpsPluginBundleKind.Zip
            ? _zipFiles.TryGetValue(entryPath, out var record) ? record.UncompressedSize : 0
            : _folderFiles.TryGetValue(entryPath, out var file) ? file.Size : 0;
        using var content = new MemoryStream(recorded > 0 && recorded <= maxBytes ? (int)Math.Min(recorded, PresizeLimit) : 0);
        CopyEntry(entryPath, content, maxBytes);
        return content.Length == content.Capacity ? content.GetBuffer() : content.ToArray();
    }

    /// <summary>Streams one file's content to <paramref name="output"/>, never more than its recorded size.</summary>
    /// <exception cref="SpsPluginException">BundleEntryNotFound, or a zip error.</exception>
    internal void CopyEntry(string entryPath, Stream output, long maxBytes)
    {
        try
        {
            CopyListedEntry(entryPath, output, maxBytes);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // The file was listed when the bundle was opened; it may since have gone or lost its permissions.
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{entryPath}' of '{Path}': {error.Message}", Path, innerException: error);
        }
    }

    private void CopyListedEntry(string entryPath, Stream output, long maxBytes)
    {
        if (Kind == SpsPluginBundleKind.Folder)
        {
            var file = System.IO.Path.Combine(Path, entryPath.Replace('/', System.IO.Path.DirectorySeparatorChar));
            var entry = _folderFiles.TryGetValue(entryPath, out var listed) ? listed : throw EntryNotFound(entryPath);
            if (entry.Size > maxBytes)
            {
                throw new SpsPluginException(SpsPluginErrorId.BundleUnsupported,
                    $"'{file}' is {entry.Size} bytes, more than the {maxBytes} SpsPlugin reads for it.", Path);
            }
            // Checked again right before the open: the file may have been swapped since it was listed.
            SpecialFiles.RequireNotSpecial(file, entryPath);
            using var source = File.OpenRead(file);
            source.CopyTo(output);
            return;
        }
        var record = _zipFiles.TryGetValue(entryPath, out var last) ? last : throw EntryNotFound(entryPath);
        using var stream = OpenRead(Path);
        ZipCentralDirectory.CopyEntry(stream, record, Path, output, maxBytes);
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    private static SpsPluginBundle OpenZip(string path)
    {
        using var stream = OpenRead(path);
        var records = ZipCentralDirectory.Read(stream, path).ToArray();
        var entries = records.Select(r => new SpsPluginBundleEntry(
            r.Name, r.UncompressedSize, r.CompressedSize, r.UnixMode, r.IsDirectory,
            r.UnixMode is int mode && (mode & 0xF000) == 0xA000, SpsPluginBundleEntry.FromDosTime(r.DosTime), r.IsEncrypted)
        {
            StoredPath = r.StoredName,
            LocalPath = r.LocalName,
            Crc32 = r.Crc32,
        }).ToArray();
        stream.Position = 0;
        string sha256;
        using (var hash = SHA256.Create())
        {
            sha256 = ZipContentDigest.Hex(hash.ComputeHash(stream));
        }
        return new SpsPluginBundle(path, SpsPluginBundleKind.Zip, entries, stream.Length, sha256, records);
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan);

    private static string RootSegment(string entryPath)
    {
        var slash = entryPath.IndexOf('/');
        return slash < 0 ? entryPath : entryPath.Substring(0, slash);
    }

    private bool HasRootFile(string name) => Entries.Any(e => !e.IsDirectory && e.Path == name);

    private SpsPluginException EntryNotFound(string entryPath) =>
        new(SpsPluginErrorId.BundleEntryNotFound, $"'{Path}' has no entry '{entryPath}'.", Path);
}
