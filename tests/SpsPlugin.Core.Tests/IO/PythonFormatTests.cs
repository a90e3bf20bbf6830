using System;
using System.Globalization;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.IO;

public sealed class PythonFormatTests
{
    [Theory]
    [InlineData(1.1, "1.1")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(6.5e-7, "6.5e-07")]
    [InlineData(1.2345678901234568e+17, "1.2345678901234568e+17")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e22, "1e+22")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1e-323, "1e-323")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(2.225073858507201e-308, "2.225073858507201e-308")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.3, "0.3")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(9007199254740993.0, "9007199254740992.0")]
    [InlineData(4.35, "4.35")]
    [InlineData(1e23, "1e+23")]
    [InlineData(8.41e21, "8.41e+21")]
    [InlineData(5e-310, "5e-310")]
    [InlineData(9.5, "9.5")]
    [InlineData(0.000123, "0.000123")]
    public void FloatReprMatchesPython(double value, string expected)
    {
        Assert.Equal(expected, PythonFormat.FloatRepr(value));
    }

    // Powers of two are where the rounding interval is lopsided (a quarter step below, a half above).
    [Theory]
    [InlineData(0x0010000000000000L, "2.2250738585072014e-308")]
    [InlineData(0x4340000000000000L, "9007199254740992.0")]
    [InlineData(0x7FE0000000000000L, "8.98846567431158e+307")]
    [InlineData(0x3F50000000000000L, "0.0009765625")]
    [InlineData(0x0000000000000002L, "1e-323")]
    [InlineData(0x000FFFFFFFFFFFFFL, "2.225073858507201e-308")]
    public void FloatReprMatchesPythonAtBitPatterns(long bits, string expected)
    {
        Assert.Equal(expected, PythonFormat.FloatRepr(BitConverter.Int64BitsToDouble(bits)));
    }

    // A float's own shortest digits, not the double's: 0.1f is 0.1, not 0.10000000149011612.
    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1.4e-45f, "1e-45")]
    [InlineData(3.4028235e38f, "3.4028235e+38")]
    [InlineData(16777216f, "16777216.0")]
    [InlineData(-2.5f, "-2.5")]
    [InlineData(1.17549435e-38f, "1.1754944e-38")]
    public void SingleReprIsTheFloatsShortestDigits(float value, string expected)
    {
        Assert.Equal(expected, PythonFormat.SingleRepr(value));
    }

    // The same digits as Python for 20,000 random bit patterns (every exponent, subnormals included), on
    // every runtime the tests run on: .NET 10 and .NET Framework (Mono).
    [PythonFact]
    public void FloatReprMatchesPythonForRandomBitPatterns()
    {
        var random = new Random(17);
        var buffer = new byte[8];
        var values = Enumerable.Range(0, 20_000).Select(_ =>
        {
            random.NextBytes(buffer);
            return BitConverter.ToDouble(buffer, 0);
        }).Where(v => !double.IsNaN(v) && !double.IsInfinity(v)).ToArray();
        var bitsFile = System.IO.Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllText(bitsFile, string.Join("\n", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture))));
            var python = PythonScript.Run(
                "import struct,sys\nfor b in open(sys.argv[1]).read().split(): print(repr(struct.unpack('<d', struct.pack('<q', int(b)))[0]))", bitsFile);
            Assert.Equal(python.Split('\n'), values.Select(PythonFormat.FloatRepr).ToArray());
        }
        finally
        {
            System.IO.File.Delete(bitsFile);
        }
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("both ' and \"", "'both \\' and \"'")]
    [InlineData("tab\there", "'tab\\there'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    public void StringReprMatchesPython(string value, string expected)
    {
        Assert.Equal(expected, PythonFormat.StringRepr(value));
    }
}
