using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Forgets an appliance session (SPS has no logout; the appliance ends it after its idle time).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "SpsPluginAppliance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectSpsPluginApplianceCommand : SpsPluginCmdletBase
{
    /// <summary>The sessions to disconnect; the default session when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public SpsApplianceSession[]? Session { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var sessions = Session ?? (ApplianceSessions.Default is { } current ? new[] { current } : null);
        if (sessions == null)
        {
            Stop(SpsPluginErrorId.NoApplianceSession, "There is no default appliance session to disconnect; pass -Session.");
            return;
        }
        foreach (var session in sessions)
        {
            if (ShouldProcess(session.ToString(), "Disconnect"))
            {
                ApplianceSessions.Forget(session);
                session.Disconnect();
                WriteVerbose($"{session.Appliance}: session of {session.UserName} forgotten; SPS has no logout, so the appliance ends it after its idle timeout.");
            }
        }
    }
}
