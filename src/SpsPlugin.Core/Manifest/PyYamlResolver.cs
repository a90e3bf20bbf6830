using System;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace SpsPlugin;

/// <summary>
/// Types a plain (unquoted) scalar the way PyYAML's SafeLoader does: the YAML 1.1 implicit
/// resolvers of <c>yaml/resolver.py</c> decide the tag, the <c>SafeConstructor</c> builds the value.
/// The patterns below are PyYAML's, with its verbose-mode whitespace removed.
/// </summary>
internal static class PyYamlResolver
{
    private static readonly Regex Bool = new(
        "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", RegexOptions.CultureInvariant);

    private static readonly Regex Float = new(
        @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?" +
        @"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?" +
        @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*" +
        @"|[-+]?\.(?:inf|Inf|INF)" +
        @"|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    private static readonly Regex Int = new(
        "^(?:[-+]?0b[0-1_]+" +
        "|[-+]?0[0-7_]+" +
        "|[-+]?(?:0|[1-9][0-9_]*)" +
        "|[-+]?0x[0-9a-fA-F_]+" +
        "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", RegexOptions.CultureInvariant);

    private static readonly Regex Null = new("^(?:~|null|Null|NULL|)$", RegexOptions.CultureInvariant);

    private static readonly Regex Timestamp = new(
        "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]" +
        "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?" +
        "(?:[Tt]|[ \\t]+)[0-9][0-9]?" +
        ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?" +
        "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$", RegexOptions.CultureInvariant);

    // SafeConstructor.timestamp_regexp, used to take a matched timestamp apart.
    private static readonly Regex TimestampParts = new(
        "^(?<year>[0-9][0-9][0-9][0-9])-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)" +
        "(?:(?:[Tt]|[ \\t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9][0-9]):(?<second>[0-9][0-9])" +
        "(?:\\.(?<fraction>[0-9]*))?" +
        "(?:[ \\t]*(?<tz>Z|(?<tz_sign>[-+])(?<tz_hour>[0-9][0-9]?)(?::(?<tz_minute>[0-9][0-9]))?))?)?$",
        RegexOptions.CultureInvariant);

    // Resolvers that SafeLoader matches but cannot construct: safe_load raises for these.
    private static readonly Regex Unconstructable = new("^(?:=|<<)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Types <paramref name="text"/> as a plain scalar. Returns null when PyYAML would resolve a tag
    /// it has no safe constructor for (<c>=</c> and <c>&lt;&lt;</c>), which makes <c>safe_load</c> fail.
    /// </summary>
    public static PyYamlValue? ResolvePlain(string text)
    {
        // PyYAML picks candidate resolvers by first character, then tries them in the order they
        // were added (bool, float, int, merge, null, timestamp, value); the first match wins.
        if (Bool.IsMatch(text))
        {
            var isTrue = "yYtToO".IndexOf(text[0]) >= 0 && !text.Equals("off", StringComparison.OrdinalIgnoreCase);
            return new PyYamlValue(PyYamlType.Boolean, isTrue, isTrue ? "True" : "False");
        }
        if (Float.IsMatch(text))
        {
            var value = ConstructFloat(text);
            return new PyYamlValue(PyYamlType.Float, value, PythonFormat.FloatRepr(value));
        }
        if (Int.IsMatch(text))
        {
            var value = ConstructInt(text);
            return new PyYamlValue(PyYamlType.Integer, value, value.ToString(CultureInfo.InvariantCulture));
        }
        if (Unconstructable.IsMatch(text))
        {
            return null;
        }
        if (Null.IsMatch(text))
        {
            return PyYamlValue.Null;
        }
        if (Timestamp.IsMatch(text))
        {
            return ConstructTimestamp(text);
        }
        return PyYamlValue.String(text);
    }

    private static double ConstructFloat(string text)
    {
        var value = text.Replace("_", string.Empty).ToLowerInvariant();
        var sign = 1.0;
        if (value[0] == '-' || value[0] == '+')
        {
            sign = value[0] == '-' ? -1.0 : 1.0;
            value = value.Substring(1);
        }
        if (value == ".inf")
        {
            return sign * double.PositiveInfinity;
        }
        if (value == ".nan")
        {
            return double.NaN;
        }
        if (value.IndexOf(':') >= 0)
        {
            var total = 0.0;
            var unit = 1.0;
            foreach (var part in SexagesimalPartsFromRight(value))
            {
                total += double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture) * unit;
                unit *= 60;
            }
            return sign * total;
        }
        return sign * double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static BigInteger ConstructInt(string text)
    {
        var value = text.Replace("_", string.Empty);
        var sign = BigInteger.One;
        if (value[0] == '-' || value[0] == '+')
        {
            sign = value[0] == '-' ? BigInteger.MinusOne : BigInteger.One;
            value = value.Substring(1);
        }
        if (value == "0")
        {
            return BigInteger.Zero;
        }
        if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            return sign * ParseBase(value.Substring(2), 2);
        }
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return sign * ParseBase(value.Substring(2), 16);
        }
        if (value[0] == '0')
        {
            return sign * ParseBase(value, 8);
        }
        if (value.IndexOf(':') >= 0)
        {
            var total = BigInteger.Zero;
            var unit = BigInteger.One;
            foreach (var part in SexagesimalPartsFromRight(value))
            {
                total += BigInteger.Parse(part, CultureInfo.InvariantCulture) * unit;
                unit *= 60;
            }
            return sign * total;
        }
        return sign * BigInteger.Parse(value, CultureInfo.InvariantCulture);
    }

    private static BigInteger ParseBase(string digits, int radix)
    {
        var result = BigInteger.Zero;
        foreach (var c in digits)
        {
            result = result * radix + Convert.ToInt32(c.ToString(), 16);
        }
        return result;
    }

    // "1:30" is 1*60 + 30: PyYAML sums the parts with increasing powers of 60 from the right.
    private static string[] SexagesimalPartsFromRight(string value)
    {
        var parts = value.Split(':');
        Array.Reverse(parts);
        return parts;
    }

    private static PyYamlValue ConstructTimestamp(string text)
    {
        var m = TimestampParts.Match(text);
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (!m.Groups["hour"].Success)
        {
            var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return new PyYamlValue(PyYamlType.Date, date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        var hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture);
        // Python keeps microseconds: the fraction is cut or padded to six digits.
        var fraction = (m.Groups["fraction"].Value + "000000").Substring(0, 6);
        var microseconds = int.Parse(fraction, CultureInfo.InvariantCulture);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(microseconds * 10L);
        var text2 = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) +
            (microseconds != 0 ? "." + fraction : string.Empty);
        if (!m.Groups["tz"].Success)
        {
            return new PyYamlValue(PyYamlType.DateTime, local, text2);
        }
        var offset = TimeSpan.Zero;
        if (m.Groups["tz_sign"].Success)
        {
            var hours = int.Parse(m.Groups["tz_hour"].Value, CultureInfo.InvariantCulture);
            var minutes = m.Groups["tz_minute"].Success ? int.Parse(m.Groups["tz_minute"].Value, CultureInfo.InvariantCulture) : 0;
            offset = new TimeSpan(hours, minutes, 0);
            if (m.Groups["tz_sign"].Value == "-")
            {
                offset = offset.Negate();
            }
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        text2 += sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return new PyYamlValue(PyYamlType.DateTime, new DateTimeOffset(local, offset), text2);
    }
}
