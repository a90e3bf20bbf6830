using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Config;

/// <summary>
/// One value as a plugin reads it: an option in the context of <see cref="Section"/>, its own or
/// inherited from [DEFAULT]; an inherited value may stand for more sections that read it alike.
/// </summary>
internal readonly struct ConfigRead
{
    public ConfigRead(string section, SpsPluginConfigOption option, IReadOnlyList<string>? alsoIn = null, int alsoInCount = 0)
    {
        Section = section;
        Option = option;
        AlsoIn = alsoIn ?? Array.Empty<string>();
        AlsoInCount = alsoInCount;
    }

    /// <summary>The section the plugin reads from (for an inherited value, not the [DEFAULT] it is written in).</summary>
    public string Section { get; }

    /// <summary>The option, interpolated as <see cref="Section"/> sees it.</summary>
    public SpsPluginConfigOption Option { get; }

    /// <summary>The first few other sections that read the same value the same way.</summary>
    public IReadOnlyList<string> AlsoIn { get; }

    /// <summary>How many other sections read the same value the same way (<see cref="AlsoIn"/> names the first).</summary>
    public int AlsoInCount { get; }

    public bool IsInherited => Option.Section != Section;

    /// <summary>"[auth] disable_echo", or "[auth] disable_echo (inherited from [DEFAULT] line 2)".</summary>
    public string Describe() => IsInherited
        ? $"[{Section}] {Option.Name} (inherited from [{Option.Section}] line {Option.Line})"
        : $"[{Section}] {Option.Name}";
}

/// <summary>
/// Which values a plugin reads from a policy, as configparser's get() finds them: every enabled option
/// of every section; each [DEFAULT] option in the sections that inherit and read it (those whose
/// template lists it; every section that may read any name: all of them without a reference); a
/// [DEFAULT] option no section reads is still judged on its own, as [DEFAULT] sees it, so that a broken
/// value is never passed over. Many sections times many [DEFAULT] options are not judged pair by pair:
/// an inherited value reads the same in every section unless the section's own options change what its
/// %(name)s references give, so sections that read alike share one read, and the pairs that do need their
/// own interpolation are bounded by <see cref="MaxContextualReads"/>.
/// </summary>
internal sealed class ConfigReads
{
    /// <summary>Sections named besides the one a finding speaks of; the rest are counted.</summary>
    public const int NamedSections = 3;

    /// <summary>
    /// Inherited values interpolated anew for one section (its own options are what they refer to).
    /// A real policy has a few; a file with more is built to make the check slow.
    /// </summary>
    public const int MaxContextualReads = 10_000;

    // Over-approximates the names "%(name)s" refers to: more names only means more values judged one by one.
    private static readonly Regex ReferencedName = new(@"\(([^)]*)\)", RegexOptions.CultureInvariant);

    private readonly SpsPluginConfig _config;
    private readonly List<ConfigRead> _reads = new();
    private readonly HashSet<string> _readDefaults = new(StringComparer.Ordinal);
    private int _contextualReads;

    public ConfigReads(SpsPluginConfig config, ConfigOptionKinds kinds)
    {
        _config = config;
        var defaults = config.Options.Where(o => o.Section == ConfigDocumentReader.DefaultSection).ToArray();
        var defaultsByName = defaults.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var referenced = ReferencedNames(config);
        var groups = new Dictionary<(string Base, bool Host, bool Logging, bool Contextual), SectionGroup>();
        foreach (var section in config.Sections.Where(s => !s.IsDefault))
        {
            var own = section.Options.Where(o => o.IsEnabled).ToArray();
            _reads.AddRange(own.Select(o => new ConfigRead(section.Name, o)));
            var excluded = new HashSet<string>(own.Select(o => o.Name), StringComparer.Ordinal);
            var contextual = excluded.Overlaps(referenced);
            foreach (var name in kinds.TemplatedNames(section.Name))
            {
                if (excluded.Add(name) && defaultsByName.TryGetValue(name, out var inherited))
                {
                    Inherit(section.Name, inherited, contextual);
                }
            }
            if (kinds.ReadsAnyName(section.Name))
            {
                var key = (ConfigOptionKinds.CommonBase(section.Name), SpsPluginConfigRules.IsHostName(section.Name), section.Name == "logging", contextual);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new SectionGroup();
                }
                group.Add(section.Name, excluded);
            }
        }
        foreach (var pair in groups)
        {
            foreach (var option in defaults)
            {
                if (pair.Key.Contextual && HasReference(option))
                {
                    continue;
                }
                var readers = pair.Value.Readers(option.Name);
                if (readers.Count > 0)
                {
                    _readDefaults.Add(option.Name);
                    _reads.Add(new ConfigRead(readers.First, option, readers.Others, readers.Count - 1));
                }
            }
            if (pair.Key.Contextual)
            {
                InheritOneByOne(pair.Value, defaults.Where(HasReference).ToArray());
            }
        }
        _reads.AddRange(defaults.Where(d => !_readDefaults.Contains(d.Name)).Select(d => new ConfigRead(d.Section, d)));
    }

    public IReadOnlyList<ConfigRead> Reads => _reads;

    /// <summary>Inherited values past <see cref="MaxContextualReads"/> that were not judged in their section's context.</summary>
    public int Unjudged { get; private set; }

    /// <summary>The [DEFAULT] option of the first value not judged; null when all were.</summary>
    public SpsPluginConfigOption? FirstUnjudged { get; private set; }

    private static bool HasReference(SpsPluginConfigOption option) => option.Value.IndexOf('%') >= 0;

    private static HashSet<string> ReferencedNames(SpsPluginConfig config)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in config.Options.Where(HasReference))
        {
            foreach (Match match in ReferencedName.Matches(option.Value))
            {
                names.Add(PyText.Lower(match.Groups[1].Value));
            }
        }
        return names;
    }

    /// <summary>
    /// A [DEFAULT] value read in <paramref name="section"/>: interpolated anew where the section's own options
    /// may change it, else the value [DEFAULT] itself gives, which is the same.
    /// </summary>
    private void Inherit(string section, SpsPluginConfigOption option, bool contextual)
    {
        _readDefaults.Add(option.Name);
        if (!contextual || !HasReference(option))
        {
            _reads.Add(new ConfigRead(section, option));
        }
        else if (_contextualReads < MaxContextualReads)
        {
            _contextualReads++;
            _reads.Add(new ConfigRead(section, _config.InheritedInto(option, section)));
        }
        else
        {
            Unjudged++;
            FirstUnjudged ??= option;
        }
    }

    private void InheritOneByOne(SectionGroup group, SpsPluginConfigOption[] interpolating)
    {
        var names = new HashSet<string>(interpolating.Select(o => o.Name), StringComparer.Ordinal);
        foreach (var (section, excluded) in group.Members)
        {
            if (_contextualReads >= MaxContextualReads)
            {
                // Counted, not walked: the rest may be many sections times many options.
                var count = interpolating.Length - excluded.Count(names.Contains);
                Unjudged += count;
                FirstUnjudged ??= count > 0 ? interpolating.First(o => !excluded.Contains(o.Name)) : null;
                continue;
            }
            foreach (var option in interpolating.Where(o => !excluded.Contains(o.Name)))
            {
                Inherit(section, option, contextual: true);
            }
        }
    }

    /// <summary>The first section of a group that reads an inherited option, the next few, and how many do.</summary>
    private readonly struct GroupReaders
    {
        public GroupReaders(string first, IReadOnlyList<string> others, int count)
        {
            First = first;
            Others = others;
            Count = count;
        }

        public string First { get; }

        public IReadOnlyList<string> Others { get; }

        public int Count { get; }
    }

    /// <summary>Sections that read an option the reference does not list alike, each with the names it does not inherit (its own, its templated).</summary>
    private sealed class SectionGroup
    {
        private readonly Dictionary<string, int> _excludedCount = new(StringComparer.Ordinal);

        public List<(string Section, HashSet<string> Excluded)> Members { get; } = new();

        public void Add(string section, HashSet<string> excluded)
        {
            Members.Add((section, excluded));
            foreach (var name in excluded)
            {
                _excludedCount[name] = _excludedCount.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }

        /// <summary>The members that inherit <paramref name="name"/>: the walk skips only members that exclude it, so it stays short.</summary>
        public GroupReaders Readers(string name)
        {
            var count = Members.Count - (_excludedCount.TryGetValue(name, out var excluded) ? excluded : 0);
            var named = new List<string>(NamedSections + 1);
            for (var i = 0; i < Members.Count && named.Count <= NamedSections && named.Count < count; i++)
            {
                if (!Members[i].Excluded.Contains(name))
                {
                    named.Add(Members[i].Section);
                }
            }
            return count == 0 ? default : new GroupReaders(named[0], named.Skip(1).ToArray(), count);
        }
    }
}
