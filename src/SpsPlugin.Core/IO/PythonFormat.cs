using System;
using System.Globalization;
using System.Text;

namespace SpsPlugin;

/// <summary>Python's <c>str()</c>/<c>repr()</c> text for the values PyYAML produces.</summary>
internal static class PythonFormat
{
    /// <summary>
    /// <c>repr(float)</c>: the shortest digits that round-trip, in fixed notation while the decimal
    /// exponent is in [-4, 16), otherwise as <c>1e+16</c> / <c>6.5e-07</c>; always a dot or an exponent.
    /// </summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0)
        {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        // "R" gives the shortest round-trip digits on .NET Core 3.0 and later; take them apart
        // into sign, digits and exponent, then lay them out the way Python does.
        var round = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = round[0] == '-';
        if (negative)
        {
            round = round.Substring(1);
        }
        var exponentAt = round.IndexOfAny(new[] { 'E', 'e' });
        var exponent = exponentAt < 0 ? 0 : int.Parse(round.Substring(exponentAt + 1), CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? round : round.Substring(0, exponentAt);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa.Substring(0, dot);
        var fraction = dot < 0 ? string.Empty : mantissa.Substring(dot + 1);
        var digits = (intPart + fraction).TrimStart('0');
        var leadingZeros = (intPart + fraction).Length - digits.Length;
        // Decimal point position relative to the first significant digit.
        var pointPosition = intPart.Length + exponent - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        var decimalExponent = pointPosition - 1;
        string text;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            var head = digits.Substring(0, 1);
            var tail = digits.Length > 1 ? "." + digits.Substring(1) : string.Empty;
            text = head + tail + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (pointPosition <= 0)
        {
            text = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            text = digits + new string('0', pointPosition - digits.Length) + ".0";
        }
        else
        {
            text = digits.Substring(0, pointPosition) + "." + digits.Substring(pointPosition);
        }
        return negative ? "-" + text : text;
    }

    /// <summary><c>repr(str)</c>: single quotes unless the text has a single quote and no double quote.</summary>
    public static string StringRepr(string value)
    {
        var quote = value.IndexOf('\'') >= 0 && value.IndexOf('"') < 0 ? '"' : '\'';
        return quote + StringReprBody(value, quote) + quote;
    }

    /// <summary>What <c>repr(str)</c> writes between its <paramref name="quote"/> characters.</summary>
    public static string StringReprBody(string value, char quote)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        text.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7F)
                    {
                        text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        return text.ToString();
    }
}
