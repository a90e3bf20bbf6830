using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Removes installed plugins from appliances, each in a transaction it opens and commits, or in the
/// caller's open transaction with -NoCommit.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SpsPluginInstallation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveSpsPluginInstallationCommand : InstalledPluginCmdletBase
{
    /// <summary>Leave the removal pending in the session's transaction (opened by the first change when none is); commit it yourself.</summary>
    [Parameter]
    public SwitchParameter NoCommit { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var plugin in SelectPlugins())
        {
            if (!ShouldProcess($"{plugin.Type} plugin {plugin.Name ?? plugin.Key} {plugin.Version} (key {plugin.Key}) on {plugin.Appliance}", "Remove"))
            {
                continue;
            }
            try
            {
                var committed = plugin.Session.RunInTransaction(() => plugin.Session.RemovePlugin(plugin), commit: !NoCommit);
                if (committed)
                {
                    WriteVerbose($"{plugin.Appliance}: removed {plugin.Type}/{plugin.Name ?? plugin.Key} and committed the transaction.");
                }
                else if (NoCommit)
                {
                    WriteVerbose($"{plugin.Appliance}: removal of {plugin.Type}/{plugin.Name ?? plugin.Key} is pending in the open transaction; commit it with Complete-SpsPluginTransaction.");
                }
                else
                {
                    WriteWarning($"{plugin.Appliance}: a transaction of this session was already open, so the removal of {plugin.Type}/{plugin.Name ?? plugin.Key} joined it and is not committed: SpsPlugin never commits a transaction it did not open. Commit it (Complete-SpsPluginTransaction) or cancel it (Undo-SpsPluginTransaction).");
                }
            }
            catch (SpsPluginException failure)
            {
                WriteError(ErrorRecords.From(failure, plugin));
            }
        }
    }
}
