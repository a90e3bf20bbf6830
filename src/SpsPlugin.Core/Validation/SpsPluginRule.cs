using System.Linq;

namespace SpsPlugin;

/// <summary>One rule of the validation catalogue: what <c>Get-SpsPluginRule</c> lists.</summary>
public sealed class SpsPluginRule
{
    // findingKind: the kind of an error record made from a finding. By default a zip hazard is a
    // SecurityError (extracting it is what is unsafe) and anything else InvalidData; an id that is a
    // failure as well (a reader failure such as ManifestSyntaxError) keeps the failure's kind, so one
    // id has one kind.
    internal SpsPluginRule(string id, string area, Severity severity, string title, string description, string fix, ErrorKind? findingKind = null)
    {
        Id = id;
        Area = area;
        Severity = severity;
        Title = title;
        Description = description;
        Fix = fix;
        ErrorId = SpsPluginErrorId.All.FirstOrDefault(e => e.Id == id)
            ?? SpsPluginErrorId.ForRule(id, findingKind ?? (area == "Zip" ? ErrorKind.SecurityError : ErrorKind.InvalidData), title, fix);
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

    /// <summary>The id an error record made from one of this rule's findings carries.</summary>
    internal SpsPluginErrorId ErrorId { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
