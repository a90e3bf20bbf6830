using System;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Packing;

public sealed class ExtractorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("path-traversal.zip", "ZipPathTraversal")]
    [InlineData("absolute-path.zip", "ZipAbsolutePath")]
    [InlineData("drive-path.zip", "ZipDrivePath")]
    [InlineData("backslash.zip", "ZipBackslash")]
    [InlineData("symlink.zip", "ZipSymlink")]
    [InlineData("duplicate.zip", "ZipDuplicateEntry")]
    [InlineData("case-collision.zip", "ZipCaseCollision")]
    [InlineData("encrypted.zip", "ZipEncrypted")]
    [InlineData("bomb.zip", "ZipCompressionRatio")]
    public void RefusesHostileZipsNamingTheHazardAndWritesNothing(string fixture, string hazard)
    {
        var destination = _temp.Combine("out");
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(TestPaths.Fixture("hostile-zips", fixture), destination, merge: false));
        Assert.Equal(SpsPluginErrorId.ExpandRefused, error.ErrorId);
        Assert.Contains(error.Diagnostics, d => d.RuleId == hazard);
        Assert.Contains(hazard, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "spsplugin-absolute.py")));
    }

    [Fact]
    public void ExtractsAGoodZipAndRefusesAnExistingFolderUnlessMerging()
    {
        var zip = new PluginBuilder().WriteZip(_temp);
        var destination = _temp.Combine("plugin");
        var folder = SpsPluginExtractor.Extract(zip, destination, merge: false);
        Assert.Equal(PluginBuilder.GoodManifest, File.ReadAllText(Path.Combine(folder.FullName, "MANIFEST")));
        Assert.True(File.Exists(Path.Combine(destination, "good_plugin", "plugin.py")));
        Assert.Equal(SpsPluginErrorId.FileExists, Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, destination, merge: false)).ErrorId);
        File.WriteAllText(Path.Combine(destination, "MANIFEST"), "changed");
        File.WriteAllText(Path.Combine(destination, "mine.txt"), "kept");
        SpsPluginExtractor.Extract(zip, destination, merge: true);
        Assert.Equal(PluginBuilder.GoodManifest, File.ReadAllText(Path.Combine(destination, "MANIFEST")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(destination, "mine.txt")));
        Assert.Equal(new[] { "plugin", "plugin-" }, Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Select(n => n!.Length > 7 ? n.Substring(0, 7) : n).Distinct().OrderBy(n => n));
    }

    [Fact]
    public void RefusesWhatIsNotAZip()
    {
        var notZip = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(TestPaths.Fixture("not-a-zip", "plugin.zip"), _temp.Combine("x"), false));
        Assert.Contains(notZip.Diagnostics, d => d.RuleId == "ZipNotZip");
        Assert.Equal(SpsPluginErrorId.BundleNotZip,
            Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(TestPaths.Fixture("missing-manifest"), _temp.Combine("x"), false)).ErrorId);
        Assert.Equal(SpsPluginErrorId.ExpandRefused,
            Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(TestPaths.Fixture("truncated-zip", "plugin.zip"), _temp.Combine("x"), false)).ErrorId);
        Assert.False(Directory.Exists(_temp.Combine("x")));
    }
}

public sealed class ExtractorWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixTheory]
    [InlineData("good_plugin", true)]
    [InlineData("good_plugin", false)]
    [InlineData("MANIFEST", false)]
    public void AMergeNeverWritesThroughALinkInTheDestination(string linkName, bool dangling)
    {
        var zip = new PluginBuilder().WriteZip(_temp);
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var destination = _temp.Combine("dest");
        Directory.CreateDirectory(destination);
        var link = Path.Combine(destination, linkName);
        var linkTarget = dangling ? Path.Combine(outside, "missing") : linkName == "MANIFEST" ? _temp.Write("outside/MANIFEST", "mine") : outside;
        if (linkName == "MANIFEST" || dangling)
        {
            File.CreateSymbolicLink(link, linkTarget);
        }
        else
        {
            Directory.CreateSymbolicLink(link, linkTarget);
        }
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, destination, merge: true));
        Assert.Equal(SpsPluginErrorId.ExpandRefused, error.ErrorId);
        Assert.Contains("is a link", error.Message);
        Assert.Equal(linkName == "MANIFEST" ? new[] { "MANIFEST" } : Array.Empty<string>(), Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.Equal(new[] { linkName }, Directory.GetFileSystemEntries(destination).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_temp.Path), p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void AMergeRefusesAFileWhereTheZipHasAFolder()
    {
        var zip = new PluginBuilder().WriteZip(_temp);
        var destination = _temp.Combine("dest");
        _temp.Write("dest/good_plugin", "a file in the way");
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, destination, merge: true));
        Assert.Equal(SpsPluginErrorId.ExpandRefused, error.ErrorId);
        Assert.Contains("is a file where the zip has a folder", error.Message);
        Assert.Equal(new[] { "good_plugin" }, Directory.GetFileSystemEntries(destination).Select(Path.GetFileName));
    }

    [Fact]
    public void TheBytesWrittenAreCountedAndTheLimitStopsExtractionLeavingNothing()
    {
        var zip = new PluginBuilder().Set("data/big.txt", new string('x', 5000)).WriteZip(_temp);
        var destination = _temp.Combine("dest");
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, destination, merge: false, maxBytes: 4000));
        Assert.Equal(SpsPluginErrorId.ExpandRefused, error.ErrorId);
        Assert.Contains("data/big.txt", error.Message);
        Assert.Equal(new[] { zip }, Directory.GetFileSystemEntries(_temp.Path));
        SpsPluginExtractor.Extract(zip, destination, merge: false, maxBytes: 6000);
        Assert.Equal(5000, new FileInfo(Path.Combine(destination, "data", "big.txt")).Length);
    }

    [Theory]
    [InlineData("main.py/helper.py", "ZipFileFolderClash")]
    [InlineData("good_plugin", "ZipFileFolderClash")]
    [InlineData("a/b/c", "ZipFileFolderClash")]
    [InlineData("main.py\0x", "ZipDuplicateEntry")]
    public void NamesThatCannotBeExtractedAreRefusedByRule(string name, string rule)
    {
        var builder = new PluginBuilder().Add(name, new byte[] { 0x23 });
        if (name == "a/b/c")
        {
            builder.Add("a/b", new byte[] { 0x23 });
        }
        var zip = builder.WriteZip(_temp);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(zip, _temp.Combine("dest"), merge: false));
        Assert.Equal(SpsPluginErrorId.ExpandRefused, error.ErrorId);
        Assert.Contains(error.Diagnostics, d => d.RuleId == rule);
        Assert.Equal(new[] { zip }, Directory.GetFileSystemEntries(_temp.Path));
    }

    [UnixFact]
    public void LongNamesAreRefusedOrExtractedButNeverARawException()
    {
        var tooLongSegment = new PluginBuilder().Add(new string('a', 300), new byte[] { 0x23 }).WriteZip(_temp);
        var refused = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(tooLongSegment, _temp.Combine("one"), merge: false));
        Assert.Contains(refused.Diagnostics, d => d.RuleId == "ZipUnextractableName");

        // 300 characters in short segments: a Windows warning only, extracted here.
        var longName = string.Concat(Enumerable.Repeat(new string('d', 49) + "/", 6)) + "x.py";
        var windowsOnly = new PluginBuilder().Add(longName, new byte[] { 0x23 }).WriteZip(_temp);
        Assert.Contains(SpsPluginValidator.Validate(windowsOnly, new SpsPluginValidationOptions { UsePython = false }).Diagnostics,
            d => d.RuleId == "ZipLongPath" && d.Severity == Severity.Warning);
        SpsPluginExtractor.Extract(windowsOnly, _temp.Combine("two"), merge: false);
        Assert.True(File.Exists(Path.Combine(_temp.Combine("two"), longName)));

        // Within Linux's 4,095 bytes, yet over PATH_MAX once the destination is added: the OS refuses.
        var nearPathMax = string.Concat(Enumerable.Repeat(new string('p', 254) + "/", 16)) + "x.py";
        var osRefuses = new PluginBuilder().Add(nearPathMax, new byte[] { 0x23 }).WriteZip(_temp);
        var failed = Assert.Throws<SpsPluginException>(() => SpsPluginExtractor.Extract(osRefuses, _temp.Combine("three"), merge: false));
        Assert.Equal(SpsPluginErrorId.WriteFailed, failed.ErrorId);
        Assert.Contains("ppp", failed.Message);
        Assert.False(Directory.Exists(_temp.Combine("three")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_temp.Path), p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
