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
    public void FloatReprMatchesPython(double value, string expected)
    {
        Assert.Equal(expected, PythonFormat.FloatRepr(value));
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
