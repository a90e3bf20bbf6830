using System.Management.Automation;

namespace SpsPlugin;

/// <summary>
/// The base of the cmdlets that call an appliance: <c>-Session</c> (by property name, so installed
/// plugins and transactions piped in bring their own session), else the default session.
/// </summary>
public abstract class ApplianceCmdletBase : SpsPluginCmdletBase
{
    /// <summary>The appliance session to use; the default one (the last Connect-SpsPluginAppliance) when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public SpsApplianceSession? Session { get; set; }

    /// <summary>The session given or the default one; stops the command with NoApplianceSession when there is none or it was disconnected.</summary>
    protected SpsApplianceSession ResolveSession() => ResolveSessions(Session == null ? null : new[] { Session })[0];
}
