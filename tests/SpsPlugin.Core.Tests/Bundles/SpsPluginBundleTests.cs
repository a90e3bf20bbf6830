using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Bundles;

public sealed class SpsPluginBundleTests
{
    private const string Manifest = "name: demo\ndescription: d\nversion: 1.0.0\ntype: aa\napi: 1.6\nentry_point: main.py\n";

    // A hook call reads the MANIFEST without listing the folder's subfolders; it must find the same one, or none alike.
    [Theory]
    [InlineData("MANIFEST", "name: demo\nentry_point: main.py\n")]
    [InlineData("MANIFEST/name", "demo")]
    [InlineData("manifest", "name: demo\n")]
    [InlineData("lib/MANIFEST", "name: demo\n")]
    [InlineData("MANIFEST", "name: d\xe9mo\n")]
    public void TheRootManifestAloneIsTheOneOpenReads(string path, string content)
    {
        using var temp = new TempFolder();
        temp.Write("main.py", "from lib.plugin import Plugin\n");
        temp.Write("lib/plugin.py", "class Plugin: pass\n");
        temp.Write(path, content);
        var whole = SpsPluginBundle.Open(temp.Path).Manifest;
        var root = SpsPluginBundle.RootManifest(temp.Path);
        Assert.Equal(whole?.Name, root?.Name);
        Assert.Equal(whole?.EntryPoint, root?.EntryPoint);
    }

    [Fact]
    public void ListsAFolderSortedWithSlashesAndReadsItsManifest()
    {
        using var temp = new TempFolder();
        temp.Write("MANIFEST", Manifest);
        temp.Write("main.py", "from lib.plugin import Plugin\n");
        temp.Write("lib/plugin.py", "class Plugin: pass\n");
        temp.Write(".hidden", string.Empty);
        var bundle = SpsPluginBundle.Open(temp.Path);
        Assert.Equal(SpsPluginBundleKind.Folder, bundle.Kind);
        Assert.Equal(new[] { ".hidden", "MANIFEST", "lib/", "lib/plugin.py", "main.py" }, bundle.Entries.Select(e => e.Path));
        Assert.Equal("demo", bundle.Name);
        Assert.True(bundle.HasMainPy);
        Assert.False(bundle.HasDefaultConfig);
        Assert.Null(bundle.Sha256);
        Assert.Equal(4, bundle.FileCount);
        Assert.Equal(Manifest.Length + 30 + 19, bundle.TotalSize);
    }

    [Fact]
    public void SaysReadFailedForAFileThatWentAfterTheFolderWasListed()
    {
        using var temp = new TempFolder();
        temp.Write("MANIFEST", Manifest);
        temp.Write("main.py", "class Plugin: pass\n");
        var bundle = SpsPluginBundle.Open(temp.Path);
        File.Delete(temp.Combine("main.py"));
        var failure = Assert.Throws<SpsPluginException>(() => bundle.ReadEntry("main.py", 1024));
        Assert.Equal(SpsPluginErrorId.ReadFailed, failure.ErrorId);
        Assert.Contains("main.py", failure.Message);
    }

    [Fact]
    public void SaysReadFailedForAZipThatWentAfterItWasOpened()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("plugin.zip");
        var builder = new ZipBuilder();
        builder.Add("MANIFEST", Manifest);
        builder.Add("main.py", "class Plugin: pass\n");
        File.WriteAllBytes(zip, builder.Build());
        var bundle = SpsPluginBundle.Open(zip);
        File.Delete(zip);
        Assert.Equal(SpsPluginErrorId.ReadFailed, Assert.Throws<SpsPluginException>(() => bundle.ReadEntry("main.py", 1024)).ErrorId);
    }

    [UnixFact]
    public void ListsAFolderLinkWithoutFollowingIt()
    {
        using var temp = new TempFolder();
        temp.Write("MANIFEST", Manifest);
        Directory.CreateSymbolicLink(temp.Combine("loop"), temp.Path);
        var bundle = SpsPluginBundle.Open(temp.Path);
        var link = Assert.Single(bundle.Entries, e => e.Path == "loop/");
        Assert.True(link.IsSymbolicLink);
        Assert.Equal(0xA000, link.UnixMode!.Value & 0xF000);
        Assert.Equal(2, bundle.EntryCount);
    }

    [Fact]
    public void ReadsAZipFromItsDirectoryWithModesHashAndManifest()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("demo.zip");
        File.WriteAllBytes(zip, ZipBuilder.Create(("MANIFEST", Manifest, 0x81A4), ("main.py", "x = 1\n", 0x81ED), ("lib/", string.Empty, 0x41ED)));
        var bundle = SpsPluginBundle.Open(zip);
        Assert.Equal(SpsPluginBundleKind.Zip, bundle.Kind);
        Assert.Equal(new[] { "MANIFEST", "main.py", "lib/" }, bundle.Entries.Select(e => e.Path));
        Assert.Equal("-rwxr-xr-x", bundle.Entries[1].Mode);
        Assert.True(bundle.Entries[2].IsDirectory);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(zip))).ToLowerInvariant(), bundle.Sha256);
        Assert.Equal(new FileInfo(zip).Length, bundle.FileSize);
        Assert.Equal("demo", bundle.Manifest!.Name);
        Assert.Equal("x = 1\n", Encoding.UTF8.GetString(bundle.ReadEntry("main.py", 100)));
    }

    [Fact]
    public void ReportsDuplicateEntriesAndReadsTheLastOne()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("dup.zip");
        File.WriteAllBytes(zip, ZipBuilder.Create(("MANIFEST", "name: first\n", null), ("MANIFEST", Manifest, null)));
        var bundle = SpsPluginBundle.Open(zip);
        Assert.Equal(new[] { "MANIFEST" }, bundle.DuplicateEntries);
        Assert.Equal("demo", bundle.Manifest!.Name);
    }

    [Fact]
    public void ReadsZip64Directories()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("zip64.zip");
        File.WriteAllBytes(zip, ZipBuilder.CreateZip64("MANIFEST", Manifest));
        var bundle = SpsPluginBundle.Open(zip);
        var entry = Assert.Single(bundle.Entries);
        Assert.Equal(Manifest.Length, entry.Size);
        Assert.Equal("-rw-r--r--", entry.Mode);
        Assert.Equal("demo", bundle.Manifest!.Name);
    }

    [Fact]
    public void NamesTheWrappingFolderWhenTheFolderWasZipped()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("wrapped.zip");
        File.WriteAllBytes(zip, ZipBuilder.Create(("demo/MANIFEST", Manifest, null), ("demo/main.py", "", null)));
        var bundle = SpsPluginBundle.Open(zip);
        Assert.Null(bundle.Manifest);
        Assert.Equal("demo/", bundle.WrappingFolder);
        var error = bundle.MissingManifestError();
        Assert.Equal(SpsPluginErrorId.ManifestNotFound, error.ErrorId);
        Assert.Contains("You zipped the folder", error.Message);
    }

    [Fact]
    public void SaysWhenAFileIsNotAZip()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(temp.Write("plugin.zip", "just text")));
        Assert.Equal(SpsPluginErrorId.BundleNotZip, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.ErrorId.Kind);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void SaysWhenAZipIsTruncated(double keep)
    {
        using var temp = new TempFolder();
        var whole = ZipBuilder.Create(("MANIFEST", Manifest, null), ("main.py", new string('x', 5000), null));
        var zip = temp.Combine("cut.zip");
        File.WriteAllBytes(zip, whole.Take((int)(whole.Length * keep)).ToArray());
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(zip));
        Assert.Equal(SpsPluginErrorId.BundleCorrupt, error.ErrorId);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void RefusesDamagedEntryDataByItsCrc()
    {
        using var temp = new TempFolder();
        var bytes = ZipBuilder.Create(("main.py", "print('hello world')\n", null));
        // Stored or deflated, the content bytes sit between the local header and the directory:
        // flipping one of them must not go unnoticed.
        bytes[40] ^= 0xFF;
        var zip = temp.Combine("damaged.zip");
        File.WriteAllBytes(zip, bytes);
        var bundle = SpsPluginBundle.Open(zip);
        var error = Assert.Throws<SpsPluginException>(() => bundle.ReadEntry("main.py", 1000));
        // Depending on the byte, deflate fails outright or yields other bytes that the CRC-32 catches.
        Assert.Contains(error.ErrorId, new[] { SpsPluginErrorId.BundleCorrupt, SpsPluginErrorId.BundleBadCrc });
    }

    [Fact]
    public void RefusesToReadEncryptedEntries()
    {
        using var temp = new TempFolder();
        var bytes = ZipBuilder.Create(("MANIFEST", Manifest, null));
        // Set bit 0 (encrypted) of the flags in the central header (offset 8 from its signature).
        var central = ZipBuilder.IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
        bytes[central + 8] |= 1;
        var zip = temp.Combine("encrypted.zip");
        File.WriteAllBytes(zip, bytes);
        // The bundle still opens (its entries can be listed); the MANIFEST cannot be read.
        var bundle = SpsPluginBundle.Open(zip);
        Assert.True(bundle.Entries[0].IsEncrypted);
        Assert.Null(bundle.Manifest);
        var error = bundle.MissingManifestError();
        Assert.Equal(SpsPluginErrorId.BundleUnsupported, error.ErrorId);
        Assert.Contains("encrypted", error.Message);
    }

    [Fact]
    public void ReadsCp437NamesWhenTheUtf8FlagIsOff()
    {
        using var temp = new TempFolder();
        var bytes = ZipBuilder.Create(("caf\u00e9.txt", "x", null));
        // ZipArchive writes UTF-8 names with the flag; rewrite the name as CP437 (é = 0x82) without it.
        var utf8Name = Encoding.UTF8.GetBytes("caf\u00e9.txt");
        var central = ZipBuilder.IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
        bytes[central + 9] &= unchecked((byte)~0x08);
        var patched = ZipBuilder.Patch(bytes, utf8Name, new byte[] { 0x63, 0x61, 0x66, 0x82, 0x2E, 0x74, 0x78, 0x74, 0x20 }, central);
        var zip = temp.Combine("cp437.zip");
        File.WriteAllBytes(zip, patched);
        Assert.Equal("caf\u00e9.txt ", SpsPluginBundle.Open(zip).Entries[0].Path);
    }

    [Fact]
    public void SaysPathNotFoundForNothingThere()
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(Path.Combine(Path.GetTempPath(), "no-such-plugin-" + Guid.NewGuid())));
        Assert.Equal(SpsPluginErrorId.PathNotFound, error.ErrorId);
    }

    [Fact]
    public void TellsZipsFromOtherFiles()
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("no-extension");
        File.WriteAllBytes(zip, ZipBuilder.Create(("MANIFEST", Manifest, null)));
        Assert.True(SpsPluginBundle.IsZipFile(zip));
        Assert.True(SpsPluginBundle.IsZipFile(temp.Write("x.ZIP", "text")));
        Assert.False(SpsPluginBundle.IsZipFile(temp.Write("MANIFEST", Manifest)));
        Assert.False(SpsPluginBundle.IsZipFile(temp.Path));
    }

    [Theory]
    [InlineData("missing-manifest", "ManifestNotFound")]
    [InlineData("manifest-not-yaml", "ManifestSyntaxError")]
    [InlineData("manifest-empty", "ManifestEmpty")]
    [InlineData("manifest-tab-indent", "ManifestSyntaxError")]
    [InlineData("manifest-duplicate-key", "ManifestDuplicateKey")]
    [InlineData("manifest-not-mapping", "ManifestNotMapping")]
    [InlineData("manifest-unsupported", "ManifestUnsupportedConstruct")]
    public void ReportsEachFailureFixtureWithItsId(string fixture, string expectedId)
    {
        var bundle = SpsPluginBundle.Open(TestPaths.Fixture(fixture));
        var id = bundle.Manifest == null ? bundle.MissingManifestError().ErrorId.Id : bundle.Manifest.Diagnostics.First().RuleId;
        Assert.Equal(expectedId, id);
    }

    [Theory]
    [InlineData("not-a-zip", "BundleNotZip")]
    [InlineData("truncated-zip", "BundleCorrupt")]
    public void ReportsEachBrokenZipFixtureWithItsId(string fixture, string expectedId)
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginBundle.Open(TestPaths.Fixture(fixture, "plugin.zip")));
        Assert.Equal(expectedId, error.ErrorId.Id);
    }
}
