using System;
using System.Diagnostics;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin.Tests.IO;

/// <summary>
/// MiniJson reads what the Python helpers write, which a plugin's hook result controls: nesting is
/// bounded, and too deep is a FormatException (which callers turn into a failed result), never a
/// stack overflow.
/// </summary>
public sealed class MiniJsonDepthTests
{
    [Fact]
    public void ReadsArraysNestedToTheBound()
    {
        var value = MiniJson.Parse(Nested(MiniJson.MaxDepth + 1));
        for (var depth = 0; depth < MiniJson.MaxDepth; depth++)
        {
            value = Assert.Single(Assert.IsType<System.Collections.Generic.List<object?>>(value));
        }
        Assert.Empty(Assert.IsType<System.Collections.Generic.List<object?>>(value));
    }

    [Theory]
    [InlineData(MiniJson.MaxDepth + 2)]
    [InlineData(100_000)]
    public void RefusesDeeperNestingQuickly(int arrays)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<FormatException>(() => MiniJson.Parse(Nested(arrays)));
        Assert.Contains("nested too deeply", error.Message);
        Assert.True(clock.Elapsed.TotalSeconds < 5, $"took {clock.Elapsed}");
    }

    [Fact]
    public void RefusesObjectsNestedDeeperThanTheBound()
    {
        var text = string.Concat(Enumerable.Repeat("{\"c\": ", 100_000)) + "1" + new string('}', 100_000);
        Assert.Throws<FormatException>(() => MiniJson.Parse(text));
    }

    private static string Nested(int arrays) => new string('[', arrays) + new string(']', arrays);
}
