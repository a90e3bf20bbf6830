using System.Management.Automation;
using System.Security;

namespace SpsPlugin;

/// <summary>
/// The connection parameters of New-SpsPluginConnection, Invoke-SpsPluginHook and
/// Invoke-SpsPluginSimulation, declared once: each of those cmdlets offers this object as its
/// dynamic parameters, PowerShell's one way to share parameters between cmdlets that do not share a
/// base class. The names are <see cref="SpsPluginConnectionSettings"/>'s, which are also the keys of
/// a scenario file. Plain values also bind by property name, so rows of Import-Csv describe connections.
/// </summary>
public sealed class ConnectionParameters
{
    /// <summary>The protocol: ssh, rdp, telnet, vnc, http or ica.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("ssh", "rdp", "telnet", "vnc", "http", "ica", IgnoreCase = true)]
    public string? Protocol { get; set; }

    /// <summary>The login name the user types, in SPS's syntax for the protocol (otp=123456@root; DOMAIN\otp~123456%Administrator).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? LoginName { get; set; }

    /// <summary>The gateway user from an earlier gateway authentication.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? GatewayUser { get; set; }

    /// <summary>The gateway user's groups.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GatewayGroups { get; set; }

    /// <summary>The gateway password a credential store may use; never taken from a pipeline record's property (a secret does not travel in one).</summary>
    [Parameter]
    public SecureString? GatewayPassword { get; set; }

    /// <summary>The username on the target server.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ServerUsername { get; set; }

    /// <summary>The client's address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientIp { get; set; }

    /// <summary>The target's address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ServerIp { get; set; }

    /// <summary>The target's port.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int? ServerPort { get; set; }

    /// <summary>The session id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
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
