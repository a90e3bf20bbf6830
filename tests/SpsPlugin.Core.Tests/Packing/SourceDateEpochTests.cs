using System;

namespace SpsPlugin.Tests.Packing;

/// <summary>SOURCE_DATE_EPOCH as the reproducible-builds specification defines it, read by the packer.</summary>
public sealed class SourceDateEpochTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void UnsetOrEmptyMeansNoFixedTime(string? value) => Assert.Null(SpsPluginPacker.SourceDateEpoch(value));

    [Theory]
    [InlineData("0", 1970, 1, 1, 0, 0, 0)]
    [InlineData("1700000000", 2023, 11, 14, 22, 13, 20)]
    [InlineData("4354819198", 2107, 12, 31, 23, 59, 58)]
    public void WholeSecondsSince1970AreUtcTimes(string value, int year, int month, int day, int hour, int minute, int second)
    {
        var time = SpsPluginPacker.SourceDateEpoch(value)!.Value;
        Assert.Equal(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc), time);
        Assert.Equal(DateTimeKind.Utc, time.Kind);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1.5")]
    [InlineData("4354819199")]
    [InlineData("99999999999999999")]
    [InlineData("999999999999999999999")]
    public void AnythingElseIsInvalidSourceDateEpochNamingTheValue(string value)
    {
        var failure = Assert.Throws<SpsPluginException>(() => SpsPluginPacker.SourceDateEpoch(value));
        Assert.Equal(SpsPluginErrorId.InvalidSourceDateEpoch, failure.ErrorId);
        Assert.Contains($"SOURCE_DATE_EPOCH is '{value}'", failure.Message);
    }
}
