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
    private static string ReadPath(string path)
    {
        var start = new ProcessStartInfo(PythonLocator.Find()!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "import configparser, json, sys\n" +
            "p = configparser.ConfigParser()\n" +
            "p.read(sys.argv[1], encoding='utf-8')\n" +
            "print(json.dumps([[s, [[k, v] for k, v in p._sections[s].items()]] for s in p.sections()], separators=(',', ':')))\n");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.Trim();
    }
}
