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
        // Not ToString("R"): it gives the shortest round-trip digits on .NET Core 3.0 and later only (.NET
        // Framework writes 5e-324 as 4.94065645841247e-324), so the digits come from ShortestDigits, the same
        // on every runtime.
        var negative = value < 0;
        var (digits, pointPosition) = ShortestDigits.Of(Math.Abs(value));
        return negative ? "-" + Layout(digits, pointPosition) : Layout(digits, pointPosition);
    }

    /// <summary>
    /// <c>repr(float(str(f)))</c> for a .NET <see cref="float"/>: the shortest digits that read back as the same
    /// single-precision value, laid out as <see cref="FloatRepr(double)"/> does (1.4E-45f is <c>1e-45</c>).
    /// </summary>
    public static string SingleRepr(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value) || value == 0)
        {
            return FloatRepr(value);
        }
        var (digits, pointPosition) = ShortestDigits.Of(Math.Abs(value));
        return value < 0 ? "-" + Layout(digits, pointPosition) : Layout(digits, pointPosition);
    }

    // Python's layout of significant digits (no leading or trailing zeros) whose decimal point sits
    // pointPosition digits after the first: fixed notation while the exponent is in [-4, 16).
    private static string Layout(string digits, int pointPosition)
    {
        var decimalExponent = pointPosition - 1;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            var tail = digits.Length > 1 ? "." + digits.Substring(1) : string.Empty;
            return digits.Substring(0, 1) + tail + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }
        if (pointPosition <= 0)
        {
            return "0." + new string('0', -pointPosition) + digits;
        }
        if (pointPosition >= digits.Length)
        {
            return digits + new string('0', pointPosition - digits.Length) + ".0";
        }
        return digits.Substring(0, pointPosition) + "." + digits.Substring(pointPosition);
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
