using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Holds Test-SpsPluginConfig's findings to a model of the SDK's PluginConfiguration getters run over
/// thousands of generated policies: tests/fixtures/sdk-config/answers.json, written by
/// tools/record-sdk-config-answers.py on the real configparser, int() and float(). Where a getter the
/// plugin reads an option with raises (or a '$' cannot be fetched), the option's line has a finding of the
/// matching rule; where every getter reading that line returns a value, it has none of those rules.
/// </summary>
public sealed class SdkConfigDifferentialTests
{
    /// <summary>
    /// Values the model's getters accept that Test-SpsPluginConfig flags on purpose with an error; README.md's
    /// "Documented refusals" lists the same with the reasons. The other policy rules (ConfigPlaceholder,
    /// ConfigPlaintextSecret, ConfigUnknown*) are outside the rules this test holds to the model.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> DocumentedRefusals = new Dictionary<string, string>
    {
        [SpsPluginConfigRules.LogLevel] = "[logging] log_level is read with get(); a value that is not a level fails when the plugin sets up its logging, not in the getter",
    };

    private static readonly JsonElement Answers = JsonDocument.Parse(
        File.ReadAllText(TestPaths.Fixture("sdk-config", "answers.json"))).RootElement;

    // The rules that stand for a getter's refusal, by the model's answer and getter.
    private static readonly string[] GetterRules =
    {
        SpsPluginConfigRules.Boolean, SpsPluginConfigRules.Number, SpsPluginConfigRules.Interpolation,
        SpsPluginConfigRules.SecretSectionName, SpsPluginConfigRules.SecretWithoutStore,
    };

    private static string[] RulesFor(string getter, string answer) => answer switch
    {
        "PluginSDKValueError" => new[] { getter == "getboolean" ? SpsPluginConfigRules.Boolean : SpsPluginConfigRules.Number },
        "InterpolationSyntaxError" or "InterpolationMissingOptionError" or "InterpolationDepthError" => new[] { SpsPluginConfigRules.Interpolation },
        "store-bad-host" => new[] { SpsPluginConfigRules.SecretSectionName },
        "no-store" => new[] { SpsPluginConfigRules.SecretWithoutStore },
        "no-store-bad-host" => new[] { SpsPluginConfigRules.SecretWithoutStore, SpsPluginConfigRules.SecretSectionName },
        "ok" or "missing" or "store" => Array.Empty<string>(),
        _ => throw new InvalidOperationException($"The fixture has an answer this test does not know: {answer}"),
    };

    private static IEnumerable<(SpsPluginConfig Config, SpsPluginConfig Template, string Text, JsonElement[] Reads)> Cases(string reads = "reads") =>
        Answers.GetProperty("cases").EnumerateArray().Select(c =>
        {
            var text = c.GetProperty("config").GetString()!;
            return (SpsPluginConfig.Parse(text), SpsPluginConfig.Parse(c.GetProperty("template").GetString()!), text,
                c.GetProperty(reads).EnumerateArray().Select(r => r).ToArray());
        });

    [Fact]
    public void TheFixtureHoldsThousandsOfReadsWithEveryAnswer()
    {
        var reads = Cases().SelectMany(c => c.Reads).ToArray();
        Assert.True(reads.Length >= 5_000, $"{reads.Length} reads");
        Assert.True(Cases("anyReads").Sum(c => c.Reads.Length) >= 10_000);
        var kinds = reads.Select(r => r[2].GetString() + ":" + r[3].GetString()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "getboolean:PluginSDKValueError", "getboolean:ok", "getint:PluginSDKValueError", "getint:ok", "getfloat:PluginSDKValueError",
            "getfloat:ok", "get:InterpolationMissingOptionError", "get:InterpolationDepthError", "get:InterpolationSyntaxError",
            "get:store", "get:store-bad-host", "get:no-store", "get:missing", "get_ca_certificate:ok",
        }, kinds);
    }

    [Fact]
    public void TheReadmeListsEveryDocumentedRefusal()
    {
        Assert.All(DocumentedRefusals.Keys, rule => Assert.Contains($"`{rule}`", TestPaths.ReadmeDocumentedRefusals));
    }

    /// <summary>
    /// "reads": the plugin reads what its template lists, with the getter the template implies (Test-SpsPluginConfig
    /// given the template as -Reference). "anyReads": without a template, it may read every option of every
    /// section, [DEFAULT]'s included, with the common sections' getters (Test-SpsPluginConfig without -Reference).
    /// </summary>
    [Theory]
    [InlineData("reads", true)]
    [InlineData("anyReads", false)]
    public void FlagsWhatTheGettersRejectAndNothingTheyAccept(string which, bool withTemplate)
    {
        var mismatches = new List<string>();
        foreach (var (config, template, text, reads) in Cases(which))
        {
            Assert.True(config.IsReadable, text);
            var findings = SpsPluginConfigRules.Check(config, withTemplate ? template : null);
            // A [DEFAULT] line is read by every section that inherits it: judged per line, over all its reads.
            foreach (var line in reads.GroupBy(r => config.GetOption(r[0].GetString()!, r[1].GetString()!)?.Line ?? 0).Where(g => g.Key > 0))
            {
                var expected = line.SelectMany(r => RulesFor(r[2].GetString()!, r[3].GetString()!)).ToHashSet();
                var found = findings.Where(f => f.Line == line.Key && GetterRules.Contains(f.RuleId)).Select(f => f.RuleId).ToHashSet();
                if (!expected.SetEquals(found))
                {
                    mismatches.Add($"line {line.Key}: the model says [{string.Join(", ", line.Select(r => $"{r[0]}.{r[1]} {r[2]} -> {r[3]}"))}], " +
                        $"SpsPlugin finds [{string.Join(", ", found)}]: {Show(text)}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Fact]
    public void ReadsTheValuesTheGettersReturn()
    {
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var (config, _, text, reads) in Cases())
        {
            foreach (var read in reads.Where(r => r[3].GetString() == "ok" && r[2].GetString() is "get" or "get_ca_certificate"))
            {
                var option = config.GetOption(read[0].GetString()!, read[1].GetString()!)!;
                var ours = read[2].GetString() == "get" ? option.SdkValue : option.TrustedCaListName;
                var theirs = read[4].ValueKind == JsonValueKind.Null ? null : read[4].GetString();
                compared++;
                if (ours != theirs)
                {
                    mismatches.Add($"{read[0]}.{read[1]} {read[2]}: the model returns {Show(theirs)}, SpsPlugin {Show(ours)}: {Show(text)}");
                }
            }
        }
        Assert.True(compared > 2000, $"{compared} values");
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [PythonFact]
    public void TheFixtureIsWhatTheModelAnswersWithTheRealConfigparser()
    {
        using var temp = new TempFolder();
        var written = temp.Combine("answers.json");
        var start = new ProcessStartInfo(PythonLocator.Find()!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "tools", "record-sdk-config-answers.py"));
        start.ArgumentList.Add(written);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the recorder failed ({process.ExitCode}): {errors}{output.Result}");
        Assert.True(File.ReadAllText(written) == File.ReadAllText(TestPaths.Fixture("sdk-config", "answers.json")),
            "tests/fixtures/sdk-config/answers.json is not what tools/record-sdk-config-answers.py writes: run it again and commit the result");
    }

    private static string Show(string? text) => text == null ? "null" : JsonSerializer.Serialize(text);

    private static string Report(List<string> mismatches) =>
        $"{mismatches.Count} mismatches:\n" + string.Join("\n", mismatches.Take(15));
}
