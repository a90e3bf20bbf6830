using System;
using System.IO;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Extracts a plugin zip safely: the zip is checked first with the zip-hazard and size rules
/// ('..', absolute and drive paths, backslashes, links, duplicates, encryption, bombs, too many
/// entries, the 20 MB limit) and refused with the hazard named; entries are then written, each
/// checked against its size and CRC, into a temporary folder beside the destination that is moved
/// into place at the end. Nothing is ever written outside the destination.
/// </summary>
public static class SpsPluginExtractor
{
    private static readonly string[] HazardRules =
    {
        "ZipPathTraversal", "ZipAbsolutePath", "ZipDrivePath", "ZipBackslash", "ZipSymlink", "ZipDuplicateEntry", "ZipCaseCollision",
        "ZipEncrypted", "ZipCompressionRatio", "ZipTooManyEntries", "ZipNotZip", "ZipCorrupt", "ZipBadCrc", "ZipUnreadableEntry",
        "StructureSize", "PathNotFound",
    };

    /// <summary>Extracts <paramref name="zip"/> into <paramref name="destination"/>.</summary>
    /// <param name="zip">The plugin zip.</param>
    /// <param name="destination">The folder to create (or, with <paramref name="merge"/>, to merge into).</param>
    /// <param name="merge">Merge into an existing folder, replacing files of the same name.</param>
    /// <returns>The destination folder.</returns>
    /// <exception cref="SpsPluginException">ExpandRefused (with the hazard findings), FileExists, or a read failure.</exception>
    public static DirectoryInfo Extract(string zip, string destination, bool merge)
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
        var hazards = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false, IncludeRules = HazardRules })
            .Diagnostics.Where(d => d.Severity == Severity.Error || d.RuleId == "ZipCaseCollision").ToArray();
        if (hazards.Length > 0)
        {
            throw new SpsPluginException(SpsPluginErrorId.ExpandRefused,
                $"'{zip}' is not extracted: {hazards[0].RuleId}: {hazards[0].Message}{(hazards.Length > 1 ? $" (and {hazards.Length - 1} more)" : string.Empty)}",
                zip, hazards);
        }
        var bundle = SpsPluginBundle.Open(zip);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        var tempRoot = temp + Path.DirectorySeparatorChar;
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var entry in bundle.Entries)
            {
                var path = Path.GetFullPath(Path.Combine(temp, entry.Path.TrimEnd('/')));
                // Defence in depth: the hazard rules already refused names that could leave the folder.
                if (!path.StartsWith(tempRoot, StringComparison.Ordinal))
                {
                    throw new SpsPluginException(SpsPluginErrorId.ExpandRefused, $"'{entry.Path}' would be written outside the destination.", zip);
                }
                if (entry.IsDirectory)
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bundle.ReadEntry(entry.Path, Validation.Rules.SizeRule.Mebibytes20));
            }
            if (!Directory.Exists(target))
            {
                Directory.Move(temp, target);
            }
            else
            {
                MergeInto(temp, target);
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
        return new DirectoryInfo(target);
    }

    private static void MergeInto(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, file.Substring(source.Length + 1));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (File.Exists(destination))
            {
                File.Replace(file, destination, null);
            }
            else
            {
                File.Move(file, destination);
            }
        }
    }
}
