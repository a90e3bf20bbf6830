using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>What the arguments of one hook call are made of: the connection, the gateway identity so far, the login's and the answers' key/value pairs, and the cookies.</summary>
internal sealed class HookCall
{
    public HookCall(SpsPluginConnection connection, string? gatewayUser, IReadOnlyList<string> gatewayGroups, IDictionary<string, object?> keyValuePairs,
        Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie)
    {
        Connection = connection;
        GatewayUser = gatewayUser;
        GatewayGroups = gatewayGroups;
        KeyValuePairs = keyValuePairs;
        Cookie = cookie;
        SessionCookie = sessionCookie;
    }

    public SpsPluginConnection Connection { get; }

    public string? GatewayUser { get; }

    public IReadOnlyList<string> GatewayGroups { get; }

    public IDictionary<string, object?> KeyValuePairs { get; }

    public Dictionary<string, object?> Cookie { get; }

    public Dictionary<string, object?> SessionCookie { get; }
}
