using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The one table of the hooks SPS calls, per plugin type, with their requirement and documented
/// argument names (reference §3.1–§3.2 for AA plugins, §4.1–§4.4 for credential stores). Everything
/// else in SpsPlugin (simulator, validator, completer, the Python checks) refers to it. The newer
/// credential-store hooks (§4.5: RemoteApp credentials, TOTP codes) are left out: their raw SPS
/// names are not documented.
/// </summary>
public static class SpsHooks
{
    /// <summary>The arguments every hook gets: the session id and the two cookies (reference §2, §3.2, §4.4).</summary>
    public static readonly IReadOnlyList<string> CommonArgumentNames = new[] { "session_id", "cookie", "session_cookie" };

    /// <summary>AA: authenticates the user; may ask questions (NEEDINFO). Must be implemented (reference §3.1, §3.2).</summary>
    public static readonly SpsHook Authenticate = new("authenticate", SpsPluginType.Aa, SpsHookRequirement.Required, "§3.1, §3.2",
        new[]
        {
            "cookie", "session_cookie", "session_id", "protocol", "connection_name", "client_ip", "client_port",
            "client_hostname", "gateway_user", "gateway_domain", "server_username", "server_domain", "key_value_pairs",
        },
        new[] { "target_username", "target_domain" });

    /// <summary>AA: authorizes the connection once the target is known (reference §3.1, §3.2).</summary>
    public static readonly SpsHook Authorize = new("authorize", SpsPluginType.Aa, SpsHookRequirement.Optional, "§3.1, §3.2",
        new[]
        {
            "cookie", "session_cookie", "session_id", "protocol", "connection_name", "client_ip", "client_port", "client_hostname",
            "gateway_user", "gateway_domain", "gateway_groups", "server_ip", "server_port", "server_hostname",
            "server_username", "server_domain", "key_value_pairs",
        },
        // §3.2 names the aliases SDK 1.5 replaced; which hook received which is inferred from the server_* names it has.
        new[] { "target_username", "target_domain", "target_host", "target_port", "target_server" });

    /// <summary>AA: the session ended; only session_id is meaningful (reference §3.1, §3.2).</summary>
    public static readonly SpsHook AaSessionEnded = new("session_ended", SpsPluginType.Aa, SpsHookRequirement.Optional, "§3.1, §3.2",
        CommonArgumentNames, Array.Empty<string>());

    /// <summary>Credential store: the passwords for the target (reference §4.1, §4.2).</summary>
    public static readonly SpsHook GetPasswordList = new("get_password_list", SpsPluginType.CredentialStore, SpsHookRequirement.OneOfAlternatives, "§4.1, §4.2",
        CredentialArguments(), CredentialDeprecatedArguments());

    /// <summary>Credential store: the private keys for the target (reference §4.1, §4.2).</summary>
    public static readonly SpsHook GetPrivateKeyList = new("get_private_key_list", SpsPluginType.CredentialStore, SpsHookRequirement.OneOfAlternatives, "§4.1, §4.2",
        CredentialArguments(), CredentialDeprecatedArguments());

    /// <summary>Credential store: the login to the target succeeded (check the password back in) (reference §4.4).</summary>
    public static readonly SpsHook AuthenticationCompleted = new("authentication_completed", SpsPluginType.CredentialStore, SpsHookRequirement.Optional, "§4.4",
        CommonArgumentNames, Array.Empty<string>());

    /// <summary>Credential store: the session ended; documented as "must be implemented" (reference §4.4).</summary>
    public static readonly SpsHook CredentialStoreSessionEnded = new("session_ended", SpsPluginType.CredentialStore, SpsHookRequirement.Required, "§4.4",
        CommonArgumentNames, Array.Empty<string>());

    /// <summary>Every hook of every type, AA first, each type's in the order SPS calls them.</summary>
    public static IReadOnlyList<SpsHook> All { get; } = new[]
    {
        Authenticate, Authorize, AaSessionEnded, GetPasswordList, GetPrivateKeyList, AuthenticationCompleted, CredentialStoreSessionEnded,
    };

    /// <summary>Every hook name once, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(h => h.Name).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The hooks SPS calls on a plugin of <paramref name="pluginType"/> (a MANIFEST type value); empty for a type without documented hooks or an unknown one.</summary>
    public static IReadOnlyList<SpsHook> For(string? pluginType) => All.Where(h => h.PluginType.Name == pluginType).ToArray();

    /// <summary>The hook <paramref name="name"/> of <paramref name="pluginType"/>, or null when SPS calls no such hook on that type.</summary>
    public static SpsHook? Find(string? pluginType, string? name) => All.FirstOrDefault(h => h.PluginType.Name == pluginType && h.Name == name);

    /// <summary>True when SPS calls a hook of that name on some plugin type.</summary>
    public static bool IsKnown(string? name) => Names.Contains(name, StringComparer.Ordinal);

    private static string[] CredentialArguments() => new[]
    {
        "session_id", "cookie", "session_cookie", "protocol", "client_hostname", "client_ip", "gateway_username", "gateway_password",
        "gateway_groups", "gateway_domain", "server_username", "server_ip", "server_hostname", "server_port", "server_domain",
    };

    private static string[] CredentialDeprecatedArguments() => new[] { "target_username", "target_host", "target_port", "target_domain" };
}
