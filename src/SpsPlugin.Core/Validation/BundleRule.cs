using System.Collections.Generic;

namespace SpsPlugin.Validation;

/// <summary>One rule of the catalogue: its descriptor, and the check that yields its findings.</summary>
internal abstract class BundleRule
{
    protected BundleRule(string id, string area, Severity severity, string title, string description, string fix, ErrorKind? findingKind = null)
    {
        Descriptor = new SpsPluginRule(id, area, severity, title, description, fix, findingKind);
    }

    public SpsPluginRule Descriptor { get; }

    /// <summary>True when the rule needs an opened bundle; otherwise it runs even when opening failed.</summary>
    public virtual bool NeedsBundle => true;

    /// <summary>
    /// True when the rule reads <see cref="ValidationContext.Python"/>: it runs once the batch's interpreter answered.
    /// The other rules run while the interpreter works (reading the analysis there throws).
    /// </summary>
    public virtual bool NeedsPython => false;

    /// <summary>
    /// True when the rule runs after the batch's interpreter answered, with the rules that read its
    /// analysis, in catalogue order; the others run while it works. Every rule that reads the analysis
    /// does; one that does not may need to, when its reads decide what such a rule sees.
    /// </summary>
    public virtual bool RunsAfterPythonAnalysis => NeedsPython;

    public abstract IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context);

    protected SpsPluginDiagnostic Finding(ValidationContext context, string message, string? entry = null, int? line = null, int? column = null, string? fix = null) =>
        context.Finding(Descriptor, message, entry, line, column, fix);
}
