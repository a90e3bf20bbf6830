using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// What a publish of one bundle to one appliance will do, decided before anything changes: the validation
/// and its target, the plugin installed under the same name and type, upload or skip, and why.
/// </summary>
public sealed class SpsPluginPublishPlan
{
    internal SpsPluginPublishPlan(SpsPluginPublishSource source, SpsApplianceSession session, string target,
        IReadOnlyList<SpsPluginDiagnostic> findings, SpsInstalledPlugin? installed, bool upload, string reason)
    {
        Source = source;
        Session = session;
        Target = target;
        Findings = findings;
        Installed = installed;
        Upload = upload;
        Reason = reason;
    }

    /// <summary>The bundle.</summary>
    public SpsPluginPublishSource Source { get; }

    /// <summary>The appliance session.</summary>
    public SpsApplianceSession Session { get; }

    /// <summary>The release validated against and why that one.</summary>
    public string Target { get; }

    /// <summary>The validation's findings (errors only when forced past them).</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Findings { get; }

    /// <summary>The plugin of the same name and type installed now; null when none.</summary>
    public SpsInstalledPlugin? Installed { get; }

    /// <summary>True to upload, false to skip.</summary>
    public bool Upload { get; }

    /// <summary>Why upload or skip.</summary>
    public string Reason { get; }

    /// <summary>The -WhatIf result: what would be done, nothing sent.</summary>
    public SpsPluginPublishResult WhatIf() =>
        new(this, SpsPluginPublishAction.WhatIf, (Upload ? "Would upload: " : "Would skip: ") + Reason, Installed, false, System.TimeSpan.Zero);

    /// <inheritdoc />
    public override string ToString() => $"{Session.Appliance}: {(Upload ? "upload" : "skip")} {Source.Identity}";
}
