using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpsPlugin.Config;

/// <summary>
/// Whether Python's <c>int(text)</c> and <c>float(text)</c> accept a text, as the SDK's getint and
/// getfloat call them on a configuration value. Python first turns white space at either end away and
/// every Unicode decimal digit (category Nd: Arabic-Indic, fullwidth, mathematical digits) into its
/// ASCII digit; any other non-ASCII character fails. Single underscores may sit between digits.
/// </summary>
internal static class PyNumber
{
    /// <summary>CPython 3.11's <c>sys.int_info.default_max_str_digits</c>: int() refuses longer decimal texts.</summary>
    private const int MaxIntDigits = 4300;

    private const string Digits = "[0-9](?:_?[0-9])*";

    private static readonly Regex Integer = new("^[+-]?" + Digits + "\\z", RegexOptions.CultureInvariant);

    private static readonly Regex Float = new(
        $"^[+-]?(?:inf|infinity|nan|(?:{Digits}(?:\\.(?:{Digits})?)?|\\.{Digits})(?:e[+-]?{Digits})?)\\z",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>True when <c>int(text)</c> returns a number.</summary>
    public static bool IsInt(string text)
    {
        var ascii = ToAscii(text);
        return ascii != null && Integer.IsMatch(ascii) && CountDigits(ascii) <= MaxIntDigits;
    }

    /// <summary>True when <c>float(text)</c> returns a number (an overflow such as 1e999 is inf, not an error).</summary>
    public static bool IsFloat(string text)
    {
        var ascii = ToAscii(text);
        return ascii != null && Float.IsMatch(ascii);
    }

    /// <summary>The stripped text with Unicode decimal digits as ASCII; null when another non-ASCII character is left.</summary>
    private static string? ToAscii(string text)
    {
        var stripped = PyText.Strip(text);
        var ascii = new StringBuilder(stripped.Length);
        for (var i = 0; i < stripped.Length; i++)
        {
            var c = stripped[i];
            if (c < 0x80)
            {
                ascii.Append(c);
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(stripped, i) != UnicodeCategory.DecimalDigitNumber)
            {
                return null;
            }
            ascii.Append((char)('0' + (int)CharUnicodeInfo.GetNumericValue(stripped, i)));
            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }
        return ascii.ToString();
    }

    private static int CountDigits(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c >= '0' && c <= '9')
            {
                count++;
            }
        }
        return count;
    }
}
