using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SpsPlugin.Config;

namespace SpsPlugin;

/// <summary>
/// The checks of <c>Test-SpsPluginConfig</c>: what makes the SDK fail or misbehave on a policy
/// configuration that configparser itself accepts. Each finding has a stable rule id.
/// </summary>
public static class SpsPluginConfigRules
{
    /// <summary>A <c>$</c> value in a section whose name is not a host name.</summary>
    public const string SecretSectionName = "ConfigSecretSectionName";

    /// <summary>A <c>$</c> value without <c>[credential_store] name</c>.</summary>
    public const string SecretWithoutStore = "ConfigSecretWithoutStore";

    /// <summary>An enabled option that still holds a <c>&lt;placeholder&gt;</c>.</summary>
    public const string Placeholder = "ConfigPlaceholder";

    /// <summary>A section the reference does not have.</summary>
    public const string UnknownSection = "ConfigUnknownSection";

    /// <summary>An option the reference section does not have.</summary>
    public const string UnknownOption = "ConfigUnknownOption";

    /// <summary>A <c>%</c> that BasicInterpolation rejects.</summary>
    public const string Interpolation = "ConfigInterpolation";

    /// <summary>A value whose interpolation passes SpsPlugin's bounds on work and size (references that multiply).</summary>
    public const string InterpolationTooLarge = "ConfigInterpolationTooLarge";

    /// <summary>A boolean option with a value other than yes or no.</summary>
    public const string Boolean = "ConfigBoolean";

    /// <summary><c>[logging] log_level</c> outside debug, info, warning, error, critical.</summary>
    public const string LogLevel = "ConfigLogLevel";

    private static readonly Regex HostName = new(
        @"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        RegexOptions.CultureInvariant);

    private static readonly string[] LogLevels = { "debug", "info", "warning", "error", "critical" };

    // Boolean options of the SDK's common sections (SDK-DOCS aa_plugin_common_configuration), checked
    // even without a reference; with one, any option whose template values are all yes/no counts too.
    private static readonly (string Section, string Option)[] SdkBooleans =
    {
        ("auth", "disable_echo"), ("tls", "enabled"), ("https-proxy", "enabled"), ("https_proxy", "enabled"),
        ("ignore_upn_suffix_for_rdp", "ignore"),
    };

    /// <summary>
    /// Checks <paramref name="config"/>; with a <paramref name="reference"/> (the plugin's default.cfg)
    /// also flags sections and options the plugin does not know, suggesting a near miss.
    /// </summary>
    public static IReadOnlyList<SpsPluginDiagnostic> Check(SpsPluginConfig config, SpsPluginConfig? reference = null)
    {
        var findings = new List<SpsPluginDiagnostic>(config.Diagnostics);
        if (!config.IsReadable)
        {
            return findings;
        }
        SpsPluginDiagnostic Finding(string rule, Severity severity, SpsPluginConfigOption? option, int? line, string message, string fix) =>
            new(rule, severity, message, config.Path, config.Entry, line ?? option?.Line, 1, fix);

        var store = config.GetOption("credential_store", "name");
        var hasStore = store != null && store.Value.Length > 0 && !store.IsPlaceholder;
        foreach (var option in config.Options)
        {
            var where = $"[{option.Section}] {option.Name}";
            if (option.IsSecretReference)
            {
                if (!HostName.IsMatch(option.Section) && option.Section != ConfigDocumentReader.DefaultSection)
                {
                    findings.Add(Finding(SecretSectionName, Severity.Error, option, null,
                        $"{where} is '$', but the SDK looks '$' values up in the local Credential Store with the section name as the host, and '{option.Section}' is not a valid host name (only letters, digits, '-' and '.'), so the lookup fails.",
                        "store the value itself here; or, in the plugin, read it from a section whose name is a host name (e.g. 'my-plugin' instead of 'my_plugin')"));
                }
                if (!hasStore)
                {
                    findings.Add(Finding(SecretWithoutStore, Severity.Error, option, null,
                        $"{where} is '$' (fetch from the local Credential Store), but [credential_store] name is not set, so there is no store to fetch it from.",
                        "set 'name' in [credential_store] to the local Credential Store policy that holds the value"));
                }
            }
            if (option.IsPlaceholder)
            {
                findings.Add(Finding(Placeholder, Severity.Error, option, null,
                    $"{where} still holds the placeholder '{option.Value}'.",
                    "replace the <…> part with the real value, or comment the option out with ';'"));
            }
            if (option.InterpolationErrorId == InterpolationTooLarge)
            {
                findings.Add(Finding(InterpolationTooLarge, Severity.Error, option, null,
                    $"{where}: the SDK reads values with interpolation, and this one cannot be computed in reason: {option.InterpolationError}.",
                    "write the value out, or refer to each option once instead of through chains that repeat it"));
            }
            else if (option.InterpolationError != null)
            {
                findings.Add(Finding(Interpolation, Severity.Error, option, null,
                    $"{where}: the SDK reads values with interpolation, and this one fails: {option.InterpolationError}.",
                    "write a literal % as %%"));
            }
            if (IsBoolean(option, reference) && option.Value.Length > 0 && !option.IsSecretReference &&
                !option.Value.Equals("yes", StringComparison.OrdinalIgnoreCase) && !option.Value.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(Finding(Boolean, Severity.Error, option, null,
                    $"{where} is '{option.Value}', but the SDK's getboolean accepts only yes or no.",
                    $"write {option.Name}=yes or {option.Name}=no"));
            }
            if (option.Section == "logging" && option.Name == "log_level" && !LogLevels.Contains(option.Value.ToLowerInvariant()))
            {
                findings.Add(Finding(LogLevel, Severity.Error, option, null,
                    $"[logging] log_level is '{option.Value}', which is not a log level.",
                    "use one of debug, info, warning, error, critical"));
            }
        }
        if (reference != null)
        {
            findings.AddRange(CompareWithReference(config, reference, Finding));
        }
        return findings.OrderBy(f => f.Line ?? 0).ToArray();
    }

    private static IEnumerable<SpsPluginDiagnostic> CompareWithReference(SpsPluginConfig config, SpsPluginConfig reference,
        Func<string, Severity, SpsPluginConfigOption?, int?, string, string, SpsPluginDiagnostic> finding)
    {
        var knownSections = reference.Sections.Select(s => s.Name).ToArray();
        foreach (var section in config.Sections.Where(s => !s.IsDefault))
        {
            var known = reference.GetSection(section.Name);
            if (known == null)
            {
                var suggestion = NearMiss(section.Name, knownSections);
                yield return finding(UnknownSection, Severity.Warning, null, section.Line,
                    $"The plugin's default.cfg has no section [{section.Name}]; the plugin probably ignores it.{(suggestion == null ? string.Empty : $" Did you mean [{suggestion}]?")}",
                    suggestion == null ? "check the section name against the plugin's default.cfg" : $"rename it to [{suggestion}]");
                continue;
            }
            // A template like "; <user-name-1>=<id-1>" means the section takes any option name.
            if (known.Options.Any(o => o.Name.StartsWith("<", StringComparison.Ordinal)))
            {
                continue;
            }
            var knownOptions = known.Options.Select(o => o.Name).Distinct().ToArray();
            foreach (var option in section.Options.Where(o => o.IsEnabled && !knownOptions.Contains(o.Name)))
            {
                var suggestion = NearMiss(option.Name, knownOptions);
                yield return finding(UnknownOption, Severity.Warning, option, null,
                    $"[{section.Name}] {option.Name} is not an option of this section in the plugin's default.cfg; the plugin probably ignores it.{(suggestion == null ? string.Empty : $" Did you mean '{suggestion}'?")}",
                    suggestion == null ? "check the name against the plugin's default.cfg" : $"rename it to '{suggestion}'");
            }
        }
    }

    private static bool IsBoolean(SpsPluginConfigOption option, SpsPluginConfig? reference)
    {
        if (SdkBooleans.Contains((option.Section, option.Name)) ||
            (option.Section.StartsWith("question_", StringComparison.Ordinal) && option.Name == "disable_echo"))
        {
            return true;
        }
        var templates = reference?.GetSection(option.Section)?.Options.Where(o => o.Name == option.Name).Select(o => o.Value.ToLowerInvariant()).ToArray();
        return templates != null && templates.Length > 0 && templates.All(v => v == "yes" || v == "no");
    }

    /// <summary>The known name closest to <paramref name="name"/> when it is a plausible typo.</summary>
    private static string? NearMiss(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = EditDistance.Between(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }
}
