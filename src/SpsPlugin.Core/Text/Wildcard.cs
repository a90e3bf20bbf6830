using System.Text.RegularExpressions;

namespace SpsPlugin;

/// <summary>
/// PowerShell-style wildcards (<c>*</c> and <c>?</c>, case-insensitive) for names the user selects:
/// rule ids, template names, scenario names. Neutral, so no folder borrows another's to match a name.
/// </summary>
internal static class Wildcard
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool Matches(string text, string pattern) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "\\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
