using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Config;

/// <summary>One value as a plugin reads it: an option in the context of <see cref="Section"/>, its own or inherited from [DEFAULT].</summary>
internal readonly struct ConfigRead
{
    public ConfigRead(string section, SpsPluginConfigOption option)
    {
        Section = section;
        Option = option;
    }

    /// <summary>The section the plugin reads from (for an inherited value, not the [DEFAULT] it is written in).</summary>
    public string Section { get; }

    /// <summary>The option, interpolated as <see cref="Section"/> sees it.</summary>
    public SpsPluginConfigOption Option { get; }

    public bool IsInherited => Option.Section != Section;

    /// <summary>"[auth] disable_echo", or "[auth] disable_echo (inherited from [DEFAULT] line 2)".</summary>
    public string Describe() => IsInherited
        ? $"[{Section}] {Option.Name} (inherited from [{Option.Section}] line {Option.Line})"
        : $"[{Section}] {Option.Name}";
}

/// <summary>Which values a plugin reads from a policy, as configparser's get() finds them.</summary>
internal static class ConfigReads
{
    /// <summary>
    /// Every enabled option of every section; every [DEFAULT] option in each section that inherits it
    /// and reads it (<see cref="ConfigOptionKinds.ReadsInherited"/>); a [DEFAULT] option no section reads
    /// is still judged on its own, as [DEFAULT] sees it, so that a broken value is never passed over.
    /// </summary>
    public static IEnumerable<ConfigRead> Of(SpsPluginConfig config, ConfigOptionKinds kinds)
    {
        var defaults = config.Options.Where(o => o.Section == ConfigDocumentReader.DefaultSection).ToArray();
        var readDefaults = new HashSet<string>();
        foreach (var section in config.Sections.Where(s => !s.IsDefault))
        {
            var own = section.Options.Where(o => o.IsEnabled).ToArray();
            foreach (var option in own)
            {
                yield return new ConfigRead(section.Name, option);
            }
            foreach (var inherited in defaults.Where(d => !own.Any(o => o.Name == d.Name) && kinds.ReadsInherited(section.Name, d.Name)))
            {
                readDefaults.Add(inherited.Name);
                yield return new ConfigRead(section.Name, config.GetOption(section.Name, inherited.Name)!);
            }
        }
        foreach (var unread in defaults.Where(d => !readDefaults.Contains(d.Name)))
        {
            yield return new ConfigRead(unread.Section, unread);
        }
    }
}
