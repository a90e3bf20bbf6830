using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Lists the options of policy configurations, filtered by section and name (wildcards), with
/// the commented template options of a default.cfg on request.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginConfigOption", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginConfigOption))]
public sealed class GetSpsPluginConfigOptionCommand : PathCmdletBase
{
    private const string InputObjectSet = "InputObject";

    /// <summary>A configuration from Get-SpsPluginConfig or New-SpsPluginConfig.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ConfigSnapshotTransformation]
    public SpsPluginConfig? InputObject { get; set; }

    /// <summary>Only options of sections whose names match (wildcards, case-insensitive).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigSectionCompleter))]
    public string[]? Section { get; set; }

    /// <summary>Only options whose names match (wildcards, case-insensitive).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigOptionCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Also list the commented template options (; name=value).</summary>
    [Parameter]
    public SwitchParameter IncludeCommented { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            Emit(InputObject!);
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    // Null: a Get-* cmdlet only reads, so like Get-Item it answers a pattern that matches nothing with nothing.
    protected override string? NothingDone => null;

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var config = SpsPluginBundle.OpenConfig(path);
        if (config.IsReadable)
        {
            Emit(config);
        }
        else
        {
            WriteDiagnosticErrors(config.Diagnostics);
        }
    }

    private void Emit(SpsPluginConfig config)
    {
        var sections = Patterns(Section);
        var names = Patterns(Name);
        foreach (var option in IncludeCommented ? config.AllOptions : config.Options)
        {
            if ((sections == null || sections.Any(p => p.IsMatch(option.Section))) && (names == null || names.Any(p => p.IsMatch(option.Name))))
            {
                if (option.InterpolationErrorId == SpsPluginConfigRules.InterpolationTooLarge)
                {
                    // Its InterpolatedValue cannot be had; an object without it would pass the problem on.
                    WriteError(ErrorRecords.From(new SpsPluginException(SpsPluginErrorId.ConfigInterpolationTooLarge,
                        $"[{option.Section}] {option.Name} (line {option.Line}): {option.InterpolationError}.", config.Path)));
                    continue;
                }
                WriteObject(option);
            }
        }
    }

    private static WildcardPattern[]? Patterns(string[]? texts) =>
        texts?.Select(t => new WildcardPattern(t, WildcardOptions.IgnoreCase)).ToArray();
}
