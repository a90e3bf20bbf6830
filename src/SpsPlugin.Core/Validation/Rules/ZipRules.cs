using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

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
        var hits = context.Bundle!.Entries.Where(IsHazard).Select(e => e.Path).ToArray();
        if (hits.Length > 0)
        {
            var shown = string.Join(", ", hits.Take(5).Select(h => "'" + h + "'")) + (hits.Length > 5 ? $" and {hits.Length - 5} more" : string.Empty);
            yield return Finding(context, $"{Problem}: {shown}.", hits[0]);
        }
    }

    protected abstract string Problem { get; }

    protected virtual bool AppliesTo(SpsPluginBundle bundle) => bundle.Kind == SpsPluginBundleKind.Zip;

    protected abstract bool IsHazard(SpsPluginBundleEntry entry);

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

    private SpsPluginBundle? _bundle;

    protected override string Problem => "symbolic links";

    protected override bool AppliesTo(SpsPluginBundle bundle)
    {
        _bundle = bundle;
        return true;
    }

    protected override bool IsHazard(SpsPluginBundleEntry entry)
    {
        if (!entry.IsSymbolicLink)
        {
            return false;
        }
        if (_bundle!.Kind == SpsPluginBundleKind.Zip)
        {
            return true;
        }
        var full = System.IO.Path.Combine(_bundle.Path, entry.Path.TrimEnd('/'));
        FileSystemInfo item = entry.IsDirectory ? new DirectoryInfo(full) : new FileInfo(full);
        return Packing.FileSelection.FollowableTarget(item, _bundle.Path) == null;
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
            "'Plugin.py' and 'plugin.py' are two files on Linux but one on Windows and macOS: extracting there silently loses one.",
            "rename one of them")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var groups = context.Bundle!.Entries.Select(e => e.Path).Distinct(StringComparer.Ordinal)
            .GroupBy(p => p, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            yield return Finding(context, $"These names differ only in case: {string.Join(", ", group.Select(p => "'" + p + "'"))}.", group.First());
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
