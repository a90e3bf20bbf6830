using System.Collections.Generic;
using System.Text;

namespace SpsPlugin.Tests.Support;

/// <summary>
/// The string literals of C# source, for tests that check what the sources spell: regular, verbatim
/// and interpolated strings (escapes decoded; each interpolation hole stands as "{}", and literals
/// inside holes count on their own). Comments and character literals are skipped. Raw string
/// literals are not read (the sources have none).
/// </summary>
internal static class CSharpLiterals
{
    public static IReadOnlyList<string> Of(string source)
    {
        var found = new List<string>();
        var at = 0;
        Code(source, ref at, found, inHole: false);
        return found;
    }

    /// <summary>Reads code to the end, or in an interpolation hole to its closing brace (left at it).</summary>
    private static void Code(string s, ref int at, List<string> found, bool inHole)
    {
        var depth = 0;
        while (at < s.Length)
        {
            var c = s[at];
            var next = at + 1 < s.Length ? s[at + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = s.IndexOf('\n', at);
                at = end < 0 ? s.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                var end = s.IndexOf("*/", at + 2, System.StringComparison.Ordinal);
                at = end < 0 ? s.Length : end + 2;
            }
            else if (c == '\'')
            {
                var end = s.IndexOf('\'', s[at + 1] == '\\' ? at + 3 : at + 2);
                at = end < 0 ? s.Length : end + 1;
            }
            else if (c == '"' || ((c == '@' || c == '$') && (next == '"' || next == '@' || next == '$')))
            {
                var interpolated = false;
                var verbatim = false;
                while (s[at] != '"')
                {
                    interpolated |= s[at] == '$';
                    verbatim |= s[at] == '@';
                    at++;
                }
                found.Add(Literal(s, ref at, found, interpolated, verbatim));
            }
            else
            {
                if (inHole && c == '{')
                {
                    depth++;
                }
                else if (inHole && c == '}')
                {
                    if (depth == 0)
                    {
                        return;
                    }
                    depth--;
                }
                at++;
            }
        }
    }

    /// <summary>Reads the literal whose opening quote is at <paramref name="at"/>; leaves <paramref name="at"/> after its closing quote.</summary>
    private static string Literal(string s, ref int at, List<string> found, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        at++;
        while (at < s.Length)
        {
            var c = s[at];
            var next = at + 1 < s.Length ? s[at + 1] : '\0';
            if (c == '"' && verbatim && next == '"')
            {
                text.Append('"');
                at += 2;
            }
            else if (c == '"')
            {
                at++;
                break;
            }
            else if (c == '\\' && !verbatim)
            {
                text.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', _ => next });
                at += 2;
            }
            else if (interpolated && (c == '{' || c == '}') && next == c)
            {
                text.Append(c);
                at += 2;
            }
            else if (interpolated && c == '{')
            {
                at++;
                Code(s, ref at, found, inHole: true);
                at++;
                text.Append("{}");
            }
            else
            {
                text.Append(c);
                at++;
            }
        }
        return text.ToString();
    }
}
