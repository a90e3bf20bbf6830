using System;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Packs plugin source folders into the zips SPS takes, reproducibly: sorted entries with '/' names,
/// one fixed time (SOURCE_DATE_EPOCH when set), normalised modes, content untouched (the same bytes on
/// one runtime; the same ContentDigest everywhere; the same bytes everywhere with -NoCompression). Validates first,
/// enforces the 20 MB limit, writes atomically, and never overwrites without -Force.
/// </summary>
[Cmdlet(VerbsData.Compress, "SpsPluginBundle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(SpsPluginBundle))]
[OutputType(typeof(SpsPluginPackEntry))]
public sealed class CompressSpsPluginBundleCommand : PathCmdletBase
{
    private const string Activity = "Packing plugin bundle";

    #region Parameters

    /// <summary>The zip to write, or a folder to write &lt;name&gt;-&lt;version&gt;.zip into.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? DestinationPath { get; set; }

    /// <summary>More files to leave out (gitignore patterns).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Exclude { get; set; }

    /// <summary>Files to pack even though excluded (gitignore patterns).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Include { get; set; }

    /// <summary>The version to write into the packed MANIFEST.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Version { get; set; }

    /// <summary>Append -YYYYMMDDTHHMMSS to the version, as pluginv dist does.</summary>
    [Parameter]
    public SwitchParameter Snapshot { get; set; }

    /// <summary>Replace an existing zip.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Pack even when validation finds errors.</summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>The SPS release to validate against.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>Store the entries uncompressed: the same zip bytes on every runtime.</summary>
    [Parameter]
    public SwitchParameter NoCompression { get; set; }

    /// <summary>Output the entries that would be packed, and write nothing.</summary>
    [Parameter]
    public SwitchParameter ListOnly { get; set; }

    #endregion

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was packed";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var options = Options();
        var plan = SpsPluginPacker.Plan(path, options);
        foreach (var finding in plan.Findings.Where(f => f.Severity == Severity.Warning))
        {
            WriteWarning(finding.ToString());
        }
        if (ListOnly)
        {
            WriteObject(plan.Entries, enumerateCollection: true);
            return;
        }
        var description = $"Pack {plan.Entries.Count} files ({plan.TotalSize:N0} bytes) of {plan.Manifest.Name} {plan.Manifest.Version}";
        if (!ShouldProcess(plan.Destination, description))
        {
            if (MyInvocation.BoundParameters.ContainsKey("WhatIf"))
            {
                foreach (var entry in plan.Entries)
                {
                    Host.UI.WriteLine($"  {entry.Path} ({entry.Size:N0} bytes)");
                }
            }
            return;
        }
        var bundle = SpsPluginPacker.Write(plan, options, written =>
        {
            if (plan.Entries.Count >= 100 && (written % 50 == 0 || written == plan.Entries.Count))
            {
                WriteProgress(new ProgressRecord(2, Activity, plan.Destination) { PercentComplete = written * 100 / plan.Entries.Count });
            }
        });
        WriteProgress(new ProgressRecord(2, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteObject(bundle);
    }

    /// <summary>SOURCE_DATE_EPOCH's time; a value that is not one stops the command before anything is packed.</summary>
    private DateTime? SourceDate()
    {
        try
        {
            return SpsPluginPacker.SourceDateFromEnvironment();
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
            throw;
        }
    }

    private SpsPluginPackOptions Options()
    {
        var release = ResolveRelease(TargetSpsVersion);
        return new SpsPluginPackOptions
        {
            DestinationPath = DestinationPath == null ? null : ResolveFileSystemPath(DestinationPath, nameof(DestinationPath)) +
                (DestinationPath.EndsWith("/", StringComparison.Ordinal) || DestinationPath.EndsWith("\\", StringComparison.Ordinal) ? "/" : string.Empty),
            Exclude = Exclude ?? Array.Empty<string>(),
            Include = Include ?? Array.Empty<string>(),
            Version = Version,
            Snapshot = Snapshot,
            SourceDate = SourceDate(),
            Overwrite = Force,
            SkipValidation = SkipValidation,
            NoCompression = NoCompression,
            Validation = new SpsPluginValidationOptions { TargetRelease = release },
        };
    }
}
