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

    /// <summary>A value getint or getfloat rejects where the template shows a number.</summary>
    public const string Number = "ConfigNumber";

    /// <summary>A literal value where the plugin's template asks for <c>$</c> (a secret from the Credential Store).</summary>
    public const string PlaintextSecret = "ConfigPlaintextSecret";

    private static readonly Regex HostName = new(
        @"^(?=.{1,253}\z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z",
        RegexOptions.CultureInvariant);

    private static readonly string[] LogLevels = { "debug", "info", "warning", "error", "critical" };

    /// <summary>
    /// Checks <paramref name="config"/> as the plugin reads it: each value interpolated, inherited from
    /// [DEFAULT] where a section reads it, and judged by the getter that reads it (<see cref="ConfigOptionKinds"/>:
    /// the <paramref name="reference"/>, the plugin's default.cfg, decides, else the SDK's common sections).
    /// With a reference it also flags sections and options the plugin does not know, suggesting a near miss.
    /// Placeholders, unknown names, plaintext secrets and log levels are policy checks of the text.
    /// </summary>
    public static IReadOnlyList<SpsPluginDiagnostic> Check(SpsPluginConfig config, SpsPluginConfig? reference = null)
    {
        var findings = new List<SpsPluginDiagnostic>(config.Diagnostics);
        if (!config.IsReadable)
        {
            return findings;
        }
        var kinds = new ConfigOptionKinds(reference);
        var store = config.GetOption("credential_store", "name");
        var judge = new ReadJudge(config, store != null && store.Value.Length > 0 && !store.IsPlaceholder);
        var reads = new ConfigReads(config, kinds);
        foreach (var read in reads.Reads)
        {
            judge.Judge(read, kinds.For(read.Section, read.Option.Name));
        }
        if (reads.FirstUnjudged != null)
        {
            judge.Add(InterpolationTooLarge, Severity.Error, reads.FirstUnjudged, null,
                $"{reads.Unjudged:N0} values inherited from [DEFAULT] refer through %(name)s to options that the sections reading them override; SpsPlugin interpolates at most {ConfigReads.MaxContextualReads:N0} of these per configuration and did not judge the rest (a real policy has a few).",
                "write the values out in the sections that need them, or keep the options [DEFAULT] values refer to in [DEFAULT]");
        }
        foreach (var option in config.Options.Where(o => o.IsPlaceholder))
        {
            judge.Add(Placeholder, Severity.Error, option, null,
                $"[{option.Section}] {option.Name} still holds the placeholder '{option.Value}'.",
                "replace the <…> part with the real value, or comment the option out with ';'");
        }
        findings.AddRange(judge.Findings);
        if (reference != null)
        {
            findings.AddRange(CompareWithReference(config, reference, (rule, severity, option, line, message, fix) =>
                new SpsPluginDiagnostic(rule, severity, message, config.Path, config.Entry, line ?? option?.Line, 1, fix)));
        }
        return findings.OrderBy(f => f.Line ?? 0).ToArray();
    }

    /// <summary>True when the local Credential Store can be asked for host <paramref name="section"/>.</summary>
    internal static bool IsHostName(string section) => HostName.IsMatch(section);

    /// <summary>The other sections that read a [DEFAULT] line the same wrong way: the first few by name, all counted.</summary>
    private sealed class OtherReaders
    {
        private readonly List<string> _names = new();

        public IEnumerable<string> Names => _names;

        public int Count { get; private set; }

        public void Add(IEnumerable<string> names, int count)
        {
            _names.AddRange(names.Take(ConfigReads.NamedSections - _names.Count));
            Count += count;
        }

        public void Add(string name, int count) => Add(new[] { name }, count);
    }

    /// <summary>The findings of the values as read: one per rule and line, naming every section that reads a [DEFAULT] line the same wrong way.</summary>
    private sealed class ReadJudge
    {
        private readonly SpsPluginConfig _config;
        private readonly bool _hasStore;
        private readonly Dictionary<(string Rule, int Line), (SpsPluginDiagnostic Finding, OtherReaders AlsoIn)> _byLine = new();
        private readonly List<(string Rule, int Line)> _order = new();

        public ReadJudge(SpsPluginConfig config, bool hasStore)
        {
            _config = config;
            _hasStore = hasStore;
        }

        public IEnumerable<SpsPluginDiagnostic> Findings => _order.Select(key =>
        {
            var (finding, alsoIn) = _byLine[key];
            if (alsoIn.Count == 0)
            {
                return finding;
            }
            var named = alsoIn.Names.Take(ConfigReads.NamedSections).ToArray();
            var more = alsoIn.Count - named.Length;
            return new SpsPluginDiagnostic(finding.RuleId, finding.Severity,
                $"{finding.Message} [{string.Join("], [", named)}]{(more > 0 ? $" and {more:N0} more sections" : string.Empty)} read{(alsoIn.Count == 1 ? "s" : string.Empty)} it the same way.",
                finding.Path, finding.Entry, finding.Line, finding.Column, finding.SuggestedFix);
        });

        public void Judge(ConfigRead read, ConfigOptionKind kind)
        {
            var option = read.Option;
            var where = read.Describe();
            if (option.InterpolationError != null)
            {
                var tooLarge = option.InterpolationErrorId == InterpolationTooLarge;
                Add(tooLarge ? InterpolationTooLarge : Interpolation, Severity.Error, option, read, tooLarge
                        ? $"{where}: the SDK reads values with interpolation, and this one cannot be computed in reason: {option.InterpolationError}."
                        : $"{where}: the SDK reads values with interpolation, and this one fails: {option.InterpolationError}.",
                    tooLarge ? "write the value out, or refer to each option once instead of through chains that repeat it" : "write a literal % as %%");
                return;
            }
            var value = option.InterpolatedValue!;
            var shown = value == option.Value ? $"'{value}'" : $"'{option.Value}', read as '{value}',";
            if (value == "$")
            {
                JudgeStoreReference(read, where);
                return;
            }
            switch (kind.Getter)
            {
                case ConfigGetter.GetBoolean when PyText.Lower(value) != "yes" && PyText.Lower(value) != "no":
                    Add(Boolean, Severity.Error, option, read,
                        $"{where} is {shown} but the SDK reads it with getboolean ({kind.Source}), which accepts only yes or no{(value.Length == 0 ? " and raises on an empty value" : string.Empty)}.",
                        $"write {option.Name}=yes or {option.Name}=no");
                    break;
                case ConfigGetter.GetInt when !PyNumber.IsInt(value):
                case ConfigGetter.GetFloat when !PyNumber.IsFloat(value):
                    var getter = kind.Getter == ConfigGetter.GetInt ? "getint" : "getfloat";
                    Add(Number, Severity.Error, option, read,
                        $"{where} is {shown} but the SDK reads it with {getter} ({kind.Source}), which raises on it: {(kind.Getter == ConfigGetter.GetInt ? "a whole number" : "a number")} is expected.",
                        kind.Getter == ConfigGetter.GetInt ? $"write a whole number, e.g. {option.Name}=10" : $"write a number, e.g. {option.Name}=2.5");
                    break;
            }
            if (read.Section == "logging" && option.Name == "log_level" && !LogLevels.Contains(value.ToLowerInvariant()))
            {
                Add(LogLevel, Severity.Error, option, read, $"{where} is {shown} which is not a log level.",
                    "use one of debug, info, warning, error, critical");
            }
            if (kind.ExpectsStoreReference && value.Length > 0 && !option.IsPlaceholder)
            {
                Add(PlaintextSecret, Severity.Warning, option, read,
                    $"{where} holds a literal value where the plugin's template ({kind.Source}) asks for '$': the secret then sits in the policy in plain text.",
                    $"write {option.Name}=$ and store the value in the local Credential Store (host '{read.Section}', user '{option.Name}')");
            }
        }

        public void Add(string rule, Severity severity, SpsPluginConfigOption option, ConfigRead? read, string message, string fix)
        {
            var key = (rule, option.Line);
            if (_byLine.TryGetValue(key, out var existing))
            {
                if (read != null)
                {
                    existing.AlsoIn.Add(read.Value.Section, 1);
                    existing.AlsoIn.Add(read.Value.AlsoIn, read.Value.AlsoInCount);
                }
                return;
            }
            var alsoIn = new OtherReaders();
            if (read != null)
            {
                alsoIn.Add(read.Value.AlsoIn, read.Value.AlsoInCount);
            }
            _byLine[key] = (new SpsPluginDiagnostic(rule, severity, message, _config.Path, _config.Entry, option.Line, 1, fix), alsoIn);
            _order.Add(key);
        }

        private void JudgeStoreReference(ConfigRead read, string where)
        {
            var option = read.Option;
            if (!IsHostName(read.Section) && read.Section != ConfigDocumentReader.DefaultSection)
            {
                Add(SecretSectionName, Severity.Error, option, read,
                    $"{where} is '$', but the SDK looks '$' values up in the local Credential Store with the section name as the host, and '{read.Section}' is not a valid host name (only letters, digits, '-' and '.'), so the lookup fails.",
                    "store the value itself here; or, in the plugin, read it from a section whose name is a host name (e.g. 'my-plugin' instead of 'my_plugin')");
            }
            if (!_hasStore)
            {
                Add(SecretWithoutStore, Severity.Error, option, read,
                    $"{where} is '$' (fetch from the local Credential Store), but [credential_store] name is not set, so there is no store to fetch it from.",
                    "set 'name' in [credential_store] to the local Credential Store policy that holds the value");
            }
        }
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
