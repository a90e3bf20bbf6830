using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Validation.Rules;

/// <summary>
/// A failure to read the bundle or its MANIFEST (from the readers, not a rule's own check), with
/// its own id in the catalogue: one instance per reader id, since the check is the same for all.
/// </summary>
internal sealed class ReadFailureRule : BundleRule
{
    private readonly string _readerId;

    public ReadFailureRule(string id, string readerId, string area, string title, string description, string fix)
        : base(id, area, Severity.Error, title, description, fix, SpsPluginErrorId.All.Single(e => e.Id == readerId).Kind)
    {
        _readerId = readerId;
    }

    public override bool NeedsBundle => false;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var failures = new List<SpsPluginDiagnostic>();
        if (context.OpenFailure != null)
        {
            failures.Add(SpsPluginValidator.FromFailure(context.OpenFailure, context.Path, null));
        }
        else if (context.Bundle != null)
        {
            if (context.Bundle.Manifest == null)
            {
                failures.Add(SpsPluginValidator.FromFailure(context.Bundle.MissingManifestError(), context.Path, "MANIFEST"));
            }
            else
            {
                failures.AddRange(context.Bundle.Manifest.Diagnostics);
            }
            context.VerifyZipEntries();
            failures.AddRange(context.Bundle.ListingFailures.Select(f => SpsPluginValidator.FromFailure(f.Value, context.Path, f.Key)));
            failures.AddRange(context.ReadFailures);
        }
        // A wrapped folder has its own rule with the better message.
        return failures
            .Where(f => f.RuleId == _readerId && !(f.RuleId == "ManifestNotFound" && context.Bundle?.WrappingFolder != null))
            .Select(f => new SpsPluginDiagnostic(Descriptor.Id, Descriptor.Severity, f.Message, context.Path, f.Entry, f.Line, f.Column, f.SuggestedFix ?? Descriptor.Fix));
    }

    /// <summary>The reader failures that have a rule of their own, as (rule id, reader id, area, title, description, fix).</summary>
    public static IEnumerable<ReadFailureRule> All()
    {
        yield return new ReadFailureRule("PathNotFound", "PathNotFound", "Structure", "The path does not exist",
            "The folder or zip to validate is not there.", "check the path");
        yield return new ReadFailureRule("ZipNotZip", "BundleNotZip", "Zip", "The file is not a zip",
            "SPS uploads plugins as zip archives; this file is something else.", "give the plugin folder, or a zip made from the plugin's files");
        yield return new ReadFailureRule("ZipCorrupt", "BundleCorrupt", "Zip", "The zip is truncated or damaged",
            "The archive's directory is missing, cut off or inconsistent (an interrupted download or copy).", "build or download the zip again");
        yield return new ReadFailureRule("ZipBadCrc", "BundleBadCrc", "Zip", "A zip entry fails its CRC check",
            "An entry's content does not match its recorded size and CRC-32: the archive is damaged.", "build or download the zip again");
        yield return new ReadFailureRule("ZipUnreadableEntry", "BundleUnsupported", "Zip", "A zip entry cannot be read",
            "An entry is encrypted, uses a compression method other than stored or deflate, or is larger than SpsPlugin reads.", "zip the files again with deflate and no password");
        yield return new ReadFailureRule("ReadFailed", "ReadFailed", "Structure", "A file cannot be read",
            "The operating system refused to read a file of the bundle.", "check the file's permissions");
        yield return new ReadFailureRule("ManifestNotFound", "ManifestNotFound", "Manifest", "No MANIFEST at the root",
            "SPS needs a file named MANIFEST (no extension) at the root of the zip.", "add MANIFEST at the root");
        yield return new ReadFailureRule("ManifestSyntaxError", "ManifestSyntaxError", "Manifest", "MANIFEST is not valid YAML",
            "SPS reads MANIFEST with PyYAML safe_load; text it cannot parse fails the upload (MANIFEST file format wrong, should be yaml).", "write one 'key: value' per line");
        yield return new ReadFailureRule("ManifestEmpty", "ManifestEmpty", "Manifest", "MANIFEST is empty",
            "An empty MANIFEST (or one of comments only) loads as None.", "write the required keys");
        yield return new ReadFailureRule("ManifestNotMapping", "ManifestNotMapping", "Manifest", "MANIFEST is not a mapping",
            "MANIFEST must be a YAML mapping of keys to values.", "write one 'key: value' per line");
        yield return new ReadFailureRule("ManifestDuplicateKey", "ManifestDuplicateKey", "Manifest", "A MANIFEST key appears twice",
            "PyYAML silently keeps the last value of a duplicated key, hiding the first.", "keep one line per key");
        yield return new ReadFailureRule("ManifestUnsupportedConstruct", "ManifestUnsupportedConstruct", "Manifest", "MANIFEST uses YAML beyond plain keys",
            "Nested mappings, block scalars, anchors and tags are valid YAML but not something a MANIFEST needs; SpsPlugin does not read them.", "write one plain 'key: value' per line");
        yield return new ReadFailureRule("ManifestEncoding", "ManifestEncoding", "Manifest", "MANIFEST is not UTF-8 text",
            "MANIFEST must be UTF-8 text without control characters.", "save MANIFEST as UTF-8");
        yield return new ReadFailureRule("ManifestTooDeep", "ManifestTooDeep", "Manifest", "A MANIFEST value is nested too deeply",
            "PyYAML's safe_load reads nested lists by recursion and raises RecursionError past about 490 levels, so SPS refuses the plugin.", "write the value as a plain scalar or a short flat list");
    }
}
