using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// What is written must read back the same with <c>configparser.read(path)</c>, which opens files with
/// universal newlines (\r, \r\n and \n end lines), as well as with the SDK's read_string.
/// </summary>
public sealed class ConfigLineBreakTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("ok\r[evil]\rbackdoor = yes", "carriage return")]
    [InlineData("ok\r\n[evil]", "carriage return")]
    [InlineData("a\0b", "NUL")]
    public void ValuesThatReadPathWouldSplitAreRefusedNamingOptionAndCharacter(string value, string character)
    {
        var config = SpsPluginConfig.Parse("[s]\na=1\n");
        var error = Assert.Throws<SpsPluginException>(() => config.Set("s", "b", value));
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, error.ErrorId);
        Assert.Contains("[s] b", error.Message);
        Assert.Contains(character, error.Message);
    }

    [Theory]
    [InlineData("s\r[evil]", "b")]
    [InlineData("s\n[evil]", "b")]
    [InlineData("s", "b\rc")]
    [InlineData("s", "b\nc")]
    public void NamesWithLineBreaksAreRefused(string section, string name)
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Parse("[s]\na=1\n").Set(section, name, "x"));
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected, error.ErrorId);
    }

    [Fact]
    public void EveryWriterPathRefusesThem()
    {
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected,
            Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Create(new[] { Triple("s", "a", "x\ry") })).ErrorId);
        var target = SpsPluginConfig.Parse("[t]\n");
        // read_string (the SDK) reads these overlays as one value and one empty section with a "\r" in them.
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected,
            Assert.Throws<SpsPluginException>(() => target.Merge(SpsPluginConfig.Parse("[s]\nb=x\ry\n"))).ErrorId);
        Assert.Equal(SpsPluginErrorId.ConfigEditRejected,
            Assert.Throws<SpsPluginException>(() => target.Merge(SpsPluginConfig.Parse("[s\r[evil]]\n"))).ErrorId);
    }

    [Fact]
    public void AValueOfSeveralLinesIsStillWrittenAsContinuationLines()
    {
        var edited = SpsPluginConfig.Parse("[s]\na=1\n").Set("s", "pem", "-----BEGIN-----\nAAAA\n-----END-----");
        Assert.Equal("[s]\na=1\npem=-----BEGIN-----\n AAAA\n -----END-----\n", edited.Text);
    }

    [Fact]
    public void PythonsOtherLineSeparatorsAreKeptBecauseConfigParserDoesNotSplitAtThem()
    {
        foreach (var separator in new[] { "\v", "\f", "\u001c", "\u001d", "\u001e", "\u0085", "\u2028", "\u2029" })
        {
            Assert.Equal($"a{separator}b", SpsPluginConfig.Parse("[s]\n").Set("s", "x", $"a{separator}b").GetOption("s", "x")!.Value);
        }
    }

    /// <summary>Every character Python's str.splitlines() breaks at.</summary>
    private static readonly string[] PythonLineBreaks = { "\n", "\r", "\r\n", "\v", "\f", "\u001c", "\u001d", "\u001e", "\u0085", "\u2028", "\u2029" };

    /// <summary>Where a break can sit in a value: inside, at either end, alone, doubled, beside a "\n" the writer folds.</summary>
    private static readonly Func<string, string>[] Placements =
    {
        c => $"a{c}b", c => $"{c}a", c => $"a{c}", c => c, c => $"a{c}{c}b", c => $"a\n{c}b", c => $"a{c}\nb", c => $"x = 1{c}[evil]{c}y = 2",
    };

    [PythonFact]
    public void EveryValueWithAPythonLineBreakIsRefusedOrReadBackExactlyByConfigParserRead()
    {
        var cases = PythonLineBreaks.SelectMany(c => Placements.Select(place => (Break: c, Value: place(c)))).ToArray();
        var written = new System.Collections.Generic.List<(string Break, string Value, string Path)>();
        foreach (var (lineBreak, value) in cases)
        {
            SpsPluginConfig edited;
            try
            {
                edited = SpsPluginConfig.Parse("[s]\na = 1\n").Set("s", "v", value);
            }
            catch (SpsPluginException refused)
            {
                Assert.Equal(SpsPluginErrorId.ConfigEditRejected, refused.ErrorId);
                continue;
            }
            var path = Path.Combine(_temp.Path, $"case{written.Count}.cfg");
            edited.Save(path, overwrite: true);
            written.Add((lineBreak, value, path));
        }
        var read = ReadPaths(written.Select(w => w.Path).ToArray());
        for (var i = 0; i < written.Count; i++)
        {
            foreach (var reader in new[] { "read", "read_string" })
            {
                var sections = read[i].GetProperty(reader);
                var shown = System.Text.Json.JsonSerializer.Serialize(written[i].Value);
                Assert.True(sections.GetArrayLength() == 1 && sections[0][1].GetArrayLength() == 2, $"{shown}: configparser {reader} gave {sections.GetRawText()}");
                Assert.True(written[i].Value == sections[0][1][1][1].GetString(), $"{shown}: configparser {reader} gave {sections.GetRawText()}");
            }
        }
        // The decision, as the table shows it: a carriage return (alone or in \r\n) is refused wherever it is;
        // every other break is written, inside the value, as configparser does not end lines there.
        Assert.DoesNotContain(written, w => w.Break.Contains('\r'));
        Assert.All(PythonLineBreaks.Where(c => !c.Contains('\r')), c => Assert.Contains(written, w => w.Value == $"a{c}b"));
    }

    [Fact]
    public void AnEditOfAFileWithACarriageReturnInsideALineIsRefused()
    {
        // read_string reads one option a = "1\rb=2"; read(path) reads a = 1 and b = 2: no edit can satisfy both.
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginConfig.Parse("[s]\na=1\rb=2\n").Set("s", "c", "3"));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void ACarriageReturnOnlyFileIsReadAsLines()
    {
        var config = SpsPluginConfig.Parse("[s]\ra=1\r[t]\rb=2\r");
        Assert.Equal(new[] { "s", "t" }, config.Sections.Select(s => s.Name).ToArray());
        Assert.Equal("1", config.GetOption("s", "a")!.Value);
    }

    [PythonFact]
    public void EditingACarriageReturnOnlyFileKeepsItReadableByConfigParserReadPath()
    {
        var path = Path.Combine(_temp.Path, "old-mac.cfg");
        File.WriteAllText(path, "[s]\ra=1\r\r[t]\rb=2\r");
        var edited = SpsPluginConfig.Load(path).Set("s", "a", "5").Set("s", "c", "new").Set("t", "b", "two\nlines").Set("u", "d", "added");
        edited.Save(path, overwrite: true);
        Assert.DoesNotContain("\n", File.ReadAllText(path));
        var read = ReadPath(path);
        Assert.Equal("[[\"s\",[[\"a\",\"5\"],[\"c\",\"new\"]]],[\"t\",[[\"b\",\"two\\nlines\"]]],[\"u\",[[\"d\",\"added\"]]]]", read);
    }

    [PythonFact]
    public void TheIssuesValueWouldHaveAddedASectionForReadPath()
    {
        // The reason for the refusal, shown with Python: the same text written by hand gains [evil].
        var path = Path.Combine(_temp.Path, "evil.cfg");
        File.WriteAllText(path, "[s]\na = ok\r[evil]\rbackdoor = yes\n");
        Assert.Contains("\"evil\"", ReadPath(path));
        Assert.Equal(new[] { "s" }, SpsPluginConfig.Load(path).Sections.Select(s => s.Name).ToArray());
    }

    private static System.Collections.Generic.KeyValuePair<string, System.Collections.Generic.KeyValuePair<string, string>> Triple(string section, string option, string value) =>
        new(section, new(option, value));

    /// <summary>The sections and raw values <c>configparser.ConfigParser().read(path)</c> gives, as JSON.</summary>
    private static string ReadPath(string path) => ReadPaths(new[] { path })[0].GetProperty("read").GetRawText();

    /// <summary>
    /// For each file: the sections and raw values <c>read(path)</c> gives ("read") and those read_string
    /// (the SDK, given the file's exact text) gives ("read_string").
    /// </summary>
    private static System.Text.Json.JsonElement[] ReadPaths(string[] paths)
    {
        var start = new ProcessStartInfo(PythonLocator.Find()!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "import configparser, json, sys\n" +
            "def dump(p): return [[s, [[k, v] for k, v in p._sections[s].items()]] for s in p.sections()]\n" +
            "for path in sys.argv[1:]:\n" +
            "    p = configparser.ConfigParser()\n" +
            "    p.read(path, encoding='utf-8')\n" +
            "    q = configparser.ConfigParser()\n" +
            "    q.read_string(open(path, encoding='utf-8', newline='').read())\n" +
            "    print(json.dumps({'read': dump(p), 'read_string': dump(q)}, separators=(',', ':')))\n");
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToArray();
    }
}
