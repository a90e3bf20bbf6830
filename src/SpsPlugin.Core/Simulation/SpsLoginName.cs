using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// What SPS takes from the login name a user types: key/value pairs for AA plugins, the gateway user
/// (the pair <c>gu</c>), the domain (RDP) and the server username. Reference §3.5:
/// <list type="bullet">
/// <item>SSH and Telnet: pairs before the username, each ending in '@': <c>otp=123456@gu=alice@root</c>.</item>
/// <item>RDP: the domain first with a backslash, then '%'-separated fields, the last the username; '~'
/// stands for '=' and '^' for ':': <c>DOMAIN\otp~123456%Administrator</c>.</item>
/// </list>
/// </summary>
public sealed class SpsLoginName
{
    private SpsLoginName(string serverUsername, string? domain, IReadOnlyDictionary<string, string> keyValuePairs)
    {
        ServerUsername = serverUsername;
        Domain = domain;
        KeyValuePairs = keyValuePairs;
    }

    /// <summary>The username on the target server.</summary>
    public string ServerUsername { get; }

    /// <summary>The domain (RDP: the part before the backslash); null when none.</summary>
    public string? Domain { get; }

    /// <summary>The key/value pairs, as the plugin gets them in key_value_pairs.</summary>
    public IReadOnlyDictionary<string, string> KeyValuePairs { get; }

    /// <summary>The gateway user the pairs set (<c>gu</c>), or null.</summary>
    public string? GatewayUser => KeyValuePairs.TryGetValue("gu", out var user) ? user : null;

    /// <summary>Parses <paramref name="loginName"/> as SPS reads it for <paramref name="protocol"/>.</summary>
    /// <exception cref="SpsPluginException">LoginNameInvalid, naming the part and the syntax expected.</exception>
    public static SpsLoginName Parse(string protocol, string loginName)
    {
        return string.Equals(protocol, "rdp", StringComparison.OrdinalIgnoreCase) ? ParseRdp(loginName) : ParseAtSeparated(protocol, loginName);
    }

    private static SpsLoginName ParseAtSeparated(string protocol, string loginName)
    {
        var parts = loginName.Split('@');
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var equals = parts[i].IndexOf('=');
            if (equals <= 0)
            {
                throw Invalid(loginName, parts[i], $"In a {protocol} login name every part before the username is key=value, followed by '@' (for example otp=123456@root).");
            }
            pairs[parts[i].Substring(0, equals)] = parts[i].Substring(equals + 1);
        }
        var user = parts[parts.Length - 1];
        if (user.Length == 0)
        {
            throw Invalid(loginName, user, "The login name ends with '@': the username is missing.");
        }
        return new SpsLoginName(user, null, pairs);
    }

    private static SpsLoginName ParseRdp(string loginName)
    {
        string? domain = null;
        var rest = loginName;
        var slash = loginName.IndexOf('\\');
        if (slash >= 0)
        {
            domain = loginName.Substring(0, slash);
            rest = loginName.Substring(slash + 1);
        }
        var fields = rest.Split('%');
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length - 1; i++)
        {
            // RDP clients reject '=' and ':' in user names, so SPS reads '~' as '=' and '^' as ':'.
            var field = fields[i].Replace('^', ':');
            var tilde = field.IndexOf('~');
            if (tilde <= 0)
            {
                throw Invalid(loginName, fields[i], "In an RDP login name every field before the username is key~value, followed by '%' (for example DOMAIN\\otp~123456%Administrator).");
            }
            pairs[field.Substring(0, tilde)] = field.Substring(tilde + 1);
        }
        var user = fields[fields.Length - 1].Replace('^', ':');
        if (user.Length == 0)
        {
            throw Invalid(loginName, user, "The login name ends with '%': the username is missing.");
        }
        return new SpsLoginName(user, domain, pairs);
    }

    private static SpsPluginException Invalid(string loginName, string part, string rule) =>
        new(SpsPluginErrorId.LoginNameInvalid, $"The login name '{loginName}' cannot be read at '{part}'. {rule}");
}
