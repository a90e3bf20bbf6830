using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpsPlugin.IO;

/// <summary>
/// The small JSON reader and writer Core needs to talk to its Python helpers (netstandard2.0 has no
/// JSON in the box, and Core takes no package). Objects read as <see cref="Dictionary{TKey,TValue}"/>
/// (insertion order kept), arrays as <see cref="List{T}"/>, numbers as <see cref="double"/>.
/// </summary>
internal static class MiniJson
{
    /// <summary>The deepest value read or written: the top value is at depth 0, its items at 1. hook_host.py refuses deeper results by this figure.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Parses JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON; the message gives the offset.</exception>
    public static object? Parse(string text)
    {
        var at = 0;
        var value = ReadValue(text, ref at, 0);
        SkipSpace(text, ref at);
        if (at != text.Length)
        {
            throw new FormatException($"unexpected text after the JSON value at offset {at}");
        }
        return value;
    }

    /// <summary>
    /// Writes a JSON string literal. Control characters, DEL and the Unicode line breaks (NEL, LS, PS)
    /// are escaped, so the literal is also a YAML double-quoted scalar that no reader folds.
    /// </summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// Writes a value: null, bool, numbers, strings, dictionaries with string keys (as objects) and
    /// other enumerables (as arrays). Anything else is written as its string.
    /// </summary>
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        WriteValue(text, value, 0);
        return text.ToString();
    }

    private static void WriteValue(StringBuilder text, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("value nested too deeply for JSON");
        }
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case string s:
                text.Append(Quote(s));
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                text.Append(((double)f).ToString("R", CultureInfo.InvariantCulture));
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte or decimal:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case System.Collections.IDictionary map:
                text.Append('{');
                var first = true;
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    text.Append(first ? string.Empty : ", ").Append(Quote(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty)).Append(": ");
                    WriteValue(text, entry.Value, depth + 1);
                    first = false;
                }
                text.Append('}');
                break;
            case System.Collections.IEnumerable items:
                text.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    text.Append(firstItem ? string.Empty : ", ");
                    WriteValue(text, item, depth + 1);
                    firstItem = false;
                }
                text.Append(']');
                break;
            default:
                text.Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }

    private static object? ReadValue(string s, ref int at, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("JSON nested too deeply");
        }
        SkipSpace(s, ref at);
        if (at >= s.Length)
        {
            throw new FormatException("unexpected end of JSON");
        }
        switch (s[at])
        {
            case '{':
                return ReadObject(s, ref at, depth);
            case '[':
                return ReadArray(s, ref at, depth);
            case '"':
                return ReadString(s, ref at);
            case 't':
                return ReadWord(s, ref at, "true", true);
            case 'f':
                return ReadWord(s, ref at, "false", false);
            case 'n':
                return ReadWord(s, ref at, "null", null);
            default:
                return ReadNumber(s, ref at);
        }
    }

    private static Dictionary<string, object?> ReadObject(string s, ref int at, int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        at++;
        SkipSpace(s, ref at);
        if (at < s.Length && s[at] == '}')
        {
            at++;
            return result;
        }
        while (true)
        {
            SkipSpace(s, ref at);
            if (at >= s.Length || s[at] != '"')
            {
                throw new FormatException($"expected a property name at offset {at}");
            }
            var key = ReadString(s, ref at);
            SkipSpace(s, ref at);
            Expect(s, ref at, ':');
            result[key] = ReadValue(s, ref at, depth + 1);
            SkipSpace(s, ref at);
            if (at < s.Length && s[at] == ',')
            {
                at++;
                continue;
            }
            Expect(s, ref at, '}');
            return result;
        }
    }

    private static List<object?> ReadArray(string s, ref int at, int depth)
    {
        var result = new List<object?>();
        at++;
        SkipSpace(s, ref at);
        if (at < s.Length && s[at] == ']')
        {
            at++;
            return result;
        }
        while (true)
        {
            result.Add(ReadValue(s, ref at, depth + 1));
            SkipSpace(s, ref at);
            if (at < s.Length && s[at] == ',')
            {
                at++;
                continue;
            }
            Expect(s, ref at, ']');
            return result;
        }
    }

    private static string ReadString(string s, ref int at)
    {
        var text = new StringBuilder();
        at++;
        while (at < s.Length)
        {
            var c = s[at++];
            if (c == '"')
            {
                return text.ToString();
            }
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (at >= s.Length)
            {
                break;
            }
            var e = s[at++];
            switch (e)
            {
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case '/': text.Append('/'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (at + 4 > s.Length || !int.TryParse(s.Substring(at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new FormatException($"bad \\u escape at offset {at}");
                    }
                    text.Append((char)code);
                    at += 4;
                    break;
                default:
                    throw new FormatException($"bad escape '\\{e}' at offset {at - 1}");
            }
        }
        throw new FormatException("unterminated JSON string");
    }

    private static object? ReadWord(string s, ref int at, string word, object? value)
    {
        if (string.CompareOrdinal(s, at, word, 0, word.Length) != 0)
        {
            throw new FormatException($"unexpected text at offset {at}");
        }
        at += word.Length;
        return value;
    }

    /// <summary>A whole number reads as <see cref="long"/> (Python's ints stay ints), any other as <see cref="double"/>.</summary>
    private static object ReadNumber(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && "+-0123456789.eE".IndexOf(s[at]) >= 0)
        {
            at++;
        }
        var text = s.Substring(start, at - start);
        if (text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }
        if (text.Length == 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"unexpected character at offset {start}");
        }
        return number;
    }

    private static void Expect(string s, ref int at, char c)
    {
        if (at >= s.Length || s[at] != c)
        {
            throw new FormatException($"expected '{c}' at offset {at}");
        }
        at++;
    }

    private static void SkipSpace(string s, ref int at)
    {
        while (at < s.Length && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
        {
            at++;
        }
    }
}
