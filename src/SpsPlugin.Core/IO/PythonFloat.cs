using System;
using System.Globalization;

namespace SpsPlugin;

/// <summary>Decimal text read as a double the way Python's float() reads it, on every runtime.</summary>
internal static class PythonFloat
{
    /// <summary>
    /// <paramref name="text"/> (digits, a point, an exponent; already checked by the caller's grammar) as a double.
    /// Beyond the range it is an infinity, as in Python and .NET Core 3.0+; .NET Framework's double.Parse throws
    /// OverflowException there instead, which reached the caller of MiniJson.Parse("1e400") on Windows PowerShell 5.1.
    /// A negative zero stays negative (.NET Framework's double.Parse("-0.0") is +0.0; Python's float is -0.0).
    /// </summary>
    public static double Parse(string text)
    {
        var negative = text.TrimStart().StartsWith("-", StringComparison.Ordinal);
        try
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return value == 0 && negative ? -0.0 : value;
        }
        catch (OverflowException)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
    }
}
