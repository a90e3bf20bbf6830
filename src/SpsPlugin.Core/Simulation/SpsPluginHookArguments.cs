using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The arguments SPS passes each hook, built from a connection: the names come from
/// <see cref="SpsHooks"/> (SDK 1.5+ names plus the deprecated target_* aliases older plugins read),
/// the values from here. A plugin receives those its hook declares.
/// </summary>
public static class SpsPluginHookArguments
{
    // The value of each argument name the table lists; a test checks every name has one.
    private static readonly Dictionary<string, Func<HookCall, object?>> Values = new(StringComparer.Ordinal)
    {
        ["session_id"] = c => SessionIdOf(c.Connection),
        ["cookie"] = c => c.Cookie,
        ["session_cookie"] = c => c.SessionCookie,
        ["protocol"] = c => c.Connection.Protocol.ToLowerInvariant(),
        ["connection_name"] = c => c.Connection.ConnectionName,
        ["client_ip"] = c => c.Connection.ClientIp,
        ["client_port"] = c => c.Connection.ClientPort,
        ["client_hostname"] = c => c.Connection.ClientHostname,
        // AA hooks call the gateway user gateway_user, credential stores gateway_username (reference §4.2).
        ["gateway_user"] = c => c.GatewayUser,
        ["gateway_username"] = c => c.GatewayUser,
        ["gateway_password"] = c => c.Connection.GatewayPassword ?? string.Empty,
        ["gateway_domain"] = c => c.Connection.GatewayDomain,
        ["gateway_groups"] = c => c.GatewayGroups.ToArray(),
        ["server_ip"] = c => c.Connection.ServerIp,
        ["server_port"] = c => c.Connection.ServerPort,
        ["server_hostname"] = c => c.Connection.ServerHostname,
        ["server_username"] = c => c.Connection.ServerUsername,
        ["server_domain"] = c => c.Connection.ServerDomain,
        ["key_value_pairs"] = c => new Dictionary<string, object?>(c.KeyValuePairs, StringComparer.Ordinal),
        ["target_username"] = c => c.Connection.ServerUsername,
        ["target_domain"] = c => c.Connection.ServerDomain,
        ["target_host"] = c => c.Connection.ServerIp,
        ["target_port"] = c => c.Connection.ServerPort,
        ["target_server"] = c => c.Connection.ServerHostname,
    };

    /// <summary>The full argument set for <paramref name="hook"/> on <paramref name="connection"/>, with empty cookies; a hook SPS does not document gets session_id and the cookies.</summary>
    public static Dictionary<string, object?> For(string hook, SpsPluginConnection connection)
    {
        var call = new HookCall(connection, connection.GatewayUser, connection.GatewayGroups,
            connection.KeyValuePairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal), new(), new());
        // session_ended has the same arguments on both plugin types, so the first entry of the name will do.
        var known = SpsHooks.All.FirstOrDefault(h => h.Name == hook);
        return Build(known == null ? SpsHooks.CommonArgumentNames : known.ArgumentNames.Concat(known.DeprecatedArgumentNames), call);
    }

    internal static string SessionIdOf(SpsPluginConnection connection) => connection.SessionId ?? connection.Protocol.ToLowerInvariant() + "-example-1";

    /// <summary>The arguments of <paramref name="hook"/> for one call of a simulated connection.</summary>
    internal static Dictionary<string, object?> For(SpsHook hook, HookCall call) => Build(hook.ArgumentNames.Concat(hook.DeprecatedArgumentNames), call);

    private static Dictionary<string, object?> Build(IEnumerable<string> names, HookCall call) =>
        names.ToDictionary(name => name, name => Values[name](call), StringComparer.Ordinal);
}
