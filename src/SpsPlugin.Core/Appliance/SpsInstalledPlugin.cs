namespace SpsPlugin;

/// <summary>
/// A plugin installed on an appliance, as GET /api/configuration/plugins/&lt;type&gt;[/&lt;key&gt;] or the
/// upload's 201 answer describes it (reference §7).
/// </summary>
public sealed class SpsInstalledPlugin
{
    internal SpsInstalledPlugin(SpsApplianceSession session, string type, string key, string? name, string? version,
        string? api, string? description, string? path, string? scbMinVersion, string? scbMaxVersion, string? href, string? checksum = null)
    {
        Session = session;
        Appliance = session.Appliance;
        Type = type;
        Key = key;
        Name = name;
        Version = version;
        Api = api;
        Description = description;
        Path = path;
        ScbMinVersion = scbMinVersion;
        ScbMaxVersion = scbMaxVersion;
        Href = href;
        Checksum = checksum;
    }

    /// <summary>The session it was read through, so the object pipes into the cmdlets that act on it.</summary>
    public SpsApplianceSession Session { get; }

    /// <summary>The appliance (host:port).</summary>
    public string Appliance { get; }

    /// <summary>The plugin type, as MANIFEST spells it (aa, credentialstore, ...).</summary>
    public string Type { get; }

    /// <summary>SPS's key of the plugin in its type's collection.</summary>
    public string Key { get; }

    /// <summary>MANIFEST name.</summary>
    public string? Name { get; }

    /// <summary>MANIFEST version.</summary>
    public string? Version { get; }

    /// <summary>MANIFEST api.</summary>
    public string? Api { get; }

    /// <summary>MANIFEST description.</summary>
    public string? Description { get; }

    /// <summary>Where SPS deployed it.</summary>
    public string? Path { get; }

    /// <summary>The oldest SPS release the plugin supports, as SPS reports it.</summary>
    public string? ScbMinVersion { get; }

    /// <summary>The newest SPS release the plugin supports, as SPS reports it.</summary>
    public string? ScbMaxVersion { get; }

    /// <summary>The plugin's REST address.</summary>
    public string? Href { get; }

    /// <summary>
    /// The SHA-256 of the installed zip when the appliance reports one; null otherwise. SPS documents no
    /// checksum field in a plugin's body (reference §7, §11), so this is null on the appliances described.
    /// </summary>
    public string? Checksum { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: {Type}/{Name ?? Key} {Version}";
}
