using System;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Builds PowerShell error records from Core failures, keeping the stable id and the fix.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(SpsPluginException failure) =>
        new(failure, failure.ErrorId.Id, Category(failure.ErrorId.Kind), failure.Path);

    public static ErrorRecord From(SpsPluginDiagnostic diagnostic)
    {
        var id = SpsPluginErrorId.All.FirstOrDefault(e => e.Id == diagnostic.RuleId);
        var location = diagnostic.Location;
        var message = (location.Length > 0 ? location + ": " : string.Empty) + diagnostic.Message;
        var exception = new SpsPluginException(
            id ?? SpsPluginErrorId.ManifestSyntaxError, message, diagnostic.Path, new[] { diagnostic });
        return new ErrorRecord(exception, diagnostic.RuleId, id == null ? ErrorCategory.InvalidData : Category(id.Kind), diagnostic.Path)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = diagnostic.SuggestedFix },
        };
    }

    private static ErrorCategory Category(ErrorKind kind) =>
        (ErrorCategory)Enum.Parse(typeof(ErrorCategory), kind.ToString());
}
