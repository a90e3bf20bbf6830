using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// A plugin type SPS knows: the MANIFEST's <c>type</c> value (reference §1.3, the SDK's
/// KNOWN_PLUGIN_TYPES), with the SDK base class that provides its hooks when there is one.
/// </summary>
public sealed class SpsPluginType
{
    /// <summary>Authentication and authorization plugins (reference §3; SDK base class §6.4).</summary>
    public static readonly SpsPluginType Aa = new("aa", "AAPlugin", "§3", "do_authenticate", "do_authorize", "do_session_ended");

    /// <summary>Credential store plugins (reference §4; SDK base class §6.6).</summary>
    public static readonly SpsPluginType CredentialStore = new("credentialstore", "CredentialStorePlugin", "§4");

    /// <summary>Signing CA plugins; their hook API is not documented (reference §5).</summary>
    public static readonly SpsPluginType SigningCa = new("signingca", null, "§5");

    /// <summary>Configuration synchronisation plugins; their hook API is not documented (reference §5).</summary>
    public static readonly SpsPluginType ConfigurationSync = new("configuration_sync", null, "§5");

    private SpsPluginType(string name, string? sdkBaseClass, string source, params string[] sdkUserHooks)
    {
        Name = name;
        SdkBaseClass = sdkBaseClass;
        Source = source;
        SdkUserHooks = sdkUserHooks;
    }

    /// <summary>Every type, in the order of the SDK's KNOWN_PLUGIN_TYPES (reference §1.3).</summary>
    public static IReadOnlyList<SpsPluginType> Known { get; } = new[] { Aa, ConfigurationSync, CredentialStore, SigningCa };

    /// <summary>The value of MANIFEST <c>type</c>.</summary>
    public string Name { get; }

    /// <summary>The SDK class (in safeguard.sessions.plugin) a Plugin derives from to get this type's hooks; null when the SDK has none.</summary>
    public string? SdkBaseClass { get; }

    /// <summary>
    /// The methods the SDK base class calls on a Plugin derived from it, without arguments (reference
    /// §6.4: do_authenticate(), do_authorize(), do_session_ended()). Empty where the reference does not
    /// say how they are called: §6.6 names the credential-store ones without their signatures.
    /// </summary>
    public IReadOnlyList<string> SdkUserHooks { get; }

    /// <summary>
    /// The key of the type's collection in SPS's REST API: <c>/api/configuration/plugins/&lt;key&gt;</c> and the
    /// integrity check's <c>plugin_type</c> (reference §7: aa, configuration_sync, credentialstore, signingca).
    /// The REST keys are spelled as MANIFEST's type values; the property exists so that code asking the REST
    /// API says so, and a release that ever renames one changes only this table.
    /// </summary>
    public string RestKey => Name;

    /// <summary>The type whose REST collection key is <paramref name="key"/>, or null for a key this module does not know.</summary>
    public static SpsPluginType? FindByRestKey(string? key) => Known.FirstOrDefault(t => t.RestKey == key);

    /// <summary>The section of the SPS plugin reference that documents the type.</summary>
    public string Source { get; }

    /// <summary>The hooks SPS calls on a plugin of this type; empty when they are not documented.</summary>
    public IReadOnlyList<SpsHook> Hooks => SpsHooks.For(Name);

    /// <summary>The type named <paramref name="name"/> (as MANIFEST spells it, case-sensitive as the SDK compares), or null.</summary>
    public static SpsPluginType? Find(string? name) => Known.FirstOrDefault(t => t.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
