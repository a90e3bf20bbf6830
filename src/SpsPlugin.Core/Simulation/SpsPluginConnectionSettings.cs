using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// The connection as a user describes it: the same names are New-SpsPluginConnection's and the
/// simulation cmdlets' parameters and a scenario file's keys, so there is one mapping from what the
/// user wrote to the <see cref="SpsPluginConnection"/> every hook's arguments come from. A null
/// setting keeps the value of the connection it is applied over.
/// </summary>
public sealed class SpsPluginConnectionSettings
{
    /// <summary>The setting names, as parameters and scenario keys spell them.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[]
    {
        nameof(Protocol), nameof(LoginName), nameof(GatewayUser), nameof(GatewayGroups), nameof(GatewayPassword),
        nameof(ServerUsername), nameof(ClientIp), nameof(ServerIp), nameof(ServerPort), nameof(SessionId),
    };

    /// <summary>ssh, rdp, telnet, vnc, http or ica (any case).</summary>
    public string? Protocol { get; set; }

    /// <summary>The login name in SPS's syntax for the protocol; its pairs, gateway user, domain and username.</summary>
    public string? LoginName { get; set; }

    /// <summary>The gateway user from an earlier gateway authentication.</summary>
    public string? GatewayUser { get; set; }

    /// <summary>The gateway user's groups.</summary>
    public IReadOnlyList<string>? GatewayGroups { get; set; }

    /// <summary>The gateway password a credential store may use; a secret.</summary>
    public string? GatewayPassword { get; set; }

    /// <summary>The username on the target server (wins over the login name's).</summary>
    public string? ServerUsername { get; set; }

    /// <summary>The client's address.</summary>
    public string? ClientIp { get; set; }

    /// <summary>The target's address.</summary>
    public string? ServerIp { get; set; }

    /// <summary>The target's port.</summary>
    public int? ServerPort { get; set; }

    /// <summary>The session id.</summary>
    public string? SessionId { get; set; }

    /// <summary>
    /// A new connection: <paramref name="connection"/> (left unchanged; by default the run-scenario
    /// defaults for <see cref="Protocol"/>) with these settings over it. The login name is applied
    /// before the explicit settings, so -ServerUsername and -GatewayUser win over its parts.
    /// </summary>
    /// <exception cref="SpsPluginException">LoginNameInvalid.</exception>
    public SpsPluginConnection ApplyTo(SpsPluginConnection? connection)
    {
        var result = connection == null ? SpsPluginConnection.For(Protocol ?? "ssh") : connection.Copy();
        if (connection != null && Protocol != null)
        {
            result.ChangeProtocol(Protocol);
        }
        if (LoginName != null)
        {
            result.ApplyLoginName(LoginName);
        }
        result.GatewayUser = GatewayUser ?? result.GatewayUser;
        result.GatewayGroups = GatewayGroups ?? result.GatewayGroups;
        result.GatewayPassword = GatewayPassword ?? result.GatewayPassword;
        result.ServerUsername = ServerUsername ?? result.ServerUsername;
        result.ClientIp = ClientIp ?? result.ClientIp;
        result.ServerIp = ServerIp ?? result.ServerIp;
        result.ServerPort = ServerPort ?? result.ServerPort;
        result.SessionId = SessionId ?? result.SessionId;
        return result;
    }
}
