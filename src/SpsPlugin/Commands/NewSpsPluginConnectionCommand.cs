using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Describes a connection once (protocol, login name, gateway user, target…) as a
/// SpsPluginConnection that pipes into Invoke-SpsPluginHook, Invoke-SpsPluginSimulation and
/// Invoke-SpsPluginScenario, so all three pass the plugins the same arguments.
/// </summary>
[Cmdlet(VerbsCommon.New, "SpsPluginConnection")]
[OutputType(typeof(SpsPluginConnection))]
public sealed class NewSpsPluginConnectionCommand : SpsPluginCmdletBase, IDynamicParameters
{
    private readonly ConnectionParameters _connectionParameters = new();

    /// <summary>A connection to start from (left unchanged); by default the SDK's run-scenario defaults for -Protocol.</summary>
    [Parameter(ValueFromPipeline = true)]
    public SpsPluginConnection? Connection { get; set; }

    /// <inheritdoc />
    public object GetDynamicParameters() => _connectionParameters;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(_connectionParameters.ToSettings().ApplyTo(Connection));
        }
        catch (SpsPluginException failure)
        {
            WriteFailure(failure);
        }
    }
}
