namespace SpsPlugin;

/// <summary>The words every report uses for a finding.</summary>
internal static class ReportText
{
    /// <summary>The message, where inside a zip when the location cannot say it, and the fix.</summary>
    public static string MessageWithFix(SpsPluginDiagnostic finding, FindingLocation where)
    {
        var message = where.ZipEntry == null ? finding.Message : $"{finding.Message} (in the zip at {where.ZipEntryText})";
        return finding.SuggestedFix == null ? message : message + " Fix: " + finding.SuggestedFix;
    }
}
