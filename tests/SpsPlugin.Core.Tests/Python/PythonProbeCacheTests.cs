using System;
using System.IO;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>The interpreter versions kept across sessions: keyed by the file links lead to, scripts never, only in a folder that is the user's alone.</summary>
public sealed class PythonProbeCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly Version Version = new(3, 11, 2);

    private string Binary(string name, string content = "\u007fELF fake interpreter") => _temp.Write(name, content);

    [Fact]
    public void ARememberedVersionIsFoundByTheSameFileAndNotAfterTheFileChanged()
    {
        var cache = new PythonProbeCache(_temp.Combine("cache"));
        var python = Binary("python3");
        var key = PythonProbeCache.KeyOf(new FileInfo(python))!;
        Assert.Null(cache.Find(key));

        cache.Remember(key, Version);

        Assert.Equal(Version, new PythonProbeCache(_temp.Combine("cache")).Find(key));
        File.AppendAllText(python, "replaced by an upgrade");
        Assert.NotEqual(key, PythonProbeCache.KeyOf(new FileInfo(python)));
        Assert.Null(cache.Find(PythonProbeCache.KeyOf(new FileInfo(python))!));
    }

    [Fact]
    public void AScriptIsNeverRemembered()
    {
        // A version manager's shim answers by the environment it runs in, not by its own bytes.
        Assert.Null(PythonProbeCache.KeyOf(new FileInfo(Binary("shim", "#!/usr/bin/env bash\nexec pyenv exec python3 \"$@\"\n"))));
        Assert.Null(PythonProbeCache.KeyOf(new FileInfo(_temp.Combine("missing"))));
    }

    [UnixFact]
    public void ALinkIsKeyedByTheFileItLeadsTo()
    {
        // Links of the same length and time, to different interpreters, must not share an answer.
        Binary("python3.11", "\u007fELF eleven");
        Binary("python3.12", "\u007fELF twelve, a longer file");
        var link = _temp.Combine("python3");
        File.CreateSymbolicLink(link, "python3.11");
        var before = PythonProbeCache.KeyOf(new FileInfo(link));
        File.Delete(link);
        File.CreateSymbolicLink(link, "python3.12");

        Assert.NotNull(before);
        Assert.NotEqual(before, PythonProbeCache.KeyOf(new FileInfo(link)));
        Assert.Contains(_temp.Combine("python3.12"), PythonProbeCache.KeyOf(new FileInfo(link)));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheCacheIsPrivateAndAFolderOthersCanWriteIsNotTrusted()
    {
        var folder = _temp.Combine("cache");
        var cache = new PythonProbeCache(folder);
        var key = PythonProbeCache.KeyOf(new FileInfo(Binary("python3")))!;
        cache.Remember(key, Version);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "python-probes.txt")));

        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherWrite);
        Assert.Null(cache.Find(key));
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(Version, cache.Find(key));
        File.SetUnixFileMode(Path.Combine(folder, "python-probes.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);
        Assert.Null(cache.Find(key));
    }

    [Fact]
    public void AnUnreadableOrForeignLineIsAMissNotAnError()
    {
        var folder = _temp.Combine("cache");
        var cache = new PythonProbeCache(folder);
        var key = PythonProbeCache.KeyOf(new FileInfo(Binary("python3")))!;
        cache.Remember(key, Version);
        File.WriteAllText(Path.Combine(folder, "python-probes.txt"), "2.7.18\t" + key + "\nnot a line\n\t\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder, "python-probes.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Null(cache.Find(key));
    }

    [Fact]
    public void AFileBeyondTheCapIsAMissAndTheNextAnswerRewritesIt()
    {
        var folder = _temp.Combine("cache");
        var cache = new PythonProbeCache(folder);
        var key = PythonProbeCache.KeyOf(new FileInfo(Binary("python3")))!;
        cache.Remember(key, Version);
        var file = Path.Combine(folder, "python-probes.txt");
        // The remembered line first, so only the size can make it a miss.
        File.AppendAllText(file, new string('#', PythonProbeCache.MaxFileBytes) + "\n");
        Assert.Null(cache.Find(key));

        cache.Remember(key, Version);

        Assert.Equal(Version, cache.Find(key));
        Assert.True(new FileInfo(file).Length < 1024);
    }

    [PythonFact]
    public void ANamedInterpreterThatNoLongerExistsIsRefusedWhateverTheCacheHolds()
    {
        var system = PythonLocator.Find()!;
        var copy = _temp.Combine("python-copy");
        File.Copy(Path.GetFullPath(new FileInfo(system).LinkTarget is { } target ? Path.Combine(Path.GetDirectoryName(system)!, target) : system), copy);
        var saved = PythonLocator.ProbeCache;
        PythonLocator.ProbeCache = new PythonProbeCache(_temp.Combine("cache"));
        try
        {
            PythonLocator.ProbeCache.Remember(PythonProbeCache.KeyOf(new FileInfo(copy))!, Version);
            File.Delete(copy);

            var error = Assert.Throws<SpsPluginException>(() => PythonLocator.Resolve(copy, null));
            Assert.Equal(SpsPluginErrorId.PythonNotFound, error.ErrorId);
        }
        finally
        {
            PythonLocator.ProbeCache = saved;
        }
    }
}
