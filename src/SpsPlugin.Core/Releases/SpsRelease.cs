using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpsPlugin;

/// <summary>An SPS release and what it gives plugins: the plugin API (the SDK's major.minor), the SDK and the Python 3.</summary>
public sealed class SpsRelease
{
    internal SpsRelease(string version, string name, string sdkVersion, string pythonVersion, bool inferred)
    {
        Version = System.Version.Parse(version);
        Name = name;
        SdkVersion = System.Version.Parse(sdkVersion);
        PythonVersion = System.Version.Parse(pythonVersion);
        IsInferred = inferred;
    }

    /// <summary>The release as major.minor (6.10 is "6 F10").</summary>
    public Version Version { get; }

    /// <summary>The name One Identity uses (e.g. "7.0 LTS", "6 F7").</summary>
    public string Name { get; }

    /// <summary>The plugin SDK the release ships.</summary>
    public Version SdkVersion { get; }

    /// <summary>The plugin API it accepts: the SDK's major.minor. A plugin's <c>api</c> must have this major and a minor not above it.</summary>
    public Version ApiVersion => new(SdkVersion.Major, SdkVersion.Minor);

    /// <summary>The Python 3 that runs plugins with <c>entry_point</c> (legacy plugins run on Python 2.6).</summary>
    public Version PythonVersion { get; }

    /// <summary>True when a value of this row is worked out rather than stated by a source (see the table's comments).</summary>
    public bool IsInferred { get; }

    /// <inheritdoc />
    public override string ToString() => $"SPS {Name} (plugin API {ApiVersion}, Python {PythonVersion.ToString(2)})";

    /// <summary>
    /// The releases SpsPlugin knows, oldest first. Sources (keys of ../shared/docs/sps-plugin-reference.md):
    /// SDK per release: SDK-DOCS/1.9.0 history page (§6.1): 1.0.0 5 F10, 1.1.2 5 F11, 1.1.4 6 LTS, 1.2.0 6 F1,
    ///   1.3.1 6 F2, 1.4.2 6 F3, 1.4.4 6 F4, 1.5.1 6 F5, 1.5.3 6 F6, 1.6.0 6 F7, 1.7.1 6 F10, 1.8.0 8 LTS,
    ///   1.8.1–1.8.3 8 F1, 1.9.0 9 LTS.
    /// Python: "must be Python 3.6.7 compatible" for 6.x (OI-CS/6.0.11, OI-AA/6.9.2); SDK 1.6.1+ moved to 3.8
    ///   (SDK changelog); plugins for SPS 7.4+ pin 3.10 ("update_sps74" Pipfiles); SDK 1.9.0 (SPS 9 LTS) needs
    ///   3.12 (changelog, getting_started).
    /// Inferred (no page states them): 6 F8/F9 keep 6 F7's SDK; 6 F11–F13 and 7.x keep 1.7 (the 6.9.x/7.x
    ///   guides still name SDK 1.6–1.7; sdk_versions.csv maps 1.7.1–1.8.4 to 6.12); the Python of 7.0–7.3
    ///   (3.8) and of 8.x (3.10).
    /// </summary>
    public static IReadOnlyList<SpsRelease> All { get; } = new[]
    {
        new SpsRelease("5.10", "5 F10", "1.0.0", "3.6", false),
        new SpsRelease("5.11", "5 F11", "1.1.2", "3.6", false),
        new SpsRelease("6.0", "6.0 LTS", "1.1.4", "3.6", false),
        new SpsRelease("6.1", "6 F1", "1.2.0", "3.6", false),
        new SpsRelease("6.2", "6 F2", "1.3.1", "3.6", false),
        new SpsRelease("6.3", "6 F3", "1.4.2", "3.6", false),
        new SpsRelease("6.4", "6 F4", "1.4.4", "3.6", false),
        new SpsRelease("6.5", "6 F5", "1.5.1", "3.6", false),
        new SpsRelease("6.6", "6 F6", "1.5.3", "3.6", false),
        new SpsRelease("6.7", "6 F7", "1.6.0", "3.6", false),
        new SpsRelease("6.8", "6 F8", "1.6.0", "3.6", true),
        new SpsRelease("6.9", "6 F9", "1.6.0", "3.6", true),
        new SpsRelease("6.10", "6 F10", "1.7.1", "3.8", false),
        new SpsRelease("6.11", "6 F11", "1.7.1", "3.8", true),
        new SpsRelease("6.12", "6 F12", "1.7.1", "3.8", true),
        new SpsRelease("6.13", "6 F13", "1.7.1", "3.8", true),
        new SpsRelease("7.0", "7.0 LTS", "1.7.1", "3.8", true),
        new SpsRelease("7.1", "7 F1", "1.7.1", "3.8", true),
        new SpsRelease("7.2", "7 F2", "1.7.1", "3.8", true),
        new SpsRelease("7.3", "7 F3", "1.7.1", "3.8", true),
        new SpsRelease("7.4", "7 F4", "1.7.1", "3.10", true),
        new SpsRelease("7.5", "7 F5", "1.7.1", "3.10", true),
        new SpsRelease("8.0", "8.0 LTS", "1.8.0", "3.10", false),
        new SpsRelease("8.1", "8 F1", "1.8.3", "3.10", false),
        new SpsRelease("9.0", "9.0 LTS", "1.9.0", "3.12", false),
    };

    /// <summary>The newest release in the table: the default target when a plugin's window does not narrow it (see the ReleaseTarget rule).</summary>
    public static SpsRelease Newest => All[All.Count - 1];

    /// <summary>
    /// Finds a release by "7.4", "7.4.2" (the patch is ignored), "6 F10" or "7.0 LTS". Returns null
    /// when the text names no known release.
    /// </summary>
    public static SpsRelease? Find(string text)
    {
        var trimmed = text.Trim();
        var byName = All.FirstOrDefault(r => string.Equals(r.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (byName != null)
        {
            return byName;
        }
        var parts = trimmed.Split('.');
        if (parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return All.FirstOrDefault(r => r.Version.Major == major && r.Version.Minor == minor);
        }
        return null;
    }
}
