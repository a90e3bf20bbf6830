using System;

namespace SpsPlugin;

/// <summary>
/// What identifies a local plugin bundle against an appliance: its MANIFEST's name, type, version and api
/// (plus the fields SPS reports back about an installed plugin), and for a zip the SHA-256 of its bytes.
/// </summary>
public sealed class SpsPluginBundleIdentity
{
    private SpsPluginBundleIdentity(SpsPluginBundle bundle, SpsPluginManifest manifest)
    {
        Path = bundle.Path;
        Name = manifest.Name;
        Type = manifest.Type;
        Version = manifest.Version;
        Api = manifest.Api;
        Description = manifest.Description;
        ScbMinVersion = manifest.ScbMinVersion;
        ScbMaxVersion = manifest.ScbMaxVersion;
        Sha256 = bundle.Sha256;
        ContentDigest = bundle.ContentDigest;
        Length = bundle.FileSize;
    }

    /// <summary>MANIFEST name.</summary>
    public string? Name { get; }

    /// <summary>MANIFEST type.</summary>
    public string? Type { get; }

    /// <summary>MANIFEST version.</summary>
    public string? Version { get; }

    /// <summary>MANIFEST api.</summary>
    public string? Api { get; }

    /// <summary>MANIFEST description.</summary>
    public string? Description { get; }

    /// <summary>MANIFEST scb_min_version.</summary>
    public string? ScbMinVersion { get; }

    /// <summary>MANIFEST scb_max_version.</summary>
    public string? ScbMaxVersion { get; }

    /// <summary>The SHA-256 of the zip's bytes; null for a folder, which has no bytes SPS would store.</summary>
    public string? Sha256 { get; }

    /// <summary>The zip's <see cref="SpsPluginBundle.ContentDigest"/>: equal for packs of one folder on any runtime; null for a folder.</summary>
    public string? ContentDigest { get; }

    /// <summary>The full path of the zip or folder.</summary>
    public string Path { get; }

    /// <summary>The zip's size in bytes; null for a folder.</summary>
    public long? Length { get; }

    /// <summary>Opens a plugin zip (or folder) and reads its identity.</summary>
    /// <exception cref="SpsPluginException">What <see cref="SpsPluginBundle.Open"/> throws, or the missing-MANIFEST error.</exception>
    public static SpsPluginBundleIdentity FromZip(string path) => FromBundle(SpsPluginBundle.Open(path));

    /// <summary>The identity of an opened bundle.</summary>
    /// <exception cref="SpsPluginException">The bundle has no readable MANIFEST.</exception>
    public static SpsPluginBundleIdentity FromBundle(SpsPluginBundle bundle)
    {
        if (bundle == null)
        {
            throw new ArgumentNullException(nameof(bundle));
        }
        return new SpsPluginBundleIdentity(bundle, bundle.Manifest ?? throw bundle.MissingManifestError());
    }

    /// <summary>Whether <paramref name="checksum"/> (hex, any case) is this zip's SHA-256; never for a folder.</summary>
    public bool HasChecksum(string? checksum) =>
        Sha256 != null && string.Equals(checksum?.Trim(), Sha256, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Name} {Version} ({Path})";
}
