using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Bundles;
using SpsPlugin.Packing;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;
using SpsPlugin.Validation.Rules;

namespace SpsPlugin.Tests.Platform;

/// <summary>Deep trees, unreadable entries, Windows names on extraction, ignore patterns per platform, git's link placeholders.</summary>
public sealed class PathHazardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void ATreeDeeperThanPathMaxInsideAGeneratedFolderIsNeverEntered()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        UnixFactAttribute.MakeDeepTree(Path.Combine(folder, ".venv", "lib"), 25);
        UnixFactAttribute.MakeDeepTree(Path.Combine(folder, "node_modules"), 25);

        var bundle = SpsPluginBundle.Open(folder);
        Assert.Empty(bundle.ListingFailures);
        Assert.Contains(bundle.Entries, e => e.Path == ".venv/");
        Assert.DoesNotContain(bundle.Entries, e => e.Path.StartsWith(".venv/", StringComparison.Ordinal) && e.Path != ".venv/");
        var result = SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions { UsePython = false });
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "ReadFailed");
        Assert.Contains(result.Diagnostics, d => d.RuleId == "StructureJunk" && d.Message.Contains(".venv/") && d.Message.Contains("node_modules/"));
        // The packer skips them by default, so the deep tree never stops a pack either.
        Assert.DoesNotContain(FileSelection.Select(folder, Array.Empty<string>(), Array.Empty<string>()), e => e.Path.StartsWith(".venv", StringComparison.Ordinal));
    }

    [UnixFact]
    public void AnUnreadableEntryIsAFindingOfThatEntryAndTheRestIsStillChecked()
    {
        var folder = new PluginBuilder().Set("good_plugin/notes:stream.txt", "#").WriteFolder(_temp);
        var deep = UnixFactAttribute.MakeDeepTree(Path.Combine(folder, "data"), 25);

        var result = SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions { UsePython = false });
        var failed = Assert.Single(result.Diagnostics, d => d.RuleId == "ReadFailed");
        Assert.StartsWith("data/" + Path.GetFileName(deep) + "/", failed.Entry);
        Assert.Contains("Cannot read 'data/ddd", failed.Message);
        Assert.Contains("the rest of the folder was read", failed.Message);
        // The other rules still ran over the readable entries.
        Assert.Contains(result.Diagnostics, d => d.RuleId == "ZipWindowsCharacter" && d.Message.Contains("good_plugin/notes:stream.txt"));
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "ManifestNotFound" || d.RuleId == "StructureMainPy");
    }

    [UnixFact]
    public void PackingWithoutValidationNamesAFolderItCannotRead()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        var deep = UnixFactAttribute.MakeDeepTree(Path.Combine(folder, "data"), 25);
        var error = Assert.Throws<SpsPluginException>(() => FileSelection.Select(folder, Array.Empty<string>(), Array.Empty<string>()));
        Assert.Equal(SpsPluginErrorId.ReadFailed, error.ErrorId);
        Assert.Contains("Cannot read the folder 'data/" + Path.GetFileName(deep) + "/", error.Message);
        // Excluded, it is not entered at all.
        Assert.DoesNotContain(FileSelection.Select(folder, new[] { "data/" }, Array.Empty<string>()), e => e.Path.StartsWith("data/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, new[] { "ZipCaseCollision", "ZipNormalizationCollision" })]
    [InlineData(true, new[] { "ZipCaseCollision", "ZipNormalizationCollision", "ZipReservedName", "ZipTrailingDotSpace", "ZipWindowsCharacter" })]
    public void WindowsRefusesTheNamesItCannotCreate(bool windows, string[] refused) =>
        Assert.Equal(refused, SpsPluginExtractor.RefusedWarnings(windows));

    [Theory]
    [InlineData("good_plugin/notes:stream.txt", "ZipWindowsCharacter")]
    [InlineData("good_plugin/aux.py", "ZipReservedName")]
    [InlineData("docs./readme.txt", "ZipTrailingDotSpace")]
    public void OnLinuxTheseNamesAreWarnedOfAndExtracted(string name, string rule)
    {
        var zip = new PluginBuilder().Add(name, new byte[] { 0x23 }).WriteZip(_temp);
        Assert.Contains(SpsPluginValidator.Validate(zip, new SpsPluginValidationOptions { UsePython = false }).Diagnostics,
            d => d.RuleId == rule && d.Severity == Severity.Warning && d.Message.Contains(name));
        if (!OperatingSystem.IsWindows())
        {
            SpsPluginExtractor.Extract(zip, _temp.Combine("out"), merge: false);
            Assert.True(File.Exists(Path.Combine(_temp.Combine("out"), name)));
        }
    }

    [Fact]
    public void ARefusedExtractionNamesTheEntryAndTheFix()
    {
        var zip = new PluginBuilder().Add("good_plugin/Plugin.py", new byte[] { 0x23 }).WriteZip(_temp);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, _temp.Combine("out"), merge: false));
        Assert.Contains("'good_plugin/Plugin.py'", error.Message);
        Assert.EndsWith("To fix: rename one of them.", error.Message);
    }

    [Theory]
    [InlineData("Docs/*", "docs/readme.md", true, true)]
    [InlineData("Docs/*", "docs/readme.md", false, false)]
    [InlineData("*.MD", "notes.md", true, true)]
    [InlineData("*.MD", "notes.md", false, false)]
    [InlineData(@"docs\*", "docs/readme.md", true, true)]    // typed on Windows: a separator
    [InlineData(@"docs\*", "docs/readme.md", false, false)]  // elsewhere: gitignore's escape of '*'
    [InlineData(@"docs\*", @"docs*", false, true)]
    public void ExcludePatternsFollowThePlatform(string pattern, string path, bool windows, bool excluded)
    {
        var (patterns, _) = FileSelection.Patterns(_temp.Path, new[] { pattern }, Array.Empty<string>(), windows);
        Assert.Equal(excluded, patterns.IsExcluded(path, isDirectory: false));
    }

    [Theory]
    [InlineData("Thumbs.db")]
    [InlineData("desktop.ini")]
    [InlineData("sub/Desktop.ini")]
    [InlineData(".DS_Store")]
    [InlineData("node_modules/x/index.js")]
    public void DesktopJunkIsExcludedByDefault(string path)
    {
        var (patterns, _) = FileSelection.Patterns(_temp.Path, Array.Empty<string>(), Array.Empty<string>(), windows: true);
        var excludedAsFolder = path.Contains('/') && patterns.IsExcluded(path.Substring(0, path.IndexOf('/')), isDirectory: true);
        Assert.True(excludedAsFolder || patterns.IsExcluded(path, isDirectory: false), path);
    }

    private static readonly HashSet<string> Tree = new(StringComparer.Ordinal)
    {
        "MANIFEST", "main.py", "lib/", "lib/util.py", "lib/link.py", "shared/", "shared/data.json", "VERSION", "notes.txt",
    };

    [Theory]
    [InlineData("lib/link.py", "util.py", "util.py")]
    [InlineData("lib/link.py", "../shared/data.json", "../shared/data.json")]
    [InlineData("lib/link.py", "./util.py", "./util.py")]
    [InlineData("lib/link.py", "../shared", "../shared")]        // a link to a folder
    [InlineData("main.py", "lib/util.py", "lib/util.py")]
    [InlineData("lib/link.py", "util.py\n", null)]               // git writes no newline
    [InlineData("lib/link.py", " util.py", null)]
    [InlineData("lib/link.py", "missing.py", null)]
    [InlineData("lib/link.py", "../../outside.py", null)]
    [InlineData("lib/link.py", "/etc/passwd", null)]
    [InlineData("lib/link.py", "C:/x", null)]
    [InlineData("lib/link.py", "link.py", null)]                  // itself
    [InlineData("VERSION", "1.0.0", null)]
    [InlineData("notes.txt", "see main.py", null)]
    public void AGitLinkPlaceholderIsAOneLinePathToAnotherEntry(string entry, string content, string? target) =>
        Assert.Equal(target, StructureGitSymlinkRule.LinkTarget(entry, Encoding.UTF8.GetBytes(content), Tree));

    [Fact]
    public void AFolderCheckedOutWithGitLinkPlaceholdersIsWarnedOfByName()
    {
        var folder = new PluginBuilder().Set("good_plugin/helpers.py", "plugin.py").WriteFolder(_temp);
        var finding = Assert.Single(SpsPluginValidator.Validate(folder, new SpsPluginValidationOptions { UsePython = false }).Diagnostics,
            d => d.RuleId == "StructureGitSymlink");
        Assert.Equal("good_plugin/helpers.py", finding.Entry);
        Assert.Contains("'plugin.py'", finding.Message);
    }
}
