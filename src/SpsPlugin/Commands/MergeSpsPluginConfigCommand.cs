using System.Collections.Generic;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Merges overlay configurations onto a base (later overlays win) through Set's code path: the base
/// keeps its comments and order, a commented template option is enabled in place; new sections are
/// added at the end. New names that look like typos of the base's warn (refused under -Strict).
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

    /// <summary>Stop (with ConfigNameSuspicious) when an overlay adds a section or option that looks like a typo of one in the base, instead of warning.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

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
                foreach (var suspicion in merged.MergeSuspicions(overlay))
                {
                    if (Strict)
                    {
                        throw new SpsPluginException(SpsPluginErrorId.ConfigNameSuspicious,
                            $"Overlay {overlay}: {suspicion.Message} Nothing was merged (-Strict). Fix: {suspicion.SuggestedFix}.", overlay.Path);
                    }
                    WriteWarning($"Overlay {overlay}: {suspicion.Message} Fix: {suspicion.SuggestedFix}.");
                }
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
