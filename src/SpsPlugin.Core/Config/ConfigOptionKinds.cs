using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Config;

/// <summary>The PluginConfiguration getter a plugin reads an option with (reference §6.8).</summary>
internal enum ConfigGetter
{
    /// <summary><c>get</c>: any text.</summary>
    Get,

    /// <summary><c>getboolean</c>: yes or no in any letter case; anything else, the empty value too, raises.</summary>
    GetBoolean,

    /// <summary><c>getint</c>: what Python's <c>int()</c> accepts.</summary>
    GetInt,

    /// <summary><c>getfloat</c>: what Python's <c>float()</c> accepts.</summary>
    GetFloat,

    /// <summary><c>get_ca_certificate</c>: a PEM text, or a <c>$[name]</c> anywhere in it naming a trusted CA list.</summary>
    GetCaCertificate,
}

/// <summary>How a plugin reads one option: the getter, whether its template asks for <c>$</c>, and who says so.</summary>
internal readonly struct ConfigOptionKind
{
    public ConfigOptionKind(ConfigGetter getter, bool expectsStoreReference, string source)
    {
        Getter = getter;
        ExpectsStoreReference = expectsStoreReference;
        Source = source;
    }

    public ConfigGetter Getter { get; }

    /// <summary>True when the template's value is <c>$</c> or <c>&lt;$-or-…&gt;</c>: the plugin's author asks for the Credential Store.</summary>
    public bool ExpectsStoreReference { get; }

    /// <summary>Where the kind comes from, for messages: "the template on line 12" or "the SDK's common section [auth]".</summary>
    public string Source { get; }
}

/// <summary>
/// Which getter reads which option. The plugin's template (its default.cfg, given as the reference)
/// decides first, by the values it shows (its commented examples, else its enabled value): all yes/no is getboolean, all whole
/// numbers getint, decimals getfloat, a <c>$[…]</c> get_ca_certificate, a <c>$</c> or <c>&lt;$-or-…&gt;</c>
/// a value meant for the Credential Store. Where the template says nothing (no reference, no such
/// option, or only a placeholder), the SDK's common sections (reference §6.9) decide; every other
/// option is read with get. A template is also what the plugin reads: an option inherited from
/// [DEFAULT] is read in a section only when the reference's section lists it (any section, without a reference).
/// </summary>
internal sealed class ConfigOptionKinds
{
    private static readonly Regex WholeNumber = new(@"^[+-]?[0-9]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex Decimal = new(@"^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)\z", RegexOptions.CultureInvariant);

    // SDK-DOCS/1.9.0 aa_plugin_common_configuration, keyed by the section's name before a space
    // ([connection_limit by=…]); [question_N] is matched by its prefix.
    private static readonly Dictionary<(string Section, string Option), ConfigGetter> Common = new()
    {
        [("auth", "disable_echo")] = ConfigGetter.GetBoolean,
        [("question_", "disable_echo")] = ConfigGetter.GetBoolean,
        [("tls", "enabled")] = ConfigGetter.GetBoolean,
        [("tls", "ca_cert")] = ConfigGetter.GetCaCertificate,
        [("https-proxy", "enabled")] = ConfigGetter.GetBoolean,
        [("https-proxy", "port")] = ConfigGetter.GetInt,
        [("https_proxy", "enabled")] = ConfigGetter.GetBoolean,
        [("https_proxy", "port")] = ConfigGetter.GetInt,
        [("ignore_upn_suffix_for_rdp", "ignore")] = ConfigGetter.GetBoolean,
        [("connection_limit", "limit")] = ConfigGetter.GetInt,
        [("authentication_cache", "hard_timeout")] = ConfigGetter.GetInt,
        [("authentication_cache", "soft_timeout")] = ConfigGetter.GetInt,
        [("authentication_cache", "reuse_limit")] = ConfigGetter.GetInt,
    };

    private static readonly HashSet<string> CommonSections = new(Common.Keys.Select(k => k.Section), StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, SpsPluginConfigOption[]> NoTemplates = new Dictionary<string, SpsPluginConfigOption[]>();

    // The reference's options by section and name, and its sections that take any option name.
    private readonly Dictionary<string, Dictionary<string, SpsPluginConfigOption[]>> _templates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _anyName = new(StringComparer.Ordinal);
    private readonly bool _hasReference;

    public ConfigOptionKinds(SpsPluginConfig? reference)
    {
        _hasReference = reference != null;
        foreach (var section in reference?.Sections ?? Array.Empty<SpsPluginConfigSection>())
        {
            // A template like "; <user-name-1>=<id-1>" means the section takes any option name.
            if (section.Options.Any(o => o.Name.StartsWith("<", StringComparison.Ordinal)))
            {
                _anyName.Add(section.Name);
            }
            _templates[section.Name] = section.Options.GroupBy(o => o.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>How option <paramref name="option"/> of <paramref name="section"/> is read.</summary>
    public ConfigOptionKind For(string section, string option)
    {
        // The commented templates are the author's examples; an enabled value speaks only where there is none
        // (and so a default.cfg checked as its own reference is not judged by the value under judgement).
        var named = TemplatesOf(section).TryGetValue(option, out var found) ? found : Array.Empty<SpsPluginConfigOption>();
        var commented = named.Where(o => !o.IsEnabled).ToArray();
        var fromTemplate = FromTemplate(commented.Length > 0 ? commented : named);
        if (fromTemplate != null)
        {
            return fromTemplate.Value;
        }
        return Common.TryGetValue((CommonBase(section), option), out var common)
            ? new ConfigOptionKind(common, false, $"the SDK's common section [{section}]")
            : new ConfigOptionKind(ConfigGetter.Get, false, "no template");
    }

    /// <summary>The option names the reference's section lists: the plugin reads each, inherited from [DEFAULT] too.</summary>
    public IEnumerable<string> TemplatedNames(string section) => TemplatesOf(section).Keys;

    /// <summary>
    /// True when the plugin may read any option of <paramref name="section"/>, so every [DEFAULT] option it
    /// inherits counts as read: without a reference, or where the reference's section takes any name.
    /// </summary>
    public bool ReadsAnyName(string section) => !_hasReference || _anyName.Contains(section);

    /// <summary>
    /// The part of a section name that decides the kind of an option the reference does not list: the
    /// common section it is (<c>connection_limit</c> for <c>[connection_limit by=…]</c>, <c>question_</c>
    /// for <c>[question_2]</c>), else the empty text. Sections with the same one read such options alike.
    /// </summary>
    public static string CommonBase(string section)
    {
        var space = section.IndexOf(' ');
        var baseName = space < 0 ? section : section.Substring(0, space);
        if (baseName.StartsWith("question_", StringComparison.Ordinal))
        {
            baseName = "question_";
        }
        return CommonSections.Contains(baseName) ? baseName : string.Empty;
    }

    private IReadOnlyDictionary<string, SpsPluginConfigOption[]> TemplatesOf(string section) =>
        _templates.TryGetValue(section, out var templates) ? templates : NoTemplates;

    private static ConfigOptionKind? FromTemplate(IReadOnlyList<SpsPluginConfigOption> templates)
    {
        if (templates.Count == 0)
        {
            return null;
        }
        var values = templates.Select(t => PyText.Lower(PyText.Strip(t.Value))).ToArray();
        var source = $"the template on line {templates[0].Line}";
        if (values.All(v => v == "yes" || v == "no"))
        {
            return new ConfigOptionKind(ConfigGetter.GetBoolean, false, source);
        }
        if (values.All(v => WholeNumber.IsMatch(v)))
        {
            return new ConfigOptionKind(ConfigGetter.GetInt, false, source);
        }
        if (values.All(v => Decimal.IsMatch(v)))
        {
            return new ConfigOptionKind(ConfigGetter.GetFloat, false, source);
        }
        if (values.Any(v => v.Contains("$[")))
        {
            return new ConfigOptionKind(ConfigGetter.GetCaCertificate, false, source);
        }
        if (values.Any(v => v == "$" || v.StartsWith("<$", StringComparison.Ordinal)))
        {
            return new ConfigOptionKind(ConfigGetter.Get, true, source);
        }
        return null;
    }
}
