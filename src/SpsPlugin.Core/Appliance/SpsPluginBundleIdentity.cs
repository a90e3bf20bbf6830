using System;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// What identifies a local plugin zip against an installed one: the MANIFEST's name, type, version and
/// api, and the SHA-256 of the zip's bytes (what SPS would store).
/// </summary>
public sealed class SpsPluginBundleIdentity
{
    private SpsPluginBundleIdentity(string path, string? name, string? type, string? version, string? api, string sha256, long length)
    {
        Path = path;
        Name = name;
        Type = type;
        Version = version;
        Api = api;
        Sha256 = sha256;
        Length = length;
    }

    /// <summary>The zip read.</summary>
    public string Path { get; }

    /// <summary>MANIFEST name; null when the MANIFEST does not say.</summary>
    public string? Name { get; }

    /// <summary>MANIFEST type.</summary>
    public string? Type { get; }

    /// <summary>MANIFEST version.</summary>
    public string? Version { get; }

    /// <summary>MANIFEST api.</summary>
    public string? Api { get; }

    /// <summary>The SHA-256 of the zip's bytes, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The zip's size in bytes.</summary>
    public long Length { get; }

    /// <summary>Reads the identity of a plugin zip on disk.</summary>
    /// <exception cref="SpsPluginException">PathNotFound, BundleNotZip, BundleCorrupt, ReadFailed, ManifestNotFound, ManifestEncoding.</exception>
    public static SpsPluginBundleIdentity FromZip(string path)
    {
        var bundle = SpsPluginBundle.Open(path);
        if (bundle.Kind != SpsPluginBundleKind.Zip)
        {
            throw new SpsPluginException(SpsPluginErrorId.BundleNotZip, $"'{bundle.Path}' is a folder; a bundle identity is read from a plugin zip (pack it with Compress-SpsPluginBundle).", bundle.Path);
        }
        var manifest = bundle.Manifest ?? throw bundle.MissingManifestError();
        // The zip reader hashes the bytes it read the directory from, so name and checksum describe one file.
        return new SpsPluginBundleIdentity(bundle.Path, manifest.Name, manifest.Type, manifest.Version, manifest.Api, bundle.Sha256!, bundle.FileSize ?? 0);
    }

    /// <summary>Reads the identity of plugin zip bytes (through a private temporary copy, so the zip reader's checks apply).</summary>
    public static SpsPluginBundleIdentity FromZip(byte[] zip)
    {
        if (zip == null)
        {
            throw new ArgumentNullException(nameof(zip));
        }
        using var folder = PrivateDirectory.Create("spsplugin-identity-");
        var path = System.IO.Path.Combine(folder.Path, "bundle.zip");
        File.WriteAllBytes(path, zip);
        var read = FromZip(path);
        return new SpsPluginBundleIdentity("(bytes)", read.Name, read.Type, read.Version, read.Api, read.Sha256, read.Length);
    }

    /// <summary>Whether <paramref name="checksum"/> (hex, any case) is this zip's SHA-256.</summary>
    public bool HasChecksum(string? checksum) => string.Equals(checksum?.Trim(), Sha256, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Name} {Version} (sha256 {Sha256.Substring(0, 12)}…)";
}
