using System.Globalization;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// One finding about a plugin: what is wrong (or worth knowing), where, and how to fix it.
/// Produced by readers and rules; the cmdlets turn errors into error records.
/// </summary>
public sealed class SpsPluginDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public SpsPluginDiagnostic(
        string ruleId,
        Severity severity,
        string message,
        string? path = null,
        string? entry = null,
        int? line = null,
        int? column = null,
        string? suggestedFix = null)
    {
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Path = path;
        Entry = entry;
        Line = line;
        Column = column;
        SuggestedFix = suggestedFix;
    }

    /// <summary>The stable id of the rule or error, e.g. <c>ManifestSyntaxError</c>.</summary>
    public string RuleId { get; }

    /// <summary>Error, Warning or Information.</summary>
    public Severity Severity { get; }

    /// <summary>What is wrong, in a sentence that names the thing.</summary>
    public string Message { get; }

    /// <summary>The file (or zip) the finding is about.</summary>
    public string? Path { get; }

    /// <summary>The entry inside a zip or folder (with <c>/</c> separators), e.g. <c>MANIFEST</c>.</summary>
    public string? Entry { get; }

    /// <summary>1-based line in the entry, where known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the line, where known.</summary>
    public int? Column { get; }

    /// <summary>What to change to fix it.</summary>
    public string? SuggestedFix { get; }

    /// <summary>Returns a copy located in <paramref name="path"/> / <paramref name="entry"/>.</summary>
    public SpsPluginDiagnostic At(string? path, string? entry) =>
        new(RuleId, Severity, Message, path, entry, Line, Column, SuggestedFix);

    /// <summary>The location as <c>path!entry:line:column</c>, as much of it as is known.</summary>
    public string Location
    {
        get
        {
            var text = new StringBuilder(Path ?? string.Empty);
            if (Entry != null)
            {
                text.Append(text.Length > 0 ? "!" : string.Empty).Append(Entry);
            }
            if (Line != null)
            {
                text.Append(':').Append(Line.Value.ToString(CultureInfo.InvariantCulture));
                if (Column != null)
                {
                    text.Append(':').Append(Column.Value.ToString(CultureInfo.InvariantCulture));
                }
            }
            return text.ToString();
        }
    }

    /// <summary>A one-line rendering: <c>location: Severity RuleId: message Fix: …</c>.</summary>
    public override string ToString()
    {
        var location = Location;
        var text = (location.Length > 0 ? location + ": " : string.Empty) + Severity + " " + RuleId + ": " + Message;
        return SuggestedFix == null ? text : text + " Fix: " + SuggestedFix;
    }
}
