namespace SpsPlugin;

/// <summary>One rule of the validation catalogue: what <c>Get-SpsPluginRule</c> lists.</summary>
public sealed class SpsPluginRule
{
    internal SpsPluginRule(string id, string area, Severity severity, string title, string description, string fix)
    {
        Id = id;
        Area = area;
        Severity = severity;
        Title = title;
        Description = description;
        Fix = fix;
    }

    /// <summary>The stable id, e.g. <c>ManifestName</c>.</summary>
    public string Id { get; }

    /// <summary>Manifest, Release, Python, Structure, Config or Zip.</summary>
    public string Area { get; }

    /// <summary>How serious a finding is.</summary>
    public Severity Severity { get; }

    /// <summary>A short title.</summary>
    public string Title { get; }

    /// <summary>What the rule checks and why SPS cares.</summary>
    public string Description { get; }

    /// <summary>What to do about a finding.</summary>
    public string Fix { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
