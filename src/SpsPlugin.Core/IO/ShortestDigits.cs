using System;
using System.Globalization;
using System.Numerics;

namespace SpsPlugin;

/// <summary>
/// The shortest decimal digits that read back as the same binary floating-point value, and of those the
/// closest to it: what Python's <c>repr(float)</c> prints (David Gay's mode 0). Worked out exactly with
/// integers, so the answer does not depend on the runtime's number formatting or parsing, which differ:
/// .NET Framework's "R" is not the shortest (5e-324 comes out as 4.94065645841247e-324).
/// </summary>
internal static class ShortestDigits
{
    /// <summary>The significant digits of a positive finite <paramref name="value"/> (no trailing zeros) and
    /// where its decimal point sits, counted from the first digit: 0.0123 is ("123", -1).</summary>
    public static (string Digits, int PointPosition) Of(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return Of(value, bits & ((1L << 52) - 1), (int)((bits >> 52) & 0x7FF), fractionBits: 52, exponentBias: 1075);
    }

    /// <summary>The same for a single-precision <paramref name="value"/>: digits that read back as that float.</summary>
    public static (string Digits, int PointPosition) Of(float value)
    {
        var bits = BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
        return Of(value, bits & ((1L << 23) - 1), (bits >> 23) & 0xFF, fractionBits: 23, exponentBias: 150);
    }

    private static (string Digits, int PointPosition) Of(double value, long fraction, int biasedExponent, int fractionBits, int exponentBias)
    {
        // value = mantissa * 2^exponent. The numbers that read back as it lie between the midpoints to its
        // neighbours: half a step either side, but only a quarter step below a power of two, where steps halve.
        var mantissa = biasedExponent == 0 ? fraction : fraction | (1L << fractionBits);
        var exponent = (biasedExponent == 0 ? 1 : biasedExponent) - exponentBias;
        var quarterStepBelow = fraction == 0 && biasedExponent > 1;
        // All three as fractions over one denominator, in quarter steps.
        var quarters = exponent - 2;
        var scale = quarters >= 0 ? BigInteger.Pow(2, quarters) : BigInteger.One;
        var interval = new Interval(
            value: new BigInteger(mantissa) * 4 * scale,
            low: (new BigInteger(mantissa) * 4 - (quarterStepBelow ? 1 : 2)) * scale,
            high: (new BigInteger(mantissa) * 4 + 2) * scale,
            denominator: quarters >= 0 ? BigInteger.One : BigInteger.Pow(2, -quarters),
            // A midpoint reads back as its even neighbour (round half to even).
            inclusive: mantissa % 2 == 0);

        var firstDigitPower = FirstDigitPower(value, interval);
        for (var length = 1; ; length++)
        {
            // The closest number of `length` digits is closest * 10^shift. When it falls outside on the
            // narrower low side, the next one up may still be inside the wider high side.
            var shift = firstDigitPower - length + 1;
            var closest = RoundHalfEven(interval.Value * PowerOfTen(-shift), interval.Denominator * PowerOfTen(shift));
            foreach (var candidate in new[] { closest, closest + 1 })
            {
                if (interval.Holds(candidate, shift))
                {
                    return Normalise(candidate, shift);
                }
            }
        }
    }

    // The power of ten of the first significant digit: 10^power <= value < 10^(power + 1).
    private static int FirstDigitPower(double value, Interval interval)
    {
        var power = (int)Math.Floor(Math.Log10(value));
        while (interval.CompareToValue(BigInteger.One, power) > 0)
        {
            power--;
        }
        while (interval.CompareToValue(BigInteger.One, power + 1) <= 0)
        {
            power++;
        }
        return power;
    }

    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        return twice > denominator || (twice == denominator && !quotient.IsEven) ? quotient + 1 : quotient;
    }

    // 10^power for a non-negative power, else 1: a negative power moves to the other side of a comparison.
    private static BigInteger PowerOfTen(int power) => power > 0 ? BigInteger.Pow(10, power) : BigInteger.One;

    private static (string Digits, int PointPosition) Normalise(BigInteger digits, int shift)
    {
        var text = digits.ToString(CultureInfo.InvariantCulture);
        return (text.TrimEnd('0'), text.Length + shift);
    }

    /// <summary>A value and the numbers that read back as it, as numerators over <see cref="Denominator"/>.</summary>
    private sealed class Interval
    {
        private readonly BigInteger _low;
        private readonly BigInteger _high;
        private readonly bool _inclusive;

        public Interval(BigInteger value, BigInteger low, BigInteger high, BigInteger denominator, bool inclusive)
        {
            Value = value;
            _low = low;
            _high = high;
            Denominator = denominator;
            _inclusive = inclusive;
        }

        public BigInteger Value { get; }

        public BigInteger Denominator { get; }

        /// <summary>Whether <paramref name="digits"/> * 10^<paramref name="shift"/> reads back as the value.</summary>
        public bool Holds(BigInteger digits, int shift)
        {
            var fromLow = Compare(digits, shift, _low);
            var toHigh = Compare(digits, shift, _high);
            return _inclusive ? fromLow >= 0 && toHigh <= 0 : fromLow > 0 && toHigh < 0;
        }

        /// <summary>The sign of <paramref name="digits"/> * 10^<paramref name="shift"/> minus the value.</summary>
        public int CompareToValue(BigInteger digits, int shift) => Compare(digits, shift, Value);

        private int Compare(BigInteger digits, int shift, BigInteger numerator) =>
            (digits * Denominator * PowerOfTen(shift)).CompareTo(numerator * PowerOfTen(-shift));
    }
}
