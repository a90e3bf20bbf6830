using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The result contract: the keys SPS reads from a hook's result, per hook, and what each must hold.
/// None (no value) is allowed for every key: it means the key was not given. Keys SPS does not read
/// are left alone (the official example returns an extra <c>my_key</c>, reference §3.3).
/// </summary>
public sealed class SpsResultKey
{
    private static readonly SpsHook[] AaVerdictHooks = { SpsHooks.Authenticate, SpsHooks.Authorize };

    // session_ended "returns no values" (reference §4.4): SPS reads nothing from it, cookies included.
    private static readonly SpsHook[] CookieHooks = SpsHooks.All.Where(h => h != SpsHooks.AaSessionEnded && h != SpsHooks.CredentialStoreSessionEnded).ToArray();

    /// <summary>The key types SPS takes for a private key (reference §4.3).</summary>
    public static readonly IReadOnlyList<string> PrivateKeyTypes = new[] { "ssh-rsa", "ssh-dss" };

    private SpsResultKey(string name, SpsResultShape shape, string reference, IReadOnlyList<SpsHook> hooks, bool holdsCredentials = false)
    {
        Name = name;
        HoldsCredentials = holdsCredentials;
        Shape = shape;
        Reference = reference;
        Hooks = hooks;
    }

    /// <summary>Every key SPS reads, with the hooks whose result it reads it from.</summary>
    public static IReadOnlyList<SpsResultKey> All { get; } = new[]
    {
        new SpsResultKey(SpsVerdict.ResultKey, SpsResultShape.Verdict, "§3.3", AaVerdictHooks),
        new SpsResultKey("question", SpsResultShape.Question, "§3.3, §3.4", AaVerdictHooks),
        new SpsResultKey("gateway_user", SpsResultShape.Text, "§3.3", AaVerdictHooks),
        new SpsResultKey("gateway_groups", SpsResultShape.TextList, "§3.3", AaVerdictHooks),
        new SpsResultKey("additional_metadata", SpsResultShape.Text, "§3.3, §6.5", AaVerdictHooks),
        new SpsResultKey("reason", SpsResultShape.Text, "§3.3", AaVerdictHooks),
        new SpsResultKey("cookie", SpsResultShape.Dict, "§2, §3.3, §4.3", CookieHooks),
        new SpsResultKey("session_cookie", SpsResultShape.Dict, "§2, §3.3, §4.3", CookieHooks),
        new SpsResultKey("passwords", SpsResultShape.TextList, "§4.3", new[] { SpsHooks.GetPasswordList }, holdsCredentials: true),
        new SpsResultKey("private_keys", SpsResultShape.PrivateKeyList, "§4.3", new[] { SpsHooks.GetPrivateKeyList }, holdsCredentials: true),
    };

    /// <summary>The key.</summary>
    public string Name { get; }

    /// <summary>What its value must be.</summary>
    public SpsResultShape Shape { get; }

    /// <summary>The reference sections that say so.</summary>
    public string Reference { get; }

    /// <summary>True when the value is a credential: messages name its kind, never the value.</summary>
    public bool HoldsCredentials { get; }

    /// <summary>The hooks whose result SPS reads the key from.</summary>
    public IReadOnlyList<SpsHook> Hooks { get; }

    /// <summary>The keys SPS reads from <paramref name="hook"/>'s result.</summary>
    public static IReadOnlyList<SpsResultKey> For(SpsHook hook) => All.Where(k => k.Hooks.Contains(hook)).ToArray();

    /// <summary>The keys SPS reads from the result of the hook named <paramref name="hookName"/> on any plugin type (for a hook called alone, without a type).</summary>
    public static IReadOnlyList<SpsResultKey> For(string hookName) => All.Where(k => k.Hooks.Any(h => string.Equals(h.Name, hookName, StringComparison.Ordinal))).ToArray();
}
