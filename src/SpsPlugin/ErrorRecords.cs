using System;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Builds PowerShell error records from Core failures and findings. Every record's id, category and
/// exception come from one entry of <see cref="SpsPluginErrorCatalogue"/>, so the id a script matches
/// on, the category and the exception's ErrorId never disagree; the recommended action is the
/// finding's own fix where it has one, else the entry's.
/// </summary>
internal static class ErrorRecords
{
    /// <summary>A failure: its id, its kind as category, its path (or <paramref name="target"/>) as target.</summary>
    public static ErrorRecord From(SpsPluginException failure, object? target = null) =>
        Record(failure, failure.ErrorId.Id, target ?? failure.Path, failure.Message, fix: null);

    /// <summary>
    /// A failure of a family of ids (HookFailed): the record's id is <c>Id.member</c>, so scripts can
    /// tell the members apart; <paramref name="details"/> is what the user reads (a traceback added).
    /// </summary>
    public static ErrorRecord FromFamily(SpsPluginException failure, string member, string details, string? fix) =>
        Record(failure, failure.ErrorId.Id + "." + member, failure.Path, details, fix);

    /// <summary>
    /// A finding, on its own (a MANIFEST or configuration reader's error) or as the reason for
    /// <paramref name="cause"/>, which then becomes the exception's InnerException. The id is the
    /// finding's: a failure id or a validation rule id, each with its own kind.
    /// </summary>
    public static ErrorRecord From(SpsPluginDiagnostic diagnostic, SpsPluginException? cause = null)
    {
        var id = SpsPluginErrorCatalogue.Get(diagnostic.RuleId);
        var location = diagnostic.Location;
        var message = (location.Length > 0 ? location + ": " : string.Empty) + diagnostic.Message;
        var exception = new SpsPluginException(id, message, diagnostic.Path, new[] { diagnostic }, cause);
        // A finding in text with no file (-Content) is targeted at where it is: its entry ("-Content").
        return Record(exception, id.Id, diagnostic.Path ?? diagnostic.Entry, message, diagnostic.SuggestedFix);
    }

    /// <summary>One record for a failure: its first finding's when it has findings (the id then names what is wrong), else its own.</summary>
    public static ErrorRecord FromFirstFinding(SpsPluginException failure) =>
        failure.Diagnostics.Count > 0 ? From(failure.Diagnostics[0], failure) : From(failure);

    private static ErrorRecord Record(SpsPluginException exception, string id, object? target, string message, string? fix) =>
        new(exception, id, Category(exception.ErrorId.Kind), target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix ?? exception.ErrorId.RecommendedAction },
        };

    private static ErrorCategory Category(ErrorKind kind) =>
        (ErrorCategory)Enum.Parse(typeof(ErrorCategory), kind.ToString());
}
