using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using SpsPlugin.IO;
using SpsPlugin.Packing;

namespace SpsPlugin;

/// <summary>How <see cref="SpsPluginPacker"/> packs a plugin folder.</summary>
public sealed class SpsPluginPackOptions
{
    /// <summary>The zip to write, or a folder for <c>&lt;name&gt;-&lt;version&gt;.zip</c>; null means <c>&lt;folder&gt;/dist/</c>.</summary>
    public string? DestinationPath { get; set; }

    /// <summary>More patterns to leave out (gitignore syntax).</summary>
    public IReadOnlyList<string> Exclude { get; set; } = Array.Empty<string>();

    /// <summary>Patterns to force back in, even when excluded.</summary>
    public IReadOnlyList<string> Include { get; set; } = Array.Empty<string>();

    /// <summary>Write this version into the packed MANIFEST (the source is not changed).</summary>
    public string? Version { get; set; }

    /// <summary>Append <c>-YYYYMMDDTHHMMSS</c> to the version, as <c>pluginv dist</c> does.</summary>
    public bool Snapshot { get; set; }

    /// <summary>The time of every entry and of a snapshot suffix; null means 1980-01-01 (entries) and now (snapshot).</summary>
    public DateTime? SourceDate { get; set; }

    /// <summary>Replace an existing zip.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Pack even when validation finds errors.</summary>
    public bool SkipValidation { get; set; }

    /// <summary>
    /// Store every entry uncompressed. The zip is then the same bytes on every runtime: deflate output
    /// differs between .NET Framework, .NET 8 and .NET 9+ (different zlib builds), stored bytes do not.
    /// </summary>
    public bool NoCompression { get; set; }

    /// <summary>How the folder is validated first.</summary>
    public SpsPluginValidationOptions Validation { get; set; } = new();
}

/// <summary>What a pack produced (or, for a plan, would produce).</summary>
public sealed class SpsPluginPackPlan
{
    internal SpsPluginPackPlan(string folder, string destination, IReadOnlyList<SpsPluginPackEntry> entries, SpsPluginManifest manifest,
        IReadOnlyList<SpsPluginDiagnostic> findings)
    {
        Folder = folder;
        Destination = destination;
        Entries = entries;
        Manifest = manifest;
        Findings = findings;
    }

    /// <summary>The plugin folder.</summary>
    public string Folder { get; }

    /// <summary>The zip that is (or would be) written.</summary>
    public string Destination { get; }

    /// <summary>The files, in zip order.</summary>
    public IReadOnlyList<SpsPluginPackEntry> Entries { get; }

    /// <summary>The MANIFEST as packed (with -Version or -Snapshot applied).</summary>
    public SpsPluginManifest Manifest { get; }

    /// <summary>What validation found (empty when skipped).</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Findings { get; }

    /// <summary>Total size of the files, in bytes.</summary>
    public long TotalSize => Entries.Sum(e => e.Size);
}

/// <summary>
/// Packs a plugin folder into the zip SPS takes: the file selection of <see cref="FileSelection"/>,
/// validation first, the MANIFEST version rewritten in the zip only, a reproducible zip written to a
/// temporary file and renamed into place, and SPS's size limit enforced.
/// </summary>
public static class SpsPluginPacker
{
    /// <summary>The default exclude list, in .spsignore (gitignore) syntax.</summary>
    public static IReadOnlyList<string> DefaultExcludes => FileSelection.DefaultExcludes;

    /// <summary>The reproducible-builds variable that fixes a build's time (https://reproducible-builds.org/specs/source-date-epoch/).</summary>
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <summary>The time <see cref="SourceDateEpochVariable"/> sets in this process's environment, for <see cref="SpsPluginPackOptions.SourceDate"/>.</summary>
    /// <exception cref="SpsPluginException">InvalidSourceDateEpoch.</exception>
    public static DateTime? SourceDateFromEnvironment() => SourceDateEpoch(Environment.GetEnvironmentVariable(SourceDateEpochVariable));

    /// <summary>
    /// A SOURCE_DATE_EPOCH value as a time: whole seconds since 1970-01-01 UTC, digits only, as the
    /// specification says; null when unset or empty. A value a zip cannot hold (after 2107) is refused
    /// rather than wrapped around.
    /// </summary>
    /// <exception cref="SpsPluginException">InvalidSourceDateEpoch.</exception>
    public static DateTime? SourceDateEpoch(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var last = (long)(DeterministicZipWriter.LastTime - epoch).TotalSeconds;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > last)
        {
            throw new SpsPluginException(SpsPluginErrorId.InvalidSourceDateEpoch,
                $"{SourceDateEpochVariable} is '{value}'; it must be whole seconds since 1970-01-01 UTC, at most {last} (the last time a zip can hold, in 2107).");
        }
        return epoch.AddSeconds(seconds);
    }

    /// <summary>Selects the files, reads and edits the MANIFEST, validates, and works out the destination; writes nothing.</summary>
    /// <exception cref="SpsPluginException">PathNotFound, ManifestNotFound, PackLinkRefused, PackValidationFailed.</exception>
    public static SpsPluginPackPlan Plan(string folder, SpsPluginPackOptions options)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"'{root}' is not a folder; Compress-SpsPluginBundle packs a plugin source folder.", root);
        }
        var bundle = SpsPluginBundle.Open(root);
        var manifest = bundle.Manifest ?? throw bundle.MissingManifestError();
        if (!manifest.IsReadable)
        {
            throw new SpsPluginException(SpsPluginErrorId.PackValidationFailed,
                $"'{root}' cannot be packed: its MANIFEST cannot be read ({manifest.Diagnostics[0].Message}).", root, manifest.Diagnostics);
        }
        var findings = options.SkipValidation
            ? Array.Empty<SpsPluginDiagnostic>()
            : SpsPluginValidator.Validate(root, WithoutFolderWideRules(options.Validation)).Diagnostics;
        var errors = findings.Where(f => f.Severity == Severity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new SpsPluginException(SpsPluginErrorId.PackValidationFailed,
                $"'{root}' has {errors.Length} validation error(s), so it is not packed: {errors[0].Message}{(errors.Length > 1 ? " …" : string.Empty)} Fix them, or use -SkipValidation.",
                root, errors);
        }
        var packed = EditVersion(manifest, options);
        var entries = FileSelection.Select(root, options.Exclude, options.Include);
        return new SpsPluginPackPlan(root, Destination(root, packed, options.DestinationPath), entries, packed, findings);
    }

    /// <summary>Writes the planned zip (temp file, then rename) and returns it opened.</summary>
    /// <exception cref="SpsPluginException">FileExists without overwrite; PackTooLarge.</exception>
    public static SpsPluginBundle Write(SpsPluginPackPlan plan, SpsPluginPackOptions options, Action<int>? progress = null)
    {
        if (File.Exists(plan.Destination) && !options.Overwrite)
        {
            throw new SpsPluginException(SpsPluginErrorId.FileExists, $"'{plan.Destination}' already exists; use -Force to replace it.", plan.Destination);
        }
        if (plan.TotalSize > PluginSizeLimit.Mebibytes20)
        {
            throw TooLarge(plan.Destination, "unpacked", plan.TotalSize);
        }
        var manifestBytes = plan.Manifest.ToBytes();
        AtomicFile.Write(plan.Destination, output =>
        {
            DeterministicZipWriter.Write(output, plan.Entries,
                entry => entry.Path == "MANIFEST" ? manifestBytes : ReadSource(entry),
                options.SourceDate ?? new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc), progress,
                options.NoCompression ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            if (output.Length > PluginSizeLimit.Mebibytes20)
            {
                throw TooLarge(plan.Destination, "as a zip", output.Length);
            }
        }, overwrite: true);
        return SpsPluginBundle.Open(plan.Destination);
    }

    /// <summary>A selected file's bytes; its type is checked again right before the open (it may have been swapped for a FIFO since the plan).</summary>
    private static byte[] ReadSource(SpsPluginPackEntry entry)
    {
        SpecialFiles.RequireNotSpecial(entry.SourcePath, entry.Path);
        try
        {
            return File.ReadAllBytes(entry.SourcePath);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{entry.Path}' to pack it: {error.Message}", entry.SourcePath, innerException: error);
        }
    }

    // The folder holds more than is packed (.venv, dist/, caches): size and junk are judged on the
    // selection instead, by Write, so those rules would only report what packing leaves out anyway;
    // a special file is refused by name by FileSelection unless it is excluded.
    private static SpsPluginValidationOptions WithoutFolderWideRules(SpsPluginValidationOptions options) => new()
    {
        TargetRelease = options.TargetRelease,
        UsePython = options.UsePython,
        PythonPath = options.PythonPath,
        PythonTimeout = options.PythonTimeout,
        MinimumSeverity = options.MinimumSeverity,
        IncludeRules = options.IncludeRules,
        ExcludeRules = options.ExcludeRules.Concat(new[] { "StructureSize", "StructureSizeNearLimit", "StructureJunk", "StructureSpecialFile" }).ToArray(),
    };

    private static SpsPluginManifest EditVersion(SpsPluginManifest manifest, SpsPluginPackOptions options)
    {
        if (options.Version == null && !options.Snapshot)
        {
            return manifest;
        }
        var version = options.Version ?? manifest.Version ?? "0";
        if (options.Snapshot)
        {
            // pluginv dist's make_snapshot_version: -%Y%m%dT%H%M%S.
            version += "-" + (options.SourceDate ?? DateTime.UtcNow).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        }
        return manifest.SetValue("version", version);
    }

    private static string Destination(string root, SpsPluginManifest manifest, string? destination)
    {
        var fileName = $"{manifest.Name ?? Path.GetFileName(root)}-{manifest.Version ?? "0"}.zip";
        if (destination == null)
        {
            return Path.Combine(root, "dist", fileName);
        }
        var full = Path.GetFullPath(destination);
        return Directory.Exists(full) || destination.EndsWith("/", StringComparison.Ordinal) || destination.EndsWith("\\", StringComparison.Ordinal)
            ? Path.Combine(full, fileName)
            : full;
    }

    private static SpsPluginException TooLarge(string destination, string how, long size) =>
        new(SpsPluginErrorId.PackTooLarge,
            $"'{destination}' would be {size:N0} bytes {how}, over SPS's 20 MB limit ({PluginSizeLimit.Mebibytes20:N0} bytes); nothing was written. Leave out what the plugin does not need (.spsignore, -Exclude).",
            destination);
}
