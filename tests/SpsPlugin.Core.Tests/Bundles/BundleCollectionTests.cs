using System.IO;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Bundles;

/// <summary>A path given to validate: one bundle, or a folder of plugin zips and plugin folders.</summary>
public sealed class BundleCollectionTests : System.IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AFolderWithoutManifestStandsForTheBundlesInItInOrdinalOrder()
    {
        var release = _temp.Combine("release");
        Directory.CreateDirectory(release);
        var zip = PluginBuilder.WriteBytes(_temp, new PluginBuilder().ZipBytes());
        File.Move(zip, Path.Combine(release, "b.zip"));
        Directory.Move(new PluginBuilder().WriteFolder(_temp), Path.Combine(release, "a"));
        Directory.CreateDirectory(Path.Combine(release, "notes"));
        File.WriteAllText(Path.Combine(release, "README.md"), "not a bundle");

        Assert.Equal(new[] { Path.Combine(release, "a"), Path.Combine(release, "b.zip") }, SpsPluginBundleCollection.Members(release));
    }

    [Fact]
    public void APluginFolderAZipAndAFolderHoldingNoBundleAreOneBundle()
    {
        var plugin = new PluginBuilder().WriteFolder(_temp);
        Directory.CreateDirectory(Path.Combine(plugin, "nested"));
        File.WriteAllText(Path.Combine(plugin, "nested", "x.zip"), "a zip inside a plugin is the plugin's file");
        var empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);
        var zip = PluginBuilder.WriteBytes(_temp, new PluginBuilder().ZipBytes());

        Assert.Equal(new[] { plugin }, SpsPluginBundleCollection.Members(plugin));
        Assert.Equal(new[] { zip }, SpsPluginBundleCollection.Members(zip));
        Assert.Equal(new[] { empty }, SpsPluginBundleCollection.Members(empty));
    }
}
