using System;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// SPS passes results through Python's json, which writes float('nan') and the infinities as NaN,
/// Infinity and -Infinity and reads them back. A cookie holding them (tests/fixtures/hook-nan-cookie)
/// reaches the next hook as the same floats, as on SPS; it is not an unreadable result.
/// </summary>
public sealed class NonFiniteCookieTests
{
    [PythonFact]
    public void NanAndInfinityInACookieRoundTripThroughTheNextHook()
    {
        var result = SpsPluginSimulator.Run(new SpsPluginSimulationOptions { AaPlugin = TestPaths.Fixture("hook-nan-cookie") });

        Assert.True(result.Verdict == "ACCEPT", result.Reason ?? string.Join("; ", result.Steps.Select(s => s.Result.Error)));
        var cookie = result.Steps.Single(s => s.Hook == "authenticate").Result.Cookie;
        Assert.True(double.IsNaN(Assert.IsType<double>(cookie["nan"])));
        Assert.Equal(double.PositiveInfinity, cookie["inf"]);
        Assert.Equal(double.NegativeInfinity, cookie["ninf"]);
        Assert.Equal(1.0, Assert.IsType<double>(cookie["one"]));
    }
}
