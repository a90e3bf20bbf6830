using System;
using System.Collections;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Creates a policy configuration in memory: from a hashtable of values, or from a plugin's
/// default.cfg as a template (its comments and commented options kept), with values applied.
/// Save it with Save-SpsPluginConfig.
/// </summary>
[Cmdlet(VerbsCommon.New, "SpsPluginConfig", DefaultParameterSetName = ValuesSet)]
[OutputType(typeof(SpsPluginConfig))]
public sealed class NewSpsPluginConfigCommand : SpsPluginCmdletBase
{
    private const string ValuesSet = "Values";
    private const string TemplateSet = "Template";

    /// <summary>The values: @{ 'section.option' = 'value' } or @{ section = @{ option = 'value' } }.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ValuesSet)]
    [Parameter(Position = 1, ParameterSetName = TemplateSet)]
    public IDictionary? Value { get; set; }

    /// <summary>A plugin's default.cfg (or its plugin folder or zip) to start from.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TemplateSet)]
    [ValidateNotNullOrEmpty]
    public object? FromTemplate { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var config = ParameterSetName == TemplateSet
            ? SpsPluginConfig.Parse(ResolveConfigOrStop(FromTemplate, nameof(FromTemplate)).Text)
            : SpsPluginConfig.Parse(string.Empty);
        try
        {
            foreach (var item in ConfigValues.Flatten(Value ?? new Hashtable(), null))
            {
                config = config.Set(item.Key, item.Value.Key, ConfigValueText.ForOption(ConfigValues.ToPlain(item.Value.Value), item.Key, item.Value.Key, config));
            }
        }
        catch (ArgumentException error)
        {
            Stop(SpsPluginErrorId.InvalidConfigEdit, error.Message, Value);
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
        }
        WriteObject(config);
    }
}
