using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// One hook SPS calls on a plugin of one type: its name, whether the type must implement it, and
/// the argument names SPS passes it, exactly as the reference lists them. The same name may belong
/// to two types (session_ended), with a different requirement each; <see cref="SpsHooks"/> holds them all.
/// </summary>
public sealed class SpsHook
{
    internal SpsHook(string name, SpsPluginType pluginType, SpsHookRequirement requirement, string source,
        IReadOnlyList<string> argumentNames, IReadOnlyList<string> deprecatedArgumentNames)
    {
        Name = name;
        PluginType = pluginType;
        Requirement = requirement;
        Source = source;
        ArgumentNames = argumentNames;
        DeprecatedArgumentNames = deprecatedArgumentNames;
    }

    /// <summary>The method name SPS calls on Plugin.</summary>
    public string Name { get; }

    /// <summary>The plugin type SPS calls it on.</summary>
    public SpsPluginType PluginType { get; }

    /// <summary>Whether a plugin of <see cref="PluginType"/> must implement it.</summary>
    public SpsHookRequirement Requirement { get; }

    /// <summary>The sections of the SPS plugin reference the entry comes from.</summary>
    public string Source { get; }

    /// <summary>The argument names SPS passes (SDK 1.5 and later), in the reference's order; a hook receives those its signature declares.</summary>
    public IReadOnlyList<string> ArgumentNames { get; }

    /// <summary>Older names SPS still passes beside <see cref="ArgumentNames"/> (the target_* aliases SDK 1.5 replaced).</summary>
    public IReadOnlyList<string> DeprecatedArgumentNames { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PluginType.Name} {Name}({string.Join(", ", ArgumentNames)})";
}
