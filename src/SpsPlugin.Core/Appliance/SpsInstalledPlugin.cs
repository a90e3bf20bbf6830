namespace SpsPlugin;

/// <summary>
/// A plugin installed on an appliance, as GET /api/configuration/plugins/&lt;type&gt;[/&lt;key&gt;] or the
/// upload's 201 answer describes it (reference §7).
/// </summary>
public sealed class SpsInstalledPlugin
{
    internal SpsInstalledPlugin(SpsApplianceSession session, string type, string key, string? name, string? version,
        string? api, string? description, string? path, string? scbMinVersion, string? scbMaxVersion, string? href, string? sha256 = null)
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
        Sha256 = sha256;
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
    /// The SHA-256 of the stored zip, only when the appliance reports one. The documented body has no
    /// checksum (reference §7 and §11), so this is null on the appliances described so far; read from
    /// <c>body.sha256</c> should a release add it (an assumed name), so a comparison can prove a match.
    /// </summary>
    public string? Sha256 { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: {Type}/{Name ?? Key} {Version}";
}
