using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Holds the configuration reader to CPython's configparser: every case of <see cref="ConfigCases"/>
/// goes through tests/oracles/configparser_oracle.py (one Python process for all of them) and both must
/// agree on error or no error (and the lines), on sections, options and raw values, and on what
/// <c>get()</c> returns after interpolation.
/// </summary>
public sealed class ConfigParserDifferentialTests
{
    private static readonly Lazy<JsonElement[]> Answers = new(AskPython);

    public static IEnumerable<object[]> CaseIndexes() => Enumerable.Range(0, ConfigCases.All.Count).Select(i => new object[] { i, ConfigCases.All[i].Name });

    [PythonTheory]
    [MemberData(nameof(CaseIndexes))]
    public void AgreesWithConfigParser(int index, string name)
    {
        var text = ConfigCases.All[index].Text;
        var answer = Answers.Value[index];
        // configparser sees the text as the SDK receives it; a BOM is not part of the text SPS hands over.
        var config = SpsPluginConfig.Parse(text.StartsWith("\ufeff") ? text : text);
        if (!answer.GetProperty("ok").GetBoolean())
        {
            Assert.False(config.IsReadable, $"{name}: configparser raised {answer.GetProperty("error")}, SpsPlugin read it");
            var expectedId = answer.GetProperty("error").GetString() switch
            {
                "ParsingError" => "ConfigSyntaxError",
                "DuplicateSectionError" => "ConfigDuplicateSection",
                "DuplicateOptionError" => "ConfigDuplicateOption",
                _ => "ConfigMissingSectionHeader",
            };
            var expectedLines = answer.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()).ToArray();
            if (expectedId == "ConfigSyntaxError")
            {
                Assert.All(config.Diagnostics, d => Assert.Equal(expectedId, d.RuleId));
                Assert.Equal(expectedLines, config.Diagnostics.Select(d => d.Line!.Value).ToArray());
            }
            else
            {
                // A fatal error stops configparser at once; the ParsingErrors before it are dropped.
                var fatal = config.Diagnostics.Last();
                Assert.Equal(expectedId, fatal.RuleId);
                Assert.Equal(expectedLines.Single(), fatal.Line);
            }
            return;
        }
        Assert.True(config.IsReadable, $"{name}: configparser read it, SpsPlugin says {string.Join("; ", config.Diagnostics)}");
        var expectedSections = answer.GetProperty("sections").EnumerateArray().ToArray();
        Assert.Equal(
            expectedSections.Select(s => s[0].GetString()).ToArray(),
            config.Sections.Where(s => !s.IsDefault).Select(s => s.Name).ToArray());
        foreach (var section in expectedSections)
        {
            var sectionName = section[0].GetString()!;
            var expected = section[1].EnumerateArray().Select(p => (p[0].GetString(), p[1].GetString())).ToArray();
            var actual = config.Options.Where(o => o.Section == sectionName).Select(o => ((string?)o.Name, (string?)o.Value)).ToArray();
            Assert.Equal(expected, actual);
        }
        var expectedDefaults = answer.GetProperty("defaults").EnumerateArray().Select(p => (p[0].GetString(), p[1].GetString())).ToArray();
        Assert.Equal(expectedDefaults, config.Options.Where(o => o.Section == "DEFAULT").Select(o => ((string?)o.Name, (string?)o.Value)).ToArray());
        foreach (var section in answer.GetProperty("get").EnumerateObject())
        {
            foreach (var option in section.Value.EnumerateObject())
            {
                var found = config.GetOption(section.Name, option.Name);
                Assert.NotNull(found);
                var kind = option.Value[0].GetString();
                if (kind == "ok")
                {
                    Assert.True(found!.InterpolationError == null, $"{name}: [{section.Name}] {option.Name}: {found.InterpolationError} in {JsonSerializer.Serialize(text)}");
                    Assert.Equal(option.Value[1].GetString(), found.InterpolatedValue);
                }
                else
                {
                    Assert.NotNull(found!.InterpolationError);
                    Assert.Contains(option.Value[1].GetString()!, found.InterpolationError);
                }
            }
        }
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusFiles))]
    public void RoundTripsEveryCorpusConfigByteForByte(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relativePath));
        var config = SpsPluginConfig.FromBytes(bytes, relativePath, null);
        Assert.True(config.IsReadable, string.Join("; ", config.Diagnostics));
        Assert.Equal(bytes, config.ToBytes());
    }

    public static IEnumerable<object[]> CorpusFiles() =>
        TestPaths.CorpusExists
            ? Directory.EnumerateFiles(TestPaths.Corpus, "default.cfg*", SearchOption.AllDirectories)
                .Select(f => new object[] { Path.GetRelativePath(TestPaths.Corpus, f) })
            : new[] { new object[] { "(no corpus)" } };

    private static JsonElement[] AskPython()
    {
        var python = PythonLocator.Find() ?? throw new InvalidOperationException("no Python interpreter");
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(ConfigCases.All.Select(c => c.Text)));
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "tests", "oracles", "configparser_oracle.py"));
            start.ArgumentList.Add(input);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"the configparser oracle failed ({process.ExitCode}): {errors}");
            }
            return JsonDocument.Parse(output.Result).RootElement.EnumerateArray().ToArray();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
