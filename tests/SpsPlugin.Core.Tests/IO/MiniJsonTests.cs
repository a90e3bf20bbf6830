using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using SpsPlugin.IO;

namespace SpsPlugin.Tests.IO;

/// <summary>
/// The JSON reader and writer the hook host and the Python analysis talk through: Python's json
/// module on the other side decides what is right (the expected errors and offsets are those of
/// Python 3.11's <c>json.loads</c>; <see cref="MiniJsonPythonDifferentialTests"/> asks a live Python).
/// </summary>
public sealed class MiniJsonTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void ReadsIntsAsLong(string text, long expected) =>
        Assert.Equal(expected, Assert.IsType<long>(MiniJson.Parse(text)));

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("123456789012345678901234567890")]
    public void ReadsIntsBeyondLongAsBigIntegerAndWritesThemBackDigitForDigit(string text)
    {
        Assert.Equal(BigInteger.Parse(text), Assert.IsType<BigInteger>(MiniJson.Parse(text)));
        Assert.Equal(text, MiniJson.Write(MiniJson.Parse(text)));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E+3", 1000.0)]
    [InlineData("25e-2", 0.25)]
    [InlineData("-0.5e1", -5.0)]
    [InlineData("1e-400", 0.0)]
    public void ReadsFractionsAndExponentsAsDouble(string text, double expected) =>
        Assert.Equal(expected, Assert.IsType<double>(MiniJson.Parse(text)));

    [Fact]
    public void RefusesIntegersOfMoreDigitsThanPythonConverts()
    {
        Assert.Equal(4300, MiniJson.Parse(new string('7', 4300))!.ToString()!.Length);
        var error = Assert.Throws<FormatException>(() => MiniJson.Parse(new string('7', 4301)));
        Assert.Contains("4300 digits", error.Message);
    }

    [Fact]
    public void KeepsTheSignOfNegativeZero()
    {
        var value = Assert.IsType<double>(MiniJson.Parse("-0.0"));
        Assert.True(double.IsNegative(value));
        Assert.Equal("-0.0", MiniJson.Write(value));
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("-1E400", double.NegativeInfinity)]
    public void ReadsTheNonFiniteFloatsPythonWrites(string text, double expected) =>
        Assert.Equal(expected, Assert.IsType<double>(MiniJson.Parse(text)));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1.0, "1.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.5, "123456789.5")]
    public void WritesFloatsAsPythonsJsonDumpsDoes(double value, string expected) =>
        Assert.Equal(expected, MiniJson.Write(value));

    [Theory]
    [InlineData("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t")]
    [InlineData("\"\\u00e9\\u00C9\"", "éÉ")]
    [InlineData("\"é 😀\"", "é 😀")]
    [InlineData("\"\\ud83d\\ude00\"", "😀")]
    [InlineData("\"\\u007f\"", "\u007f")]
    public void ReadsEscapesAndRawText(string text, string expected) =>
        Assert.Equal(expected, MiniJson.Parse(text));

    // The expected text as UTF-16 units: an attribute cannot hold half a surrogate pair.
    [Theory]
    [InlineData("\"\\ud800\"", "d800")]
    [InlineData("\"a\\udc00b\"", "0061 dc00 0062")]
    [InlineData("\"\\ude00\\ud83d\"", "de00 d83d")]
    public void KeepsLoneSurrogatesAndWritesThemEscaped(string text, string units)
    {
        var value = Assert.IsType<string>(MiniJson.Parse(text));
        Assert.Equal(units, string.Join(" ", value.Select(c => ((int)c).ToString("x4"))));
        // UTF-8 cannot carry half a pair (it would arrive as U+FFFD): the escape can, and Python reads it back.
        Assert.Equal(text, MiniJson.Write(value));
    }

    [Fact]
    public void WritesWholeSurrogatePairsAsTheyAre() =>
        Assert.Equal("\"😀\"", MiniJson.Write("😀"));

    [Fact]
    public void ReadsNestingAcrossJsonWhitespace()
    {
        var value = MiniJson.Parse(" \r\n{\t\"a\" :\n[ 1 , { \"b\" : null } , [ ] ] ,\"c\":{}\r\n}\t");
        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(new[] { "a", "c" }, map.Keys);
        var list = Assert.IsType<List<object?>>(map["a"]);
        Assert.Equal(1L, list[0]);
        Assert.Null(Assert.IsType<Dictionary<string, object?>>(list[1])["b"]);
        Assert.Empty(Assert.IsType<List<object?>>(list[2]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(map["c"]));
    }

    [Fact]
    public void ARepeatedNameKeepsItsFirstPlaceAndItsLastValueAsAPythonDictDoes()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(MiniJson.Parse("{\"a\": 1, \"b\": 2, \"a\": 3}"));
        Assert.Equal(new[] { "a", "b" }, map.Keys);
        Assert.Equal(3L, map["a"]);
    }

    [Fact]
    public void WritesWithPythonsDefaultSeparatorsAndReadsItsOwnOutputBack()
    {
        var value = new Dictionary<string, object?>
        {
            ["n"] = null, ["t"] = true, ["f"] = false, ["i"] = 7L, ["x"] = 2.5, ["s"] = "é\n", ["l"] = new List<object?> { 1, "two", new List<object?>() },
        };
        var text = MiniJson.Write(value);
        Assert.Equal("{\"n\": null, \"t\": true, \"f\": false, \"i\": 7, \"x\": 2.5, \"s\": \"é\\n\", \"l\": [1, \"two\", []]}", text);
        Assert.Equal(text, MiniJson.Write(MiniJson.Parse(text)));
    }

    [Theory]
    [InlineData("", "Expecting value", 0)]
    [InlineData("  ", "Expecting value", 2)]
    [InlineData("[", "Expecting value", 1)]
    [InlineData("[1,]", "Expecting value", 3)]
    [InlineData("[-]", "Expecting value", 1)]
    [InlineData("+1", "Expecting value", 0)]
    [InlineData(".5", "Expecting value", 0)]
    [InlineData("-NaN", "Expecting value", 0)]
    [InlineData("nul", "Expecting value", 0)]
    [InlineData("tru", "Expecting value", 0)]
    [InlineData("{\"a\":", "Expecting value", 5)]
    [InlineData("01", "Extra data", 1)]
    [InlineData("1.", "Extra data", 1)]
    [InlineData("1e", "Extra data", 1)]
    [InlineData("1 2", "Extra data", 2)]
    [InlineData("Infinityx", "Extra data", 8)]
    [InlineData("[1 2]", "Expecting ',' delimiter", 3)]
    [InlineData("{\"a\": 1 \"b\": 2}", "Expecting ',' delimiter", 8)]
    [InlineData("{\"a\" 1}", "Expecting ':' delimiter", 5)]
    [InlineData("{1:2}", "Expecting property name enclosed in double quotes", 1)]
    [InlineData("{\"a\":1,}", "Expecting property name enclosed in double quotes", 7)]
    [InlineData("\"abc", "Unterminated string starting", 0)]
    [InlineData("[\"\\", "Unterminated string starting", 1)]
    [InlineData("\"a\tb\"", "Invalid control character", 2)]
    [InlineData("\"\\x\"", "Invalid \\escape", 1)]
    [InlineData("\"\\u12\"", "Invalid \\uXXXX escape", 2)]
    [InlineData("\"\\u 123\"", "Invalid \\uXXXX escape", 2)]
    [InlineData("\"\\u+123\"", "Invalid \\uXXXX escape", 2)]
    public void RefusesWhatPythonRefusesWithItsMessageAndOffset(string text, string message, int offset)
    {
        var error = Assert.Throws<FormatException>(() => MiniJson.Parse(text));
        var match = Regex.Match(error.Message, @"^(.*) at offset (\d+)$");
        Assert.True(match.Success, error.Message);
        Assert.Equal(message, match.Groups[1].Value);
        Assert.Equal(offset, int.Parse(match.Groups[2].Value));
    }
}
