namespace SpsPlugin;

/// <summary>How a local bundle compares with what an appliance has installed under its name and type.</summary>
public enum SpsPluginInstallationStatus
{
    /// <summary>Installed, and the appliance's checksum equals the local zip's: proven the same bytes.</summary>
    Same,

    /// <summary>Installed, but a field (version, api, description, scb window) or the checksum differs.</summary>
    Different,

    /// <summary>No plugin of that name and type is installed.</summary>
    NotInstalled,

    /// <summary>
    /// The fields SPS reports match, but no checksum proves the bytes are the same: the appliance reports
    /// none (the documented answer has none), or the local bundle is a folder.
    /// </summary>
    VersionMatchesChecksumUnknown,
}
