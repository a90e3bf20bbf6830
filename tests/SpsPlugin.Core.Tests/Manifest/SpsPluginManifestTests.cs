using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Manifest;

public sealed class SpsPluginManifestTests
{
    private const string Sample =
        "# A comment that must survive\n" +
        "name: demo\n" +
        "description: A demo plugin # trailing\n" +
        "version: 1.0.0\n" +
        "type: aa\n" +
        "api: 1.6\n" +
        "entry_point: main.py\n";

    [Fact]
    public void ExposesTheValuesTheSdkSees()
    {
        var manifest = SpsPluginManifest.Parse(Sample);
        Assert.True(manifest.IsReadable);
        Assert.Equal("demo", manifest.Name);
        Assert.Equal("A demo plugin", manifest.Description);
        Assert.Equal("1.6", manifest.Api);
        Assert.Equal(PyYamlType.Float, manifest.GetValue("api")!.Type);
        Assert.Null(manifest.ScbMaxVersion);
        Assert.Equal(" trailing", manifest["description"]!.Comment);
        Assert.Equal(new[] { 1 }, manifest.Comments.Select(c => c.Key));
    }

    [Fact]
    public void SettingAKeyChangesOnlyItsLineAndQuotesWhatPyYamlWouldRetype()
    {
        var manifest = SpsPluginManifest.Parse(Sample).SetValue("version", "1.10");
        Assert.Equal(Sample.Replace("version: 1.0.0", "version: '1.10'"), manifest.Text);
        Assert.Equal("1.10", manifest.Version);
        Assert.Equal(PyYamlType.String, manifest.GetValue("version")!.Type);
    }

    [Fact]
    public void SettingAKeyKeepsItsTrailingComment()
    {
        var manifest = SpsPluginManifest.Parse(Sample).SetValue("description", "Another: text");
        Assert.Contains("description: 'Another: text' # trailing\n", manifest.Text);
        Assert.Equal("Another: text", manifest.Description);
    }

    [Fact]
    public void SettingANewKeyAppendsItAfterTheLastLine()
    {
        var manifest = SpsPluginManifest.Parse("name: demo").SetValue("author_email", "a@b.c");
        Assert.Equal("name: demo\nauthor_email: a@b.c\n", manifest.Text);
    }

    [Fact]
    public void SettingAContinuedValueReplacesAllOfItsLines()
    {
        var manifest = SpsPluginManifest.Parse("description: first\n  second\nname: x\n").SetValue("description", "one");
        Assert.Equal("description: one\nname: x\n", manifest.Text);
    }

    [Fact]
    public void EditsKeepCrlfLineEndsAndTheBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name: a\r\nversion: 1\r\n")).ToArray();
        var edited = SpsPluginManifest.FromBytes(bytes, "MANIFEST", null).SetValue("version", "2.0.1");
        Assert.Equal(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name: a\r\nversion: 2.0.1\r\n")).ToArray(), edited.ToBytes());
    }

    [Fact]
    public void RemovingAKeyRemovesOnlyItsLines()
    {
        var manifest = SpsPluginManifest.Parse(Sample).RemoveKey("api");
        Assert.Equal(Sample.Replace("api: 1.6\n", string.Empty), manifest.Text);
        Assert.Same(manifest, manifest.RemoveKey("not_there"));
    }

    [Fact]
    public void RefusesToEditAnUnreadableManifest()
    {
        var manifest = SpsPluginManifest.Parse("name: a\nentry_point=main.py\n");
        Assert.False(manifest.IsReadable);
        Assert.Throws<System.InvalidOperationException>(() => manifest.SetValue("name", "b"));
    }

    [Fact]
    public void ReportsTheKnownBadLineWithItsFix()
    {
        var manifest = SpsPluginManifest.Parse("name: a\nentry_point=main.py\n");
        var error = Assert.Single(manifest.Diagnostics);
        Assert.Equal("ManifestSyntaxError", error.RuleId);
        Assert.Equal(2, error.Line);
        Assert.Contains("entry_point: main.py", error.SuggestedFix);
    }

    [Fact]
    public void ReportsEveryDuplicateKeyAndKeepsTheLastValue()
    {
        var manifest = SpsPluginManifest.Parse("name: a\nname: b\nname: c\n");
        Assert.Equal(2, manifest.Diagnostics.Count(d => d.RuleId == "ManifestDuplicateKey"));
        Assert.Equal("c", manifest.Name);
    }

    [Fact]
    public void RefusesBytesThatAreNotUtf8()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginManifest.FromBytes(new byte[] { 0x6E, 0x3A, 0x20, 0xFF, 0x0A }, "x/MANIFEST", null));
        Assert.Equal(SpsPluginErrorId.ManifestEncoding, error.ErrorId);
    }

    [Fact]
    public void ListsKeysSpsDoesNotRead()
    {
        Assert.Equal(new[] { "author", "python_version" }, SpsPluginManifest.Parse("name: a\nauthor: me\npython_version: 3.8\n").UnknownKeys);
    }

    [Fact]
    public void SavesAtomicallyAndRefusesToOverwriteWithoutPermission()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("MANIFEST");
        var manifest = SpsPluginManifest.Parse(Sample);
        manifest.Save(target, overwrite: false);
        Assert.Equal(Sample, File.ReadAllText(target));
        var error = Assert.Throws<SpsPluginException>(() => manifest.SetValue("name", "other").Save(target, overwrite: false));
        Assert.Equal(SpsPluginErrorId.FileExists, error.ErrorId);
        Assert.Equal(Sample, File.ReadAllText(target));
        manifest.SetValue("name", "other").Save(target, overwrite: true);
        Assert.Equal("other", SpsPluginManifest.Load(target).Name);
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
