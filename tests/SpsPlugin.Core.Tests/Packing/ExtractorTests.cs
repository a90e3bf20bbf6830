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
