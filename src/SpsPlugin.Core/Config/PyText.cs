using System.Text;

namespace SpsPlugin.Config;

/// <summary>
/// Python's own string rules where configparser relies on them: <c>str.isspace</c> (and the
/// <c>\s</c> of its regular expressions, which is the same set), <c>strip</c>, and <c>lower</c>.
/// .NET's versions differ at the edges (U+001C–U+001F are spaces to Python; İ lowers to two characters).
/// </summary>
internal static class PyText
{
    /// <summary>True for the 29 characters Python 3's <c>str.isspace()</c> accepts.</summary>
    public static bool IsSpace(char c) =>
        c <= ' '
            ? (c >= '\t' && c <= '\r') || c >= '\u001c'
            : c >= '\u0085' && (c == '\u0085' || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') ||
                c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000');

    /// <summary><c>str.strip()</c>.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }
        return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
    }

    /// <summary><c>str.rstrip()</c>.</summary>
    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }
        return text.Substring(0, end);
    }

    /// <summary>Index of the first character that is not a Python space, or -1.</summary>
    public static int FirstNonSpace(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsSpace(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// <c>str.lower()</c>, which configparser applies to option names: the invariant lower case, plus
    /// Python's two special rules (İ becomes "i̇"; Σ at the end of a word becomes ς).
    /// </summary>
    public static string Lower(string text)
    {
        // Most option names are already lower-case ASCII: nothing to do.
        var plain = true;
        foreach (var c in text)
        {
            if (c >= 0x80 || (c >= 'A' && c <= 'Z'))
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            return text;
        }
        var lower = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u0130')
            {
                lower.Append("i\u0307");
            }
            else if (c == '\u03a3')
            {
                var afterLetter = i > 0 && char.IsLetter(text[i - 1]);
                var beforeLetter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
                lower.Append(afterLetter && !beforeLetter ? '\u03c2' : '\u03c3');
            }
            else
            {
                lower.Append(char.ToLowerInvariant(c));
            }
        }
        return lower.ToString();
    }
}
