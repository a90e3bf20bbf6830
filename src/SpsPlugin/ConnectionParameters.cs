using System.Management.Automation;
using System.Security;

namespace SpsPlugin;

/// <summary>
/// The connection parameters of New-SpsPluginConnection, Invoke-SpsPluginHook and
/// Invoke-SpsPluginSimulation, declared once: each of those cmdlets offers this object as its
/// dynamic parameters, PowerShell's one way to share parameters between cmdlets that do not share a
/// base class. The names are <see cref="SpsPluginConnectionSettings"/>'s, which are also the keys of
/// a scenario file. None binds from the pipeline by property name: a piped SpsPluginConnection has
/// properties of these names, and binding them too would turn its values into explicit settings
/// (its ServerPort would pin the port a new -Protocol changes, its ServerUsername would beat -LoginName's).
/// </summary>
public sealed class ConnectionParameters
{
    /// <summary>The protocol: ssh, rdp, telnet, vnc, http or ica.</summary>
    [Parameter]
    [ValidateSet("ssh", "rdp", "telnet", "vnc", "http", "ica", IgnoreCase = true)]
    public string? Protocol { get; set; }

    /// <summary>The login name the user types, in SPS's syntax for the protocol (otp=123456@root; DOMAIN\otp~123456%Administrator).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LoginName { get; set; }

    /// <summary>The gateway user from an earlier gateway authentication.</summary>
    [Parameter]
    public string? GatewayUser { get; set; }

    /// <summary>The gateway user's groups.</summary>
    [Parameter]
    public string[]? GatewayGroups { get; set; }

    /// <summary>The gateway password a credential store may use; a secret.</summary>
    [Parameter]
    public SecureString? GatewayPassword { get; set; }

    /// <summary>The username on the target server.</summary>
    [Parameter]
    public string? ServerUsername { get; set; }

    /// <summary>The client's address.</summary>
    [Parameter]
    public string? ClientIp { get; set; }

    /// <summary>The target's address.</summary>
    [Parameter]
    public string? ServerIp { get; set; }

    /// <summary>The target's port.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? ServerPort { get; set; }

    /// <summary>The session id.</summary>
    [Parameter]
    public string? SessionId { get; set; }

    /// <summary>The parameters given, as the settings Core applies over a connection.</summary>
    public SpsPluginConnectionSettings ToSettings() => new()
    {
        Protocol = Protocol,
        LoginName = LoginName,
        GatewayUser = GatewayUser,
        GatewayGroups = GatewayGroups,
        GatewayPassword = GatewayPassword == null ? null : ConfigValues.ToText(GatewayPassword),
        ServerUsername = ServerUsername,
        ClientIp = ClientIp,
        ServerIp = ServerIp,
        ServerPort = ServerPort,
        SessionId = SessionId,
    };
}
