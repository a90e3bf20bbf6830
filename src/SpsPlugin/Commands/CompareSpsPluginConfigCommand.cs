using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Compares two policy configurations option by option (Added, Removed, Changed), masking the
/// values of secret options unless -ShowSecrets.
/// </summary>
[Cmdlet(VerbsData.Compare, "SpsPluginConfig")]
[OutputType(typeof(SpsPluginConfigDifference))]
public sealed class CompareSpsPluginConfigCommand : SpsPluginCmdletBase
{
    private SpsPluginConfig? _reference;

    /// <summary>The configuration to compare against (object or path).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object? ReferenceObject { get; set; }

    /// <summary>The configuration that is compared (object or path); takes pipeline input.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? DifferenceObject { get; set; }

    /// <summary>Also output options that are equal in both.</summary>
    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    /// <summary>Show secret values instead of ********.</summary>
    [Parameter]
    public SwitchParameter ShowSecrets { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => _reference = ResolveConfigOrStop(ReferenceObject, nameof(ReferenceObject));

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            var difference = ResolveConfig(DifferenceObject, nameof(DifferenceObject));
            WriteObject(SpsPluginConfigDifference.Compare(_reference!, difference, IncludeEqual, ShowSecrets), enumerateCollection: true);
        }
        catch (SpsPluginException failure)
        {
            WriteFailure(failure);
        }
    }
}
