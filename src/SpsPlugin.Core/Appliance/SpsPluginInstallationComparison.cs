using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// A local bundle against the plugin of the same name and type on one appliance: "is the appliance running
/// what CI built?". <see cref="SpsPluginInstallationStatus.Same"/> only when a checksum proves it.
/// </summary>
public sealed class SpsPluginInstallationComparison
{
    private SpsPluginInstallationComparison(string appliance, SpsPluginBundleIdentity local, SpsInstalledPlugin? installed,
        SpsPluginInstallationStatus status, string reason, IReadOnlyList<SpsPluginInstallationDifference> differences)
    {
        Appliance = appliance;
        Name = local.Name;
        Type = local.Type;
        Path = local.Path;
        LocalVersion = local.Version;
        InstalledVersion = installed?.Version;
        LocalSha256 = local.Sha256;
        InstalledSha256 = installed?.Sha256;
        Key = installed?.Key;
        Status = status;
        Reason = reason;
        Differences = differences;
    }

    /// <summary>The appliance (host:port).</summary>
    public string Appliance { get; }

    /// <summary>The plugin name (local MANIFEST).</summary>
    public string? Name { get; }

    /// <summary>The plugin type (local MANIFEST).</summary>
    public string? Type { get; }

    /// <summary>The local zip or folder.</summary>
    public string Path { get; }

    /// <summary>The local MANIFEST version.</summary>
    public string? LocalVersion { get; }

    /// <summary>The installed version; null when not installed.</summary>
    public string? InstalledVersion { get; }

    /// <summary>Same, Different, NotInstalled or VersionMatchesChecksumUnknown.</summary>
    public SpsPluginInstallationStatus Status { get; }

    /// <summary>Why the status is what it is, in a sentence.</summary>
    public string Reason { get; }

    /// <summary>The SHA-256 of the local zip; null for a folder.</summary>
    public string? LocalSha256 { get; }

    /// <summary>The installed zip's SHA-256, only when the appliance reports one (see <see cref="SpsInstalledPlugin.Sha256"/>).</summary>
    public string? InstalledSha256 { get; }

    /// <summary>SPS's key of the installed plugin; null when not installed.</summary>
    public string? Key { get; }

    /// <summary>The fields that differ, local against installed.</summary>
    public IReadOnlyList<SpsPluginInstallationDifference> Differences { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: {Type}/{Name} {Status}";

    /// <summary>
    /// Compares <paramref name="local"/> with <paramref name="installed"/>, the plugin of the same name and
    /// type on <paramref name="appliance"/> (null when it has none).
    /// </summary>
    public static SpsPluginInstallationComparison Compare(string appliance, SpsPluginBundleIdentity local, SpsInstalledPlugin? installed)
    {
        if (local == null)
        {
            throw new ArgumentNullException(nameof(local));
        }
        var none = Array.Empty<SpsPluginInstallationDifference>();
        if (installed == null)
        {
            return new(appliance, local, null, SpsPluginInstallationStatus.NotInstalled,
                $"{appliance} has no {local.Type} plugin named {local.Name}.", none);
        }
        var differences = FieldDifferences(local, installed).ToList();
        var checksumsKnown = local.Sha256 != null && installed.Sha256 != null;
        if (checksumsKnown && !string.Equals(local.Sha256, installed.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(new SpsPluginInstallationDifference("sha256", local.Sha256, installed.Sha256));
        }
        if (differences.Count > 0)
        {
            return new(appliance, local, installed, SpsPluginInstallationStatus.Different,
                $"{string.Join(", ", differences.Select(d => d.Field))} differ{(differences.Count == 1 ? "s" : string.Empty)}.", differences);
        }
        if (checksumsKnown)
        {
            return new(appliance, local, installed, SpsPluginInstallationStatus.Same,
                "Every reported field and the zip's SHA-256 are the same.", none);
        }
        var unknown = local.Sha256 == null
            ? "the local bundle is a folder, which has no zip checksum to compare: compare the zip CI built"
            : "the appliance does not report the installed zip's checksum (SPS documents none), so the same version may still be other bytes";
        return new(appliance, local, installed, SpsPluginInstallationStatus.VersionMatchesChecksumUnknown,
            $"The reported fields match, but {unknown}.", none);
    }

    private static IEnumerable<SpsPluginInstallationDifference> FieldDifferences(SpsPluginBundleIdentity local, SpsInstalledPlugin installed)
    {
        var fields = new (string Field, string? Local, string? Installed)[]
        {
            ("version", local.Version, installed.Version),
            ("api", local.Api, installed.Api),
            ("description", local.Description, installed.Description),
            ("scb_min_version", local.ScbMinVersion, installed.ScbMinVersion),
            ("scb_max_version", local.ScbMaxVersion, installed.ScbMaxVersion),
        };
        return fields.Where(f => !string.Equals(f.Local, f.Installed, StringComparison.Ordinal))
            .Select(f => new SpsPluginInstallationDifference(f.Field, f.Local, f.Installed));
    }
}
