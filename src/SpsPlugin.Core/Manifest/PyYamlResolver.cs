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
    /// Types <paramref name="text"/> as a plain scalar. Returns null, with <paramref name="problem"/>
    /// saying why, when <c>safe_load</c> fails on it: a tag it has no safe constructor for (<c>=</c>
    /// and <c>&lt;&lt;</c>), or a constructor that raises ValueError (<c>0x_</c> has no digits,
    /// 2020-02-30 is no date, an offset of 24 h is no time zone).
    /// </summary>
    public static PyYamlValue? ResolvePlain(string text, out string? problem)
    {
        problem = null;
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
            if (value == null)
            {
                problem = $"PyYAML reads '{text}' as an int but has no digits to build it from (Python's int() raises ValueError)";
                return null;
            }
            return new PyYamlValue(PyYamlType.Integer, value.Value, value.Value.ToString(CultureInfo.InvariantCulture));
        }
        if (Unconstructable.IsMatch(text))
        {
            problem = $"could not determine a constructor for '{text}' (PyYAML resolves it to a tag safe_load cannot build)";
            return null;
        }
        if (Null.IsMatch(text))
        {
            return PyYamlValue.Null;
        }
        if (Timestamp.IsMatch(text))
        {
            return ConstructTimestamp(text, out problem);
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
                total += PythonFloat.Parse(part) * unit;
                unit *= 60;
            }
            return sign * total;
        }
        return sign * PythonFloat.Parse(value);
    }

    /// <summary>The int, or null where Python's int() gets no digits ("0x_", "0b_": the underscores are removed first).</summary>
    private static BigInteger? ConstructInt(string text)
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
        if (value.StartsWith("0b", StringComparison.Ordinal) || value.StartsWith("0x", StringComparison.Ordinal))
        {
            return value.Length == 2 ? null : sign * ParseBase(value.Substring(2), value[1] == 'b' ? 2 : 16);
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

    // SafeConstructor.construct_yaml_timestamp builds datetime.date / datetime.datetime / timezone,
    // which raise ValueError for a day, hour, minute or second out of range and for an offset of 24 h
    // or more; .NET would throw instead, so every range is checked here first.
    private static PyYamlValue? ConstructTimestamp(string text, out string? problem)
    {
        var m = TimestampParts.Match(text);
        int Part(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        var year = Part("year");
        var month = Part("month");
        var day = Part("day");
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            problem = $"PyYAML reads '{text}' as a date, but there is no such day (Python's datetime.date raises ValueError)";
            return null;
        }
        if (!m.Groups["hour"].Success)
        {
            problem = null;
            var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return new PyYamlValue(PyYamlType.Date, date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        var hour = Part("hour");
        var minute = Part("minute");
        var second = Part("second");
        var offset = TimeSpan.Zero;
        if (m.Groups["tz_sign"].Success)
        {
            offset = new TimeSpan(Part("tz_hour"), m.Groups["tz_minute"].Success ? Part("tz_minute") : 0, 0);
            offset = m.Groups["tz_sign"].Value == "-" ? offset.Negate() : offset;
        }
        if (offset.Duration() >= TimeSpan.FromDays(1) || hour > 23 || minute > 59 || second > 59)
        {
            problem = $"PyYAML reads '{text}' as a timestamp, but {(offset.Duration() >= TimeSpan.FromDays(1) ? "its UTC offset is 24 hours or more" : "its time of day is out of range")} (Python's datetime raises ValueError)";
            return null;
        }
        problem = null;
        // Python keeps microseconds: the fraction is cut or padded to six digits.
        var fraction = (m.Groups["fraction"].Value + "000000").Substring(0, 6);
        var microseconds = int.Parse(fraction, CultureInfo.InvariantCulture);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(microseconds * 10L);
        var pythonText = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) +
            (microseconds != 0 ? "." + fraction : string.Empty);
        if (!m.Groups["tz"].Success)
        {
            return new PyYamlValue(PyYamlType.DateTime, local, pythonText);
        }
        var abs = offset.Duration();
        pythonText += (offset < TimeSpan.Zero ? "-" : "+") + ((int)abs.TotalHours).ToString("00", CultureInfo.InvariantCulture) + ":" +
            abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return new PyYamlValue(PyYamlType.DateTime, WithOffset(local, offset), pythonText);
    }

    // DateTimeOffset stops at 14 hours and at years 1 and 9999 in UTC; Python's timezone goes to just
    // under 24 hours and checks only the local time. Beyond DateTimeOffset, the value is the same
    // instant as a UTC DateTime, or the local time where even that leaves .NET's range (PythonText
    // always shows what Python prints).
    private static object WithOffset(DateTime local, TimeSpan offset)
    {
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return local;
        }
        // Boxed apart: a conditional would convert the DateTime to a DateTimeOffset.
        return offset.Duration() <= TimeSpan.FromHours(14) ? (object)new DateTimeOffset(local, offset) : new DateTime(utcTicks, DateTimeKind.Utc);
    }
}
