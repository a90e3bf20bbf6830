using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;

namespace SpsPlugin.Validation.Rules;

/// <summary>A hazard found in single entries; one finding names up to five of them.</summary>
internal abstract class EntryHazardRule : BundleRule
{
    protected EntryHazardRule(string id, Severity severity, string title, string description, string fix)
        : base(id, "Zip", severity, title, description, fix)
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (!AppliesTo(context.Bundle!))
        {
            yield break;
        }
        var hits = Hazards(context.Bundle!).ToArray();
        if (hits.Length > 0)
        {
            var shown = string.Join(", ", hits.Take(5).Select(h => "'" + Show(h) + "'")) + (hits.Length > 5 ? $" and {hits.Length - 5} more" : string.Empty);
            yield return Finding(context, $"{Problem}: {shown}.", hits[0].Path);
        }
    }

    protected abstract string Problem { get; }

    protected virtual bool AppliesTo(SpsPluginBundle bundle) => bundle.Kind == SpsPluginBundleKind.Zip;

    /// <summary>
    /// The hazardous entries of <paramref name="bundle"/>. A rule that needs the whole bundle overrides
    /// this rather than keeping it in a field: one rule instance serves every validation, also concurrent ones.
    /// </summary>
    protected virtual IEnumerable<SpsPluginBundleEntry> Hazards(SpsPluginBundle bundle) => bundle.Entries.Where(IsHazard);

    protected virtual bool IsHazard(SpsPluginBundleEntry entry) => false;

    /// <summary>How the finding names the entry (its path, unless the path itself is the problem).</summary>
    protected virtual string Show(SpsPluginBundleEntry entry) => entry.Path;

    protected static IEnumerable<string> Segments(SpsPluginBundleEntry entry) => entry.Path.Split('/', '\\');
}

internal sealed class ZipPathTraversalRule : EntryHazardRule
{
    public ZipPathTraversalRule()
        : base("ZipPathTraversal", Severity.Error, "An entry name climbs out of the target folder",
            "A '..' segment makes an extractor write outside the folder it extracts to (zip slip).", "rebuild the zip from the plugin folder")
    {
    }

    protected override string Problem => "entries with '..' in their path";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => Segments(entry).Any(s => s == "..");
}

internal sealed class ZipAbsolutePathRule : EntryHazardRule
{
    public ZipAbsolutePathRule()
        : base("ZipAbsolutePath", Severity.Error, "An entry name is an absolute path",
            "An entry whose name starts with '/' or '\\' points at the root of the file system.", "rebuild the zip with relative names")
    {
    }

    protected override string Problem => "entries with absolute paths";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.Path.StartsWith("/", StringComparison.Ordinal) || entry.Path.StartsWith("\\", StringComparison.Ordinal);
}

internal sealed class ZipDrivePathRule : EntryHazardRule
{
    public ZipDrivePathRule()
        : base("ZipDrivePath", Severity.Error, "An entry name holds a drive letter",
            "An entry such as 'C:/x' names a Windows drive.", "rebuild the zip with relative names")
    {
    }

    protected override string Problem => "entries with a drive letter";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.Path.Length >= 2 && entry.Path[1] == ':' && char.IsLetter(entry.Path[0]);
}

internal sealed class ZipBackslashRule : EntryHazardRule
{
    public ZipBackslashRule()
        : base("ZipBackslash", Severity.Error, "An entry name uses backslashes",
            "Zips made with Compress-Archive or ZipFile.CreateFromDirectory on Windows PowerShell can store 'lib\\plugin.py'; SPS runs on Linux, where that is a file name with a backslash, not a folder.",
            "pack with Compress-SpsPluginBundle, which always writes '/'")
    {
    }

    protected override string Problem => "entries with '\\' in their names";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.Path.IndexOf('\\') >= 0;
}

internal sealed class ZipSymlinkRule : EntryHazardRule
{
    public ZipSymlinkRule()
        : base("ZipSymlink", Severity.Error, "The bundle contains symbolic links",
            "A link stored in a zip can point anywhere on the appliance when extracted. In a source folder, Compress-SpsPluginBundle follows a link to a file inside the folder and refuses any other link.",
            "replace links with the files themselves")
    {
    }

    protected override string Problem => "symbolic links";

    protected override bool AppliesTo(SpsPluginBundle bundle) => true;

    protected override IEnumerable<SpsPluginBundleEntry> Hazards(SpsPluginBundle bundle) =>
        bundle.Entries.Where(entry => entry.IsSymbolicLink && IsRefusedLink(bundle, entry));

    // Every link in a zip is a hazard; in a folder, a link the packer follows (a file inside the folder) is not.
    private static bool IsRefusedLink(SpsPluginBundle bundle, SpsPluginBundleEntry entry)
    {
        if (bundle.Kind == SpsPluginBundleKind.Zip)
        {
            return true;
        }
        var full = System.IO.Path.Combine(bundle.Path, entry.Path.TrimEnd('/'));
        FileSystemInfo item = entry.IsDirectory ? new DirectoryInfo(full) : new FileInfo(full);
        return Bundles.FolderLinks.FollowableTarget(item, bundle.Path) == null;
    }
}

internal sealed class ZipEncryptedRule : EntryHazardRule
{
    public ZipEncryptedRule()
        : base("ZipEncrypted", Severity.Error, "Entries are encrypted",
            "SPS cannot read password-protected entries.", "zip the files again without a password")
    {
    }

    protected override string Problem => "encrypted entries";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.IsEncrypted;
}

/// <summary>
/// An entry that expands far beyond its compressed size: the signature of a zip bomb. Source text
/// compresses 3-10 times; the threshold is 200 times for entries over 1 MiB unpacked.
/// </summary>
internal sealed class ZipCompressionRatioRule : EntryHazardRule
{
    private const long MinimumSize = 1024 * 1024;
    private const double MaximumRatio = 200;

    public ZipCompressionRatioRule()
        : base("ZipCompressionRatio", Severity.Error, "An entry expands suspiciously (zip bomb)",
            "An entry over 1 MiB that unpacks to more than 200 times its compressed size is how zip bombs exhaust disks and memory.",
            "remove the entry; plugins have no reason to carry such data")
    {
    }

    protected override string Problem => "entries that expand more than 200 times";

    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        entry.Size > MinimumSize && entry.Size > MaximumRatio * Math.Max(1, entry.CompressedSize ?? entry.Size);
}

internal sealed class ZipDuplicateEntryRule : BundleRule
{
    public ZipDuplicateEntryRule()
        : base("ZipDuplicateEntry", "Zip", Severity.Error, "An entry name is stored twice",
            "With two entries of the same name, which one an extractor keeps depends on the tool: what SPS runs may not be what you tested.",
            "rebuild the zip from the plugin folder")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        foreach (var duplicate in context.Bundle!.DuplicateEntries)
        {
            yield return Finding(context, $"'{duplicate}' is stored more than once.", duplicate);
        }
    }
}

internal sealed class ZipCaseCollisionRule : BundleRule
{
    public ZipCaseCollisionRule()
        : base("ZipCaseCollision", "Zip", Severity.Warning, "Entry names differ only in case",
            "'Plugin.py' and 'plugin.py' are two files on Linux but one on Windows and macOS, and so are 'lib.' and 'lib' on Windows (it drops trailing dots and spaces): extracting there silently loses one.",
            "rename one of them")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var groups = context.Bundle!.Entries.Select(e => e.Path).Distinct(StringComparer.Ordinal)
            .GroupBy(WindowsNames.FoldKey, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            yield return Finding(context, $"These names differ only in case or in trailing dots and spaces: {string.Join(", ", group.Select(p => "'" + p + "'"))}.", group.First());
        }
    }
}

internal sealed class ZipTooManyEntriesRule : BundleRule
{
    public const int Limit = 10_000;

    public ZipTooManyEntriesRule()
        : base("ZipTooManyEntries", "Zip", Severity.Error, "The bundle has too many entries",
            "More than 10,000 entries is far beyond any plugin (the largest real ones have a few hundred files) and a way to exhaust the extractor.",
            "vendor fewer dependencies, or leave out what the plugin does not import")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.Bundle!.EntryCount > Limit)
        {
            yield return Finding(context, $"The bundle has {context.Bundle.EntryCount:N0} entries, more than {Limit:N0}.");
        }
    }
}

/// <summary>A hazard in entry names, which a source folder can carry into its zip as well.</summary>
internal abstract class NameHazardRule : EntryHazardRule
{
    protected NameHazardRule(string id, Severity severity, string title, string description, string fix)
        : base(id, severity, title, description, fix)
    {
    }

    protected override bool AppliesTo(SpsPluginBundle bundle) => true;

    // Empty segments ('a//b') and the trailing one of a folder's path are no names.
    protected static IEnumerable<string> Names(SpsPluginBundleEntry entry) => entry.Path.Split('/').Where(s => s.Length > 0);
}

internal sealed class ZipControlCharacterRule : NameHazardRule
{
    public ZipControlCharacterRule()
        : base("ZipControlCharacter", Severity.Error, "An entry name holds control characters",
            "Python's zipfile, which SPS uses, cuts a name at its first NUL, so 'main.py\\0x' is loaded as 'main.py' while other tools check another file; line breaks, escapes and other control characters make names that logs and terminals misrender. No real plugin has them, so this is an error.",
            "rename the files with printable characters only and rebuild the zip")
    {
    }

    protected override string Problem => "entries whose names hold control characters (shown escaped)";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.StoredPath.Any(char.IsControl);

    protected override string Show(SpsPluginBundleEntry entry) =>
        string.Concat(entry.StoredPath.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}

internal sealed class ZipLocalNameRule : EntryHazardRule
{
    public ZipLocalNameRule()
        : base("ZipLocalName", Severity.Error, "An entry's local header names another file",
            "Each entry's name is stored twice, in the central directory and before its data. Python's zipfile refuses to read an entry whose two names differ ('File name in directory and header differ'), so SPS cannot load it, and streaming extractors that read only the local headers unpack files under names no directory listing shows.",
            "rebuild the zip with a standard tool (Compress-SpsPluginBundle)")
    {
    }

    protected override string Problem => "entries whose local header holds another name";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.LocalPath != null && entry.LocalPath != entry.StoredPath;

    protected override string Show(SpsPluginBundleEntry entry) => $"{entry.StoredPath}' (local '{entry.LocalPath}";
}

/// <summary>A folder entry with content: what Python's extractall ignores but a total counts.</summary>
internal sealed class ZipDirectoryDataRule : EntryHazardRule
{
    // An empty deflate stream takes 2 bytes, an empty stored block 5: a folder needs no more.
    private const long MaxEmptyStreamBytes = 5;

    public ZipDirectoryDataRule()
        : base("ZipDirectoryData", Severity.Error, "A folder entry carries data",
            "A folder entry (a name ending in '/') has a size, a CRC-32 or compressed data. Python's zipfile creates the folder and ignores the data, so the bytes are hidden from the extracted plugin while archive totals count them; real tools write folders empty, so this is a crafted archive.",
            "rebuild the zip from the plugin folder")
    {
    }

    protected override string Problem => "folder entries with a size, CRC-32 or data";

    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        entry.IsDirectory && (entry.Size != 0 || entry.Crc32 is > 0 || entry.CompressedSize > MaxEmptyStreamBytes);
}

internal sealed class ZipFileFolderClashRule : NameHazardRule
{
    public ZipFileFolderClashRule()
        : base("ZipFileFolderClash", Severity.Error, "A file and a folder have the same name",
            "Entries such as 'a' and 'a/b', or 'main.py' and 'main.py/', need one path to be a file and a folder at once. Python's zipfile (and any extractor) fails on the second, so SPS cannot install the plugin.",
            "rename the file or the folder")
    {
    }

    protected override string Problem => "entries that need a file's path to be a folder";

    // An entry clashes when a file's path followed by '/' begins its path (a folder's own path or one
    // above it). Sorted paths put every entry under a prefix together, so one binary search per file
    // finds them: no per-segment rebuilding, which a 65,535-byte 'a/a/a/…' name made quadratic.
    protected override IEnumerable<SpsPluginBundleEntry> Hazards(SpsPluginBundle bundle)
    {
        var sorted = bundle.Entries.OrderBy(e => e.ExtractionPath, StringComparer.Ordinal).ToArray();
        var paths = sorted.Select(e => e.ExtractionPath).ToArray();
        var hits = new HashSet<SpsPluginBundleEntry>();
        foreach (var file in bundle.Entries.Where(e => !e.IsDirectory))
        {
            var prefix = file.ExtractionPath + "/";
            var at = Array.BinarySearch(paths, prefix, StringComparer.Ordinal);
            for (at = at < 0 ? ~at : at; at < paths.Length && paths[at].StartsWith(prefix, StringComparison.Ordinal); at++)
            {
                hits.Add(sorted[at]);
            }
        }
        return bundle.Entries.Where(hits.Contains);
    }
}

/// <summary>Names Linux (and so SPS) cannot create: over NAME_MAX or PATH_MAX, or empty.</summary>
internal sealed class ZipUnextractableNameRule : NameHazardRule
{
    private const int NameMaxBytes = 255;
    private const int PathMaxBytes = 4095;

    public ZipUnextractableNameRule()
        : base("ZipUnextractableName", Severity.Error, "An entry name cannot be created on Linux",
            "A path segment longer than 255 bytes (UTF-8) or a name longer than 4,095 bytes exceeds Linux's NAME_MAX or PATH_MAX, and an empty name (or a file named '.') is no file at all: Python's zipfile fails to extract it, so SPS cannot install the plugin.",
            "shorten or fix the name")
    {
    }

    protected override string Problem => "entries whose names are empty or longer than Linux allows";

    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        entry.Path.Length == 0 || (!entry.IsDirectory && entry.ExtractionPath.Length == 0) ||
        Encoding.UTF8.GetByteCount(entry.Path) > PathMaxBytes || Names(entry).Any(n => Encoding.UTF8.GetByteCount(n) > NameMaxBytes);

    protected override string Show(SpsPluginBundleEntry entry) => entry.Path.Length > 60 ? entry.Path.Substring(0, 60) + $"…' ({entry.Path.Length} characters" : entry.Path;
}

internal sealed class ZipLongPathRule : NameHazardRule
{
    private const int WindowsMaxPath = 260;

    public ZipLongPathRule()
        : base("ZipLongPath", Severity.Warning, "An entry name is too long for Windows",
            "A name longer than 260 characters exceeds Windows' classic MAX_PATH even before a destination folder is added, so unzipping the plugin there (Explorer, many tools) fails. SPS runs on Linux, where it is fine, so this is a warning.",
            "use shorter folder and file names")
    {
    }

    protected override string Problem => "entries with names over 260 characters";

    protected override bool IsHazard(SpsPluginBundleEntry entry) => entry.Path.Length > WindowsMaxPath;

    protected override string Show(SpsPluginBundleEntry entry) => entry.Path.Substring(0, 60) + $"…' ({entry.Path.Length} characters";
}

internal sealed class ZipReservedNameRule : NameHazardRule
{
    public ZipReservedNameRule()
        : base("ZipReservedName", Severity.Warning, "An entry uses a name Windows reserves",
            "Windows reserves device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9) with any extension, so 'nul.py' or 'aux/' cannot be extracted or checked out there. SPS runs on Linux, where they are ordinary names, so this is a warning.",
            "rename the file or folder")
    {
    }

    protected override string Problem => "entries with names Windows reserves";

    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        Names(entry).Any(WindowsNames.IsReservedDevice);
}

internal sealed class ZipTrailingDotSpaceRule : NameHazardRule
{
    public ZipTrailingDotSpaceRule()
        : base("ZipTrailingDotSpace", Severity.Warning, "An entry name ends with a dot or a space",
            "Windows drops trailing dots and spaces, so 'lib.' and 'lib' become one folder and 'main.py ' cannot be opened by its name there. SPS runs on Linux, where they are kept, so this is a warning; such names are nearly always typing slips.",
            "remove the trailing dot or space")
    {
    }

    protected override string Problem => "entries with names ending in a dot or a space";

    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        Names(entry).Any(WindowsNames.HasTrailingDotOrSpace);
}

internal sealed class ZipWindowsCharacterRule : NameHazardRule
{
    public ZipWindowsCharacterRule()
        : base("ZipWindowsCharacter", Severity.Warning, "An entry name holds a character Windows forbids",
            "Windows cannot create names with '<', '>', '\"', '|', '?' or '*', and reads 'a:b' as the alternate data stream 'b' of the file 'a', so the entry is lost or hidden when the plugin is unpacked or checked out there. SPS runs on Linux, where they are ordinary characters, so this is a warning; Expand-SpsPluginBundle refuses such entries on Windows.",
            "rename the file or folder without these characters")
    {
    }

    protected override string Problem => "entries with ':' or one of <>\"|?* in their names";

    // Control characters have their own rule (ZipControlCharacter, an error everywhere).
    protected override bool IsHazard(SpsPluginBundleEntry entry) =>
        Names(entry).Any(n => WindowsNames.NamesStream(n) || WindowsNames.ForbiddenCharacter(n) is >= ' ');
}

internal sealed class ZipNormalizationCollisionRule : BundleRule
{
    public ZipNormalizationCollisionRule()
        : base("ZipNormalizationCollision", "Zip", Severity.Warning, "Entry names differ only in Unicode normalisation",
            "'café.py' written precomposed (NFC) and decomposed (NFD) are two files on Linux, which is how SPS sees them, but one on macOS: extracting there silently loses one, and editors show both the same. Expand-SpsPluginBundle refuses such zips, as it refuses names that differ only in case.",
            "rename one of them, and save names in NFC")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var groups = context.Bundle!.Entries.Select(e => e.Path).Distinct(StringComparer.Ordinal)
            .GroupBy(Nfc, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            yield return Finding(context, $"These names are equal after Unicode normalisation (NFC): {string.Join(", ", group.Select(p => "'" + p + "'"))}.", group.First());
        }
    }

    private static string Nfc(string path)
    {
        try
        {
            return path.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not normalisable (a lone surrogate from a damaged folder name): it can equal nothing else.
            return path;
        }
    }
}
