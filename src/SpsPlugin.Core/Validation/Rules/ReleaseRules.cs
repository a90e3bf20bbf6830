using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Validation.Rules;

/// <summary>Says which release the bundle was checked against and why, when none was given or its row is inferred.</summary>
internal sealed class ReleaseTargetRule : BundleRule
{
    public ReleaseTargetRule()
        : base("ReleaseTarget", "Release", Severity.Information, "Which SPS release the bundle is checked against",
            "Plugin API, Python version and version windows depend on the SPS release; without -TargetSpsVersion the newest release the plugin's own api, scb_min_version and scb_max_version admit is used.",
            "give -TargetSpsVersion with the release your appliances run")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.Options.TargetRelease == null)
        {
            yield return Finding(context, $"No target release given: checked against {context.Release}, {context.TargetReason}.");
        }
        else if (context.Release.IsInferred)
        {
            yield return Finding(context, $"Checked against {context.Release}; the SDK or Python version of this release is inferred, not stated by One Identity.",
                fix: "see the release table in the documentation of Test-SpsPluginBundle");
        }
    }
}

/// <summary>
/// The target when none is given: the newest release the plugin says it runs on. A release is
/// admitted when the rules that judge the window (ReleaseApi, ReleaseWindow) find nothing against it,
/// so the chosen target and those rules can never disagree.
/// </summary>
internal static class DefaultTarget
{
    private static readonly string[] WindowKeys = { "api", "scb_min_version", "scb_max_version" };
    private static readonly BundleRule[] WindowRules = { new ReleaseApiRule(), new ReleaseWindowRule() };

    public static (SpsRelease Release, string Reason) Choose(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest == null)
        {
            return (SpsRelease.Newest, "the newest known release: there is no readable MANIFEST to take the plugin's window from");
        }
        var bounds = WindowKeys
            .Select(key => manifest[key])
            .Where(entry => entry != null && entry.Value.Type != PyYamlType.Null)
            .Select(entry => $"{entry!.Key} {entry.PythonText}")
            .ToArray();
        if (bounds.Length == 0)
        {
            return (SpsRelease.Newest, "the newest known release: MANIFEST sets none of api, scb_min_version, scb_max_version");
        }
        var window = $"the plugin's {string.Join(" and ", bounds)} {(bounds.Length == 1 ? "admits" : "admit")}";
        var admitted = SpsRelease.All.Reverse().FirstOrDefault(release => Admits(context.Against(release)));
        return admitted == null
            ? (SpsRelease.Newest, $"the newest known release, though {window} no release SpsPlugin knows")
            : (admitted, $"the newest release {window}");
    }

    private static bool Admits(ValidationContext candidate) => !WindowRules.Any(rule => rule.Check(candidate).Any());
}

/// <summary>api must have the release's API major and a minor not above it (ApiVersionError).</summary>
internal sealed class ReleaseApiRule : BundleRule
{
    public ReleaseApiRule()
        : base("ReleaseApi", "Release", Severity.Error, "The plugin needs a newer plugin API than the release has",
            "SPS accepts a plugin only when api has the same major as its plugin API and a minor not above it: SPS with API 1.7 accepts 1.0 to 1.7 and refuses 1.8 and 2.0.",
            "lower api to the release's API (and develop against that SDK), or target a newer release")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var entry = context.ReadableManifest?["api"];
        // An api semantic_version cannot read is the ManifestApi rule's finding.
        var version = entry == null || entry.Value.Type == PyYamlType.Null ? null : ManifestApiVersion.Parse(entry.PythonText, out _);
        if (version == null || version.IsAcceptedBy(context.Release.SdkVersion))
        {
            yield break;
        }
        var api = context.Release.ApiVersion;
        // With another major the comparison ends before it reaches the missing minor.
        var lacksMinor = version.Minor == null && version.Major == api.Major;
        yield return Finding(context,
            lacksMinor
                ? $"api is {entry!.PythonText}, without a minor version: the SDK's check_api_version cannot compare it with {context.Release}'s API {api} and the upload fails."
                : $"api is {entry!.PythonText}, but {context.Release} accepts {api.Major}.0 to {api}: the upload would fail.",
            "MANIFEST", entry.Line, entry.Column, lacksMinor ? $"write api: '{api}'" : null);
    }
}

/// <summary>The target release must be inside scb_min_version .. scb_max_version (a trailing '~' excludes the bound).</summary>
internal sealed class ReleaseWindowRule : BundleRule
{
    public ReleaseWindowRule()
        : base("ReleaseWindow", "Release", Severity.Error, "The plugin does not allow the target release",
            "scb_min_version is the lowest SPS version the plugin runs on; scb_max_version the highest, and a trailing '~' means 'below, not including' (5.11.0~). SPS refuses a plugin outside its window.",
            "adjust scb_min_version/scb_max_version, or target a release inside the window")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var manifest = context.ReadableManifest;
        if (manifest == null)
        {
            yield break;
        }
        var target = new Version(context.Release.Version.Major, context.Release.Version.Minor, 0);
        var min = manifest["scb_min_version"];
        if (min != null && ReleaseVersions.TryParse(min.PythonText, out var lowest, out var minExclusive) &&
            (minExclusive ? target <= lowest : target < lowest))
        {
            yield return Finding(context, $"scb_min_version is {min.PythonText}, above the target {context.Release}{NoneAdmitted(context)}.", "MANIFEST", min.Line, min.Column);
        }
        var max = manifest["scb_max_version"];
        if (max != null && ReleaseVersions.TryParse(max.PythonText, out var highest, out var maxExclusive) &&
            (maxExclusive ? target >= highest : target > highest))
        {
            yield return Finding(context,
                $"scb_max_version is {max.PythonText}{(maxExclusive ? " (up to, not including)" : string.Empty)}, which excludes the target {context.Release}{NoneAdmitted(context)}.",
                "MANIFEST", max.Line, max.Column);
        }
    }

    /// <summary>Without a target given, a window finding means the window admits no known release: say so.</summary>
    private static string NoneAdmitted(ValidationContext context) =>
        context.Options.TargetRelease == null ? $" ({context.TargetReason})" : string.Empty;
}

/// <summary>scb_min_version / scb_max_version that are not versions.</summary>
internal sealed class ReleaseWindowFormatRule : BundleRule
{
    public ReleaseWindowFormatRule()
        : base("ReleaseWindowFormat", "Release", Severity.Warning, "scb_min_version or scb_max_version is not a version",
            "The window bounds are SPS versions such as 5.10.0 (5 F10), optionally ending in '~'.",
            "write a version such as 7.0.0 or 8.0.0~")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        foreach (var key in new[] { "scb_min_version", "scb_max_version" })
        {
            var entry = context.ReadableManifest?[key];
            if (entry != null && entry.Value.Type != PyYamlType.Null && !ReleaseVersions.TryParse(entry.PythonText, out _, out _))
            {
                yield return Finding(context, $"{key} is '{entry.PythonText}', which is not a version.", "MANIFEST", entry.Line, entry.Column);
            }
        }
    }
}

internal static class ReleaseVersions
{
    // ASCII digits only (.NET's \d also takes other scripts' digits, which int.Parse refuses), at most
    // nine of them (an Int32), and \z: a trailing newline is not part of a version.
    private static readonly Regex Pattern = new(@"^([0-9]{1,9})\.([0-9]{1,9})(?:\.([0-9]{1,9}))?(~)?\z", RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out Version version, out bool exclusive)
    {
        var match = Pattern.Match(text.Trim());
        version = new Version(0, 0);
        exclusive = false;
        if (!match.Success)
        {
            return false;
        }
        version = new Version(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
        exclusive = match.Groups[4].Success;
        return true;
    }
}
