using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Packing;

public sealed class PackerTests : IDisposable
{
    private static readonly SpsPluginValidationOptions Validation = new() { TargetRelease = SpsRelease.Find("8.0") };
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private SpsPluginBundle Pack(string folder, Action<SpsPluginPackOptions>? edit = null)
    {
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("out", Guid.NewGuid().ToString("N") + ".zip"), Validation = Validation };
        edit?.Invoke(options);
        return SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options);
    }

    [Fact]
    public void TheSameTreeGivesTheSameBytesWhateverItsTimesAndPlace()
    {
        var first = new PluginBuilder().WriteFolder(_temp);
        var second = new PluginBuilder().WriteFolder(_temp);
        foreach (var file in Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        }
        var a = Pack(first);
        var b = Pack(second);
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal(a.Sha256, Pack(first).Sha256);
    }

    [Fact]
    public void EntriesAreSortedWithSlashesOneTimeAndNormalisedModes()
    {
        var folder = new PluginBuilder().Set("z_last.py", "x = 1\n").Set("a_first/b.py", "y = 2\n").WriteFolder(_temp);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder, "z_last.py"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var bundle = Pack(folder);
        var names = bundle.Entries.Select(e => e.Path).ToArray();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.DoesNotContain(names, n => n.Contains('\\'));
        Assert.All(bundle.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime));
        Assert.Equal("-rw-r--r--", bundle.Entries.Single(e => e.Path == "MANIFEST").Mode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("-rwxr-xr-x", bundle.Entries.Single(e => e.Path == "z_last.py").Mode);
        }
        using var archive = ZipFile.OpenRead(bundle.Path);
        Assert.All(archive.Entries, e => Assert.Equal(e.Length, new BinaryReader(e.Open()).ReadBytes((int)e.Length + 1).Length));
    }

    [Fact]
    public void SourceDateEpochSetsTheTime()
    {
        var bundle = Pack(new PluginBuilder().WriteFolder(_temp), o => o.SourceDate = new DateTime(2024, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        Assert.All(bundle.Entries, e => Assert.Equal(new DateTime(2024, 2, 3, 4, 5, 6), e.LastWriteTime));
    }

    [Fact]
    public void ContentIsNeverRewritten()
    {
        var crlf = Encoding.UTF8.GetBytes("# windows line ends\r\nx = 1\r\n");
        var folder = new PluginBuilder().Set("lib/crlf.py", crlf).WriteFolder(_temp);
        Assert.Equal(crlf, Pack(folder).ReadEntry("lib/crlf.py", 1000));
    }

    [Fact]
    public void LeavesOutTheDefaultsSpsignoreAndExcludeAndKeepsDotfilesAndEmptyFiles()
    {
        var folder = new PluginBuilder()
            .Set(".git/config", "x").Set("good_plugin/__pycache__/x.pyc", "x").Set("dist/old.zip", "x").Set("tests/test_x.py", "x")
            .Set("good_plugin/tests/test_y.py", "x").Set(".venv/lib/x.py", "x").Set("notes.md", "x").Set("docs/guide.md", "x")
            .Set(".keep", string.Empty).Set("good_plugin/data/empty.txt", string.Empty).Set("scratch.tmp", "x")
            .Set(".spsignore", "# local files\n*.tmp\ndocs/\n")
            .WriteFolder(_temp);
        var bundle = Pack(folder, o => o.Exclude = new[] { "notes.md" });
        Assert.Equal(
            new[] { ".keep", "MANIFEST", "default.cfg", "good_plugin/__init__.py", "good_plugin/data/empty.txt", "good_plugin/plugin.py", "main.py" },
            bundle.Entries.Select(e => e.Path));
    }

    [Fact]
    public void IncludeForcesBackAFileInsideAnExcludedFolder()
    {
        var folder = new PluginBuilder().Set("tests/fixtures/sample.json", "{}").Set("tests/test_x.py", "x").WriteFolder(_temp);
        var bundle = Pack(folder, o => o.Include = new[] { "tests/fixtures/sample.json" });
        Assert.Contains(bundle.Entries, e => e.Path == "tests/fixtures/sample.json");
        Assert.DoesNotContain(bundle.Entries, e => e.Path == "tests/test_x.py");
    }

    [UnixFact]
    public void FollowsLinksToFilesInsideAndRefusesOthers()
    {
        var folder = new PluginBuilder().Set("data/real.txt", "real").WriteFolder(_temp);
        File.CreateSymbolicLink(Path.Combine(folder, "data/alias.txt"), "real.txt");
        var bundle = Pack(folder);
        var alias = bundle.Entries.Single(e => e.Path == "data/alias.txt");
        Assert.False(alias.IsSymbolicLink);
        Assert.Equal("real", Encoding.UTF8.GetString(bundle.ReadEntry("data/alias.txt", 100)));

        File.CreateSymbolicLink(Path.Combine(folder, "data/outside.txt"), "/etc/hostname");
        var invalid = Assert.Throws<SpsPluginException>(() => Pack(folder));
        Assert.Equal(SpsPluginErrorId.PackValidationFailed, invalid.ErrorId);
        Assert.Contains(invalid.Diagnostics, d => d.RuleId == "ZipSymlink" && d.Message.Contains("data/outside.txt"));
        var error = Assert.Throws<SpsPluginException>(() => Pack(folder, o => o.SkipValidation = true));
        Assert.Equal(SpsPluginErrorId.PackLinkRefused, error.ErrorId);
        Assert.Contains("data/outside.txt", error.Message);
        Assert.NotNull(Pack(folder, o =>
        {
            o.Exclude = new[] { "outside.txt" };
            o.Validation = new SpsPluginValidationOptions { TargetRelease = Validation.TargetRelease, ExcludeRules = new[] { "ZipSymlink" } };
        }));
    }

    [Fact]
    public void RewritesOnlyTheVersionOfThePackedManifest()
    {
        var folder = new PluginBuilder().Manifest(m => "# keep me\n" + m).WriteFolder(_temp);
        var bundle = Pack(folder, o =>
        {
            o.Version = "1.10";
            o.Snapshot = true;
            o.SourceDate = new DateTime(2026, 11, 27, 15, 30, 0, DateTimeKind.Utc);
        });
        Assert.Equal("1.10-20261127T153000", bundle.Manifest!.Version);
        Assert.StartsWith("# keep me\n", bundle.Manifest.Text);
        Assert.Equal("# keep me\n" + PluginBuilder.GoodManifest, File.ReadAllText(Path.Combine(folder, "MANIFEST")));
        Assert.Equal(PyYamlType.String, bundle.Manifest.GetValue("version")!.Type);
    }

    [Fact]
    public void NamesTheZipAfterTheManifestInDistByDefault()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        var plan = SpsPluginPacker.Plan(folder, new SpsPluginPackOptions { Validation = Validation });
        Assert.Equal(Path.Combine(folder, "dist", "good_plugin-1.0.0.zip"), plan.Destination);
    }

    [Fact]
    public void RefusesToOverwriteWithoutPermissionAndLeavesNoTempFile()
    {
        var folder = new PluginBuilder().WriteFolder(_temp);
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("out.zip"), Validation = Validation };
        SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options));
        Assert.Equal(SpsPluginErrorId.FileExists, error.ErrorId);
        options.Overwrite = true;
        SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options);
        Assert.Equal(new[] { "out.zip" }, Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void StopsOnValidationErrorsUnlessSkipped()
    {
        var folder = new PluginBuilder().Manifest(m => m.Replace("name: good_plugin", "name: bad-name")).WriteFolder(_temp);
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginPacker.Plan(folder, new SpsPluginPackOptions { Validation = Validation }));
        Assert.Equal(SpsPluginErrorId.PackValidationFailed, error.ErrorId);
        Assert.Contains(error.Diagnostics, d => d.RuleId == "ManifestName");
        Assert.NotNull(SpsPluginPacker.Plan(folder, new SpsPluginPackOptions { SkipValidation = true }));
    }

    [Fact]
    public void RefusesABundleOverTheSizeLimitAndWritesNothing()
    {
        var random = new byte[21 * 1024 * 1024];
        new Random(1).NextBytes(random);
        var folder = new PluginBuilder().Set("data/blob.bin", random).WriteFolder(_temp);
        var options = new SpsPluginPackOptions { DestinationPath = _temp.Combine("big.zip"), Validation = Validation };
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginPacker.Write(SpsPluginPacker.Plan(folder, options), options));
        Assert.Equal(SpsPluginErrorId.PackTooLarge, error.ErrorId);
        Assert.False(File.Exists(options.DestinationPath));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ThePackedBundlePassesValidation()
    {
        var bundle = Pack(new PluginBuilder().WriteFolder(_temp));
        Assert.True(SpsPluginValidator.Validate(bundle.Path, Validation).IsValid);
    }

    [PythonFact]
    public void ThePackedBundlePassesPythonsZipfile()
    {
        var bundle = Pack(new PluginBuilder().WriteFolder(_temp));
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(PythonLocator.Find()!,
            $"-c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip())\" \"{bundle.Path}\"") { RedirectStandardOutput = true, UseShellExecute = false })!;
        Assert.Equal("None", process.StandardOutput.ReadToEnd().Trim());
        process.WaitForExit();
    }
}
