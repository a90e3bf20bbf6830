using System.Diagnostics;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Interpolation that multiplies (options that each refer to the next ten times) is stopped by
/// SpsPlugin's bounds as soon as one is passed, and reported as ConfigInterpolationTooLarge; values
/// inside the bounds interpolate exactly as configparser does (see the differential tests).
/// </summary>
public sealed class InterpolationBoundsTests
{
    /// <summary>The issue's config: o0 … o(depth-1) each refer to the next option ten times; the last is a literal.</summary>
    public static string Bomb(int depth) =>
        "[bomb]\n" + string.Concat(Enumerable.Range(0, depth).Select(i => $"o{i}={string.Concat(Enumerable.Repeat($"%(o{i + 1})s", 10))}\n")) + $"o{depth}=boom\n";

    /// <summary>a refers to b <paramref name="fanOut"/> times, b to c, … for <paramref name="levels"/> levels, ending in <paramref name="leaf"/>.</summary>
    private static string FanOut(int levels, int fanOut, string leaf) =>
        "[s]\n" + string.Concat(Enumerable.Range(0, levels).Select(i => $"l{i}={string.Concat(Enumerable.Repeat($"%(l{i + 1})s", fanOut))}\n")) + $"l{levels}={leaf}\n";

    [Fact]
    public void TheIssuesBombIsReportedByNameInMilliseconds()
    {
        var text = Bomb(8);
        var clock = Stopwatch.StartNew();
        var findings = SpsPluginConfigRules.Check(SpsPluginConfig.Parse(text));
        clock.Stop();
        var tooLarge = findings.Where(f => f.RuleId == SpsPluginConfigRules.InterpolationTooLarge).ToArray();
        // o0 … o3 expand 10^8 … 10^5-fold: past 100,000 substitutions; o4 (10^4) and below are fine.
        Assert.Equal(new int?[] { 2, 3, 4, 5 }, tooLarge.Select(f => f.Line).ToArray());
        Assert.All(tooLarge, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Contains("[bomb] o0", tooLarge[0].Message);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"{text.Length} bytes took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void TheOptionsOfABombReportTheBoundInsteadOfAValue()
    {
        var option = SpsPluginConfig.Parse(Bomb(8)).GetOption("bomb", "o0")!;
        Assert.Null(option.InterpolatedValue);
        Assert.Equal(SpsPluginConfigRules.InterpolationTooLarge, option.InterpolationErrorId);
        Assert.Contains("100,000 substitutions", option.InterpolationError);
    }

    [Fact]
    public void SubstitutionsAreBoundedAt100000()
    {
        // 10 + 100 + 1,000 + 10,000 = 11,110 substitutions: fine; one level more is 111,110.
        var within = SpsPluginConfig.Parse(FanOut(4, 10, "x")).GetOption("s", "l0")!;
        Assert.Null(within.InterpolationError);
        Assert.Equal(new string('x', 10_000), within.InterpolatedValue);
        var beyond = SpsPluginConfig.Parse(FanOut(5, 10, string.Empty)).GetOption("s", "l0")!;
        Assert.Equal(SpsPluginConfigRules.InterpolationTooLarge, beyond.InterpolationErrorId);
    }

    [Fact]
    public void AnInterpolatedValueIsBoundedAtOneMebibyte()
    {
        var leaf = new string('v', 100_000);
        Assert.Equal(1_000_000, SpsPluginConfig.Parse(FanOut(1, 10, leaf)).GetOption("s", "l0")!.InterpolatedValue!.Length);
        Assert.Equal(SpsPluginConfigRules.InterpolationTooLarge, SpsPluginConfig.Parse(FanOut(1, 11, leaf)).GetOption("s", "l0")!.InterpolationErrorId);
    }

    [Fact]
    public void ALongNameReferredToOverAndOverIsBoundedToo()
    {
        // 10^5 references to a 1,000-character name whose value is empty: the result stays empty, but
        // parsing the references alone would read 100 million characters.
        var name = new string('k', 1000);
        var text = new StringBuilder(FanOut(4, 10, $"{string.Concat(Enumerable.Repeat($"%({name})s", 10))}"));
        text.Append(name).Append("=\n");
        var clock = Stopwatch.StartNew();
        var option = SpsPluginConfig.Parse(text.ToString()).GetOption("s", "l0")!;
        Assert.Equal(SpsPluginConfigRules.InterpolationTooLarge, option.InterpolationErrorId);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void ASyntaxErrorFoundBeforeTheBoundIsStillASyntaxError()
    {
        var option = SpsPluginConfig.Parse("[s]\na=%(b)s%(missing)s\nb=" + string.Concat(Enumerable.Repeat("%(c)s", 10)) + "\nc=1\n").GetOption("s", "a")!;
        Assert.Equal(SpsPluginConfigRules.Interpolation, option.InterpolationErrorId);
        Assert.Contains("InterpolationMissingOptionError", option.InterpolationError);
    }

    [Fact]
    public void ABombInTheDefaultCfgOfAZipFailsValidation()
    {
        using var temp = new TempFolder();
        var zip = new PluginBuilder().Set("default.cfg", Bomb(7)).WriteZip(temp);
        var clock = Stopwatch.StartNew();
        var result = SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false });
        clock.Stop();
        Assert.False(result.IsValid);
        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == SpsPluginConfigRules.InterpolationTooLarge && d.Line == 2);
        Assert.Equal("default.cfg", finding.Entry);
        Assert.True(clock.ElapsedMilliseconds < 5000, $"took {clock.ElapsedMilliseconds} ms");
    }
}
