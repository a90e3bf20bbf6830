using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The connection a simulation plays, with the SDK's run-scenario defaults (reference §6.12).</summary>
public sealed class SpsPluginConnection
{
    // Made by For, New-SpsPluginConnection or SpsPluginConnectionSettings.ApplyTo: not public, so PowerShell
    // never builds one by setting properties from a pipeline record (a Protocol set that way keeps port 22 for RDP).
    internal SpsPluginConnection()
    {
    }

    /// <summary>ssh, rdp, telnet, vnc, http or ica.</summary>
    public string Protocol { get; set; } = "ssh";

    /// <summary>The session id; by default "&lt;protocol&gt;-example-1".</summary>
    public string? SessionId { get; set; }

    /// <summary>The connection policy's name.</summary>
    public string ConnectionName { get; set; } = "example";

    /// <summary>The client's address.</summary>
    public string ClientIp { get; set; } = "1.2.3.4";

    /// <summary>The client's port.</summary>
    public int ClientPort { get; set; } = 12341;

    /// <summary>The client's host name (None when DNS fails on SPS).</summary>
    public string? ClientHostname { get; set; } = "theclient.foo.bar";

    /// <summary>The target's address.</summary>
    public string ServerIp { get; set; } = "5.6.7.8";

    /// <summary>The target's port.</summary>
    public int ServerPort { get; set; } = 22;

    /// <summary>The target's host name.</summary>
    public string? ServerHostname { get; set; } = "theserver.foo.bar";

    /// <summary>The username on the target.</summary>
    public string ServerUsername { get; set; } = "targetuser";

    /// <summary>The target's domain.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>The gateway user from an earlier gateway authentication; null when there was none.</summary>
    public string? GatewayUser { get; set; }

    /// <summary>The gateway user's domain.</summary>
    public string? GatewayDomain { get; set; }

    /// <summary>The gateway user's groups.</summary>
    public IReadOnlyList<string> GatewayGroups { get; set; } = Array.Empty<string>();

    /// <summary>The gateway password a credential store may use (gateway_password); a secret.</summary>
    public string? GatewayPassword { get; set; }

    /// <summary>Key/value pairs from the login name.</summary>
    public IDictionary<string, string> KeyValuePairs { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The protocols SPS names in its hook arguments, lower case.</summary>
    public static IReadOnlyList<string> Protocols { get; } = new[] { "ssh", "rdp", "telnet", "vnc", "http", "ica" };

    /// <summary>
    /// A connection over <paramref name="protocol"/> (any case; SPS passes it lower case) with the
    /// run-scenario defaults, except RDP's server port: 3389, where RDP servers listen, rather than the
    /// 22 run-scenario uses for every protocol.
    /// </summary>
    public static SpsPluginConnection For(string protocol)
    {
        var name = protocol.ToLowerInvariant();
        return new SpsPluginConnection { Protocol = name, ServerPort = DefaultPort(name) };
    }

    /// <summary>
    /// Switches to <paramref name="protocol"/>; a server port that was the old protocol's default
    /// becomes the new one's, a port someone chose stays.
    /// </summary>
    public void ChangeProtocol(string protocol)
    {
        var name = protocol.ToLowerInvariant();
        if (ServerPort == DefaultPort(Protocol))
        {
            ServerPort = DefaultPort(name);
        }
        Protocol = name;
    }

    /// <summary>A copy to change without changing this one (a connection piped in is shared by every record).</summary>
    public SpsPluginConnection Copy()
    {
        var copy = (SpsPluginConnection)MemberwiseClone();
        copy.GatewayGroups = GatewayGroups.ToArray();
        copy.KeyValuePairs = new Dictionary<string, string>(KeyValuePairs, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>Shows the protocol, the user and the target, never the gateway password.</summary>
    public override string ToString() => $"{Protocol} {ServerUsername}@{ServerIp}:{ServerPort}";

    private static int DefaultPort(string protocol) => string.Equals(protocol, "rdp", StringComparison.OrdinalIgnoreCase) ? 3389 : 22;

    /// <summary>Applies a login name in SPS's syntax for the protocol: pairs, gateway user (gu), domain, server username.</summary>
    public void ApplyLoginName(string loginName)
    {
        var parsed = SpsLoginName.Parse(Protocol, loginName);
        ServerUsername = parsed.ServerUsername;
        ServerDomain = parsed.Domain ?? ServerDomain;
        foreach (var pair in parsed.KeyValuePairs)
        {
            KeyValuePairs[pair.Key] = pair.Value;
        }
        GatewayUser = parsed.GatewayUser ?? GatewayUser;
    }
}
