using System.Collections.Generic;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// SPS's error answer: JSON with an <c>error</c> object carrying <c>code</c>, <c>message</c> and
/// <c>details</c> (reference §7), read leniently: a proxy's HTML page or an empty body still gives a
/// message with the status.
/// </summary>
internal sealed class ApplianceError
{
    private ApplianceError(string? code, string? message, string? details)
    {
        Code = code;
        Message = message;
        Details = details;
    }

    public string? Code { get; }

    public string? Message { get; }

    /// <summary>The details object as JSON text.</summary>
    public string? Details { get; }

    public static ApplianceError From(object? body)
    {
        if (ApplianceJson.Get(body, "error") is not Dictionary<string, object?> error)
        {
            return new ApplianceError(null, null, null);
        }
        var details = ApplianceJson.Get(error, "details");
        return new ApplianceError(ApplianceJson.Text(error, "code"), ApplianceJson.Text(error, "message"),
            details == null ? null : MiniJson.Write(details));
    }

    /// <summary>Whether the code, message or details mention <paramref name="word"/> (ignoring case).</summary>
    public bool Mentions(string word) =>
        Contains(Code, word) || Contains(Message, word) || Contains(Details, word);

    /// <summary>"code: message (details ...)", or an empty string when SPS said nothing readable.</summary>
    public string Describe()
    {
        var text = string.Join(": ", new[] { Code, Message }.Where(s => !string.IsNullOrEmpty(s)));
        return Details == null ? text : text + $" (details: {Details})";
    }

    private static bool Contains(string? text, string word) =>
        text != null && text.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0;
}
