using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// A <c>[section]</c> of a policy configuration. Sections like <c>[whitelist source=user_list]</c>
/// keep their full name and expose the qualifier after the first space.
/// </summary>
public sealed class SpsPluginConfigSection
{
    internal SpsPluginConfigSection(string name, int line, IReadOnlyList<SpsPluginConfigOption> options)
    {
        Name = name;
        Line = line;
        Options = options;
        var space = name.IndexOf(' ');
        BaseName = space < 0 ? name : name.Substring(0, space);
        Qualifier = space < 0 ? null : name.Substring(space + 1).Trim();
    }

    /// <summary>The full name, exactly as between the brackets (case-sensitive).</summary>
    public string Name { get; }

    /// <summary>The name before the first space: <c>whitelist</c> for <c>[whitelist source=user_list]</c>.</summary>
    public string BaseName { get; }

    /// <summary>What follows the first space (<c>source=user_list</c>); null when none.</summary>
    public string? Qualifier { get; }

    /// <summary>True for <c>[DEFAULT]</c>, whose options every section inherits.</summary>
    public bool IsDefault => Name == Config.ConfigDocumentReader.DefaultSection;

    /// <summary>1-based line of the header.</summary>
    public int Line { get; }

    /// <summary>The section's own options, enabled and commented, in file order.</summary>
    public IReadOnlyList<SpsPluginConfigOption> Options { get; }

    /// <inheritdoc />
    public override string ToString() => "[" + Name + "]";
}
