using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace SpsPlugin.IO;

/// <summary>
/// The small JSON reader and writer Core needs to talk to its Python helpers (netstandard2.0 has no
/// JSON in the box, and Core takes no package). It reads what Python's <c>json</c> module reads, with
/// the same types: objects as <see cref="Dictionary{TKey,TValue}"/> (insertion order kept), arrays as
/// <see cref="List{T}"/>, ints as <see cref="long"/> (<see cref="BigInteger"/> beyond its range),
/// floats as <see cref="double"/>, including NaN, Infinity and -Infinity, which Python writes by
/// default. It writes values back so that Python reads the same types: a float always as a float.
/// </summary>
internal static class MiniJson
{
    /// <summary>The deepest value read or written: the top value is at depth 0, its items at 1. hook_host.py refuses deeper results by this figure.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Parses JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON; the message is Python's and gives the offset.</exception>
    public static object? Parse(string text)
    {
        var at = 0;
        var value = ReadValue(text, ref at, 0);
        SkipSpace(text, ref at);
        if (at != text.Length)
        {
            throw Error("Extra data", at);
        }
        return value;
    }

    /// <summary>
    /// Writes a JSON string literal. Control characters, DEL and the Unicode line breaks (NEL, LS, PS)
    /// are escaped, so the literal is also a YAML double-quoted scalar that no reader folds; so is
    /// half a surrogate pair, which UTF-8 cannot carry but a Python str can hold.
    /// </summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
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
                text.Append(FloatText(d));
                break;
            case float f:
                text.Append(FloatText(f));
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte or decimal or BigInteger:
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

    /// <summary>
    /// A float as Python's json.dumps writes it: <c>repr()</c>, so 1.0 stays "1.0" and reads back as a
    /// float, not the int 1; NaN and the infinities as the words Python's json reads.
    /// </summary>
    private static string FloatText(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : PythonFormat.FloatRepr(value);

    private static object? ReadValue(string s, ref int at, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("JSON nested too deeply");
        }
        SkipSpace(s, ref at);
        switch (at < s.Length ? s[at] : '\0')
        {
            case '{':
                return ReadObject(s, ref at, depth);
            case '[':
                return ReadArray(s, ref at, depth);
            case '"':
                return ReadString(s, ref at);
            case 't' when Follows(s, at, "true"):
                at += 4;
                return true;
            case 'f' when Follows(s, at, "false"):
                at += 5;
                return false;
            case 'n' when Follows(s, at, "null"):
                at += 4;
                return null;
            // Python's json writes and reads these three words for the floats JSON has no spelling
            // for (allow_nan=True, its default, which SPS's own plugin runner uses).
            case 'N' when Follows(s, at, "NaN"):
                at += 3;
                return double.NaN;
            case 'I' when Follows(s, at, "Infinity"):
                at += 8;
                return double.PositiveInfinity;
            case '-' when Follows(s, at, "-Infinity"):
                at += 9;
                return double.NegativeInfinity;
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
                throw Error("Expecting property name enclosed in double quotes", at);
            }
            // A repeated name keeps its first place and its last value, as a Python dict does.
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

    /// <summary>
    /// A string literal as Python's json reads it (strict): raw control characters are refused, and a
    /// \u escape of half a surrogate pair stays a lone UTF-16 unit, as in a Python str.
    /// </summary>
    private static string ReadString(string s, ref int at)
    {
        var start = at;
        var text = new StringBuilder();
        at++;
        while (at < s.Length)
        {
            var c = s[at];
            if (c == '"')
            {
                at++;
                return text.ToString();
            }
            if (c < ' ')
            {
                throw Error("Invalid control character", at);
            }
            if (c != '\\')
            {
                text.Append(c);
                at++;
                continue;
            }
            if (at + 1 >= s.Length)
            {
                break;
            }
            var escape = s[at + 1];
            switch (escape)
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
                    text.Append(ReadHexUnit(s, at + 2));
                    at += 4;
                    break;
                default:
                    throw Error("Invalid \\escape", at);
            }
            at += 2;
        }
        throw Error("Unterminated string starting", start);
    }

    /// <summary>The four hex digits of a \u escape (int.Parse would also take signs and spaces).</summary>
    private static char ReadHexUnit(string s, int at)
    {
        var code = 0;
        for (var i = at; i < at + 4; i++)
        {
            var digit = i < s.Length ? HexDigit(s[i]) : -1;
            if (digit < 0)
            {
                throw Error("Invalid \\uXXXX escape", at - 1);
            }
            code = code * 16 + digit;
        }
        return (char)code;
    }

    private static int HexDigit(char c) =>
        c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : -1;

    private static bool Follows(string s, int at, string word) => string.CompareOrdinal(s, at, word, 0, word.Length) == 0;

    /// <summary>
    /// A number by JSON's grammar, scanned as Python's json scans it: a fraction needs a digit after
    /// the dot and an exponent needs digits, otherwise the number ends before them. Without a
    /// fraction or exponent it is an int: <see cref="long"/>, or <see cref="BigInteger"/> beyond
    /// (Python's ints have no size); with one it is a <see cref="double"/> (1e400 is infinity, as
    /// Python's float() makes it).
    /// </summary>
    private static object ReadNumber(string s, ref int at)
    {
        var start = at;
        var end = at;
        if (end < s.Length && s[end] == '-')
        {
            end++;
        }
        if (end < s.Length && s[end] == '0')
        {
            end++;
        }
        else if (end < s.Length && s[end] >= '1' && s[end] <= '9')
        {
            end = SkipDigits(s, end);
        }
        else
        {
            throw Error("Expecting value", start);
        }
        var isFloat = false;
        if (end + 1 < s.Length && s[end] == '.' && IsDigit(s[end + 1]))
        {
            end = SkipDigits(s, end + 1);
            isFloat = true;
        }
        if (end < s.Length && (s[end] == 'e' || s[end] == 'E'))
        {
            var digits = end + 1 < s.Length && (s[end + 1] == '+' || s[end + 1] == '-') ? end + 2 : end + 1;
            if (digits < s.Length && IsDigit(s[digits]))
            {
                end = SkipDigits(s, digits);
                isFloat = true;
            }
        }
        var text = s.Substring(start, end - start);
        at = end;
        if (isFloat)
        {
            return PythonFloat.Parse(text);
        }
        if (text.TrimStart('-').Length > MaxIntegerDigits)
        {
            // Python's json refuses it too (sys.int_info.default_max_str_digits), and BigInteger.Parse is quadratic.
            throw new FormatException($"Exceeds the limit ({MaxIntegerDigits} digits) for integer string conversion at offset {start}");
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? (object)whole
            : BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private const int MaxIntegerDigits = 4300;

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static int SkipDigits(string s, int at)
    {
        while (at < s.Length && IsDigit(s[at]))
        {
            at++;
        }
        return at;
    }

    private static void Expect(string s, ref int at, char c)
    {
        if (at >= s.Length || s[at] != c)
        {
            // Python names the ',' it wanted after an item, not the closing bracket.
            throw Error($"Expecting '{(c == ':' ? ':' : ',')}' delimiter", at);
        }
        at++;
    }

    /// <summary>Python's message for the failure, with its offset (Python's JSONDecodeError.pos).</summary>
    private static FormatException Error(string message, int offset) =>
        new($"{message} at offset {offset}");

    private static void SkipSpace(string s, ref int at)
    {
        while (at < s.Length && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
        {
            at++;
        }
    }
}
