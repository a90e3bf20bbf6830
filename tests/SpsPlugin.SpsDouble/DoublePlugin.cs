using System.Collections.Generic;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// One plugin as the appliance holds it: what its MANIFEST said, the zip as stored, the SHA-256 recorded at
/// upload and the files deployed from it (what the integrity check compares).
/// </summary>
public sealed record DoublePlugin(
    string Type,
    string Key,
    string Name,
    string Description,
    string Version,
    string Api,
    string? ScbMinVersion,
    string? ScbMaxVersion,
    byte[] ZipBytes,
    string RecordedSha256,
    IReadOnlyList<string> DeployedEntries,
    bool InUse)
{
    /// <summary>Where SPS deploys a plugin (documented in the upload response).</summary>
    public string Path => $"/opt/scb/var/plugins/{Type}/{Name}";

    public string Href => $"/api/configuration/plugins/{Type}/{Key}";

    public string Parent => $"/api/configuration/plugins/{Type}";
}
