namespace SpsPlugin;

/// <summary>One field that differs between a local bundle and the installed plugin.</summary>
public sealed class SpsPluginInstallationDifference
{
    internal SpsPluginInstallationDifference(string field, string? local, string? installed)
    {
        Field = field;
        Local = local;
        Installed = installed;
    }

    /// <summary>The MANIFEST field as SPS names it (version, api, description, scb_min_version, scb_max_version) or sha256.</summary>
    public string Field { get; }

    /// <summary>The local bundle's value.</summary>
    public string? Local { get; }

    /// <summary>The installed plugin's value.</summary>
    public string? Installed { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Local ?? "(none)"} (local) vs {Installed ?? "(none)"} (installed)";
}
