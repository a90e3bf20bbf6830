using System.IO;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Extracts a plugin zip safely: hostile or damaged zips are refused with the hazard named, and
/// nothing is ever written outside the destination, which appears only once complete.
/// </summary>
[Cmdlet(VerbsData.Expand, "SpsPluginBundle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(DirectoryInfo))]
public sealed class ExpandSpsPluginBundleCommand : PathCmdletBase
{
    /// <summary>The folder to extract into; created, or merged into with -Force.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? DestinationPath { get; set; }

    /// <summary>Merge into an existing folder, replacing files of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was extracted";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var destination = ResolveFileSystemPath(DestinationPath!, nameof(DestinationPath));
        if (!ShouldProcess(destination, $"Extract '{path}'"))
        {
            return;
        }
        try
        {
            WriteFileSystemItem(SpsPluginExtractor.Extract(path, destination, Force).FullName);
        }
        catch (SpsPluginException failure) when (failure.ErrorId == SpsPluginErrorId.ExpandRefused)
        {
            // One record naming the first hazard, so that scripts can tell a zip slip from a bomb (the
            // refusal is its InnerException). WriteFailure would only warn about the case collisions
            // that refuse extraction while being warnings for SPS.
            WriteError(ErrorRecords.FromFirstFinding(failure));
        }
    }
}
