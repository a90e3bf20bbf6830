using System.Collections.Generic;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Merges overlay configurations onto a base (later overlays win): the base keeps its comments,
/// order and commented template options; new sections are added at the end.
/// </summary>
[Cmdlet(VerbsData.Merge, "SpsPluginConfig")]
[OutputType(typeof(SpsPluginConfig))]
public sealed class MergeSpsPluginConfigCommand : SpsPluginCmdletBase
{
    private readonly List<SpsPluginConfig> _overlays = new();

    /// <summary>The base configuration (object or path), e.g. the plugin's default.cfg or a common file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object? Base { get; set; }

    /// <summary>Overlays (objects or paths), applied in order; takes pipeline input.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object[]? Overlay { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // A base or overlay that cannot be read would make the merge silently wrong: stop.
        foreach (var overlay in Overlay!)
        {
            _overlays.Add(ResolveConfigOrStop(overlay, nameof(Overlay)));
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var merged = SpsPluginConfig.Parse(ResolveConfigOrStop(Base, nameof(Base)).Text);
        try
        {
            foreach (var overlay in _overlays)
            {
                merged = merged.Merge(overlay);
            }
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
        }
        WriteObject(merged);
    }
}
