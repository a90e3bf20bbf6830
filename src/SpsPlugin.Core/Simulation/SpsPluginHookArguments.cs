using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The arguments SPS passes each hook (reference §3.2 and §4.2), built from a connection: SDK 1.5+
/// names plus the deprecated target_* aliases older plugins read. A plugin receives those its hook declares.
/// </summary>
public static class SpsPluginHookArguments
{
    private static readonly string[] StoreHooks = { "get_password_list", "get_private_key_list" };

    /// <summary>The full argument set for <paramref name="hook"/> on <paramref name="connection"/>, with empty cookies.</summary>
    public static Dictionary<string, object?> For(string hook, SpsPluginConnection connection)
    {
        var cookie = new Dictionary<string, object?>();
        var sessionCookie = new Dictionary<string, object?>();
        if (hook == "authenticate" || hook == "authorize")
        {
            var pairs = connection.KeyValuePairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
            return Aa(hook, connection, connection.GatewayUser, connection.GatewayGroups, pairs, cookie, sessionCookie);
        }
        return StoreHooks.Contains(hook)
            ? CredentialStore(connection, connection.GatewayUser, connection.GatewayGroups, cookie, sessionCookie)
            : Base(SessionIdOf(connection), cookie, sessionCookie);
    }

    internal static string SessionIdOf(SpsPluginConnection connection) => connection.SessionId ?? connection.Protocol.ToLowerInvariant() + "-example-1";

    internal static Dictionary<string, object?> Base(string sessionId, Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie) =>
        new(StringComparer.Ordinal)
        {
            ["session_id"] = sessionId,
            ["cookie"] = cookie,
            ["session_cookie"] = sessionCookie,
        };

    internal static Dictionary<string, object?> Aa(string hook, SpsPluginConnection connection, string? gatewayUser, IReadOnlyList<string> gatewayGroups,
        Dictionary<string, object?> pairs, Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie)
    {
        var arguments = Base(SessionIdOf(connection), cookie, sessionCookie);
        arguments["protocol"] = connection.Protocol.ToLowerInvariant();
        arguments["connection_name"] = connection.ConnectionName;
        arguments["client_ip"] = connection.ClientIp;
        arguments["client_port"] = connection.ClientPort;
        arguments["client_hostname"] = connection.ClientHostname;
        arguments["gateway_user"] = gatewayUser;
        arguments["gateway_domain"] = connection.GatewayDomain;
        arguments["server_username"] = connection.ServerUsername;
        arguments["server_domain"] = connection.ServerDomain;
        arguments["key_value_pairs"] = new Dictionary<string, object?>(pairs, StringComparer.Ordinal);
        // The names SDK 1.5 replaced; older plugins (and **kwargs ones) still read them.
        arguments["target_username"] = connection.ServerUsername;
        arguments["target_domain"] = connection.ServerDomain;
        if (hook == "authorize")
        {
            arguments["gateway_groups"] = gatewayGroups.ToArray();
            arguments["server_ip"] = connection.ServerIp;
            arguments["server_port"] = connection.ServerPort;
            arguments["server_hostname"] = connection.ServerHostname;
            arguments["target_host"] = connection.ServerIp;
            arguments["target_port"] = connection.ServerPort;
            arguments["target_server"] = connection.ServerHostname;
        }
        return arguments;
    }

    internal static Dictionary<string, object?> CredentialStore(SpsPluginConnection connection, string? gatewayUser, IReadOnlyList<string> gatewayGroups,
        Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie)
    {
        var arguments = Base(SessionIdOf(connection), cookie, sessionCookie);
        arguments["protocol"] = connection.Protocol.ToLowerInvariant();
        arguments["client_hostname"] = connection.ClientHostname;
        arguments["client_ip"] = connection.ClientIp;
        arguments["gateway_username"] = gatewayUser;
        arguments["gateway_password"] = connection.GatewayPassword ?? string.Empty;
        arguments["gateway_groups"] = gatewayGroups.ToArray();
        arguments["gateway_domain"] = connection.GatewayDomain;
        arguments["server_username"] = connection.ServerUsername;
        arguments["server_ip"] = connection.ServerIp;
        arguments["server_hostname"] = connection.ServerHostname;
        arguments["server_port"] = connection.ServerPort;
        arguments["server_domain"] = connection.ServerDomain;
        arguments["target_username"] = connection.ServerUsername;
        arguments["target_host"] = connection.ServerIp;
        arguments["target_port"] = connection.ServerPort;
        arguments["target_domain"] = connection.ServerDomain;
        return arguments;
    }
}
