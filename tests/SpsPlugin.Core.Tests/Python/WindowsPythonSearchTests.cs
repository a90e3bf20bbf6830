using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Tests.Python;

/// <summary>
/// Finding Python on Windows, tested on any OS: PATH read as Windows reads it, the PEP 514 registry, the py
/// launcher and the Microsoft Store's aliases, from made-up machines; and the Linux search kept as it was.
/// </summary>
public sealed class WindowsPythonSearchTests
{
    private static readonly Version Target = new(3, 12);

    [Theory]
    [InlineData(@"C:\Python312;C:\Windows", @"C:\Python312|C:\Windows")]
    [InlineData(@"""C:\Program Files\Python312"";C:\Tools\", @"C:\Program Files\Python312|C:\Tools\")]
    [InlineData(@";;C:\A; ;C:\B;", @"C:\A|C:\B")]
    [InlineData(@"C:\bad""quote;C:\A", @"C:\A")]
    [InlineData(@"C:\x|y;C:\a<b;C:\q?;C:\star*;C:\A", @"C:\A")]
    [InlineData("C:\\tab\there;C:\\A", @"C:\A")]
    [InlineData(@"C:\a:stream;:C\b;C:\A", @"C:\A")]
    [InlineData(@"\\server\share\Python;relative\bin", @"\\server\share\Python|relative\bin")]
    public void WindowsPathEntriesAreSplitOnSemicolonsUnquotedAndTheUnusableSkipped(string path, string expected) =>
        Assert.Equal(expected.Split('|'), PathVariable.Folders(path, windows: true));

    [Theory]
    [InlineData("/usr/bin::/opt/py/bin:", "/usr/bin|/opt/py/bin")]
    [InlineData("/odd\"name:/usr/bin", "/odd\"name|/usr/bin")]
    [InlineData("/nul\0here:/usr/bin", "/usr/bin")]
    public void UnixPathEntriesAreSplitOnColonsAndKeepWhatAFileNameMayHold(string path, string expected) =>
        Assert.Equal(expected.Split('|'), PathVariable.Folders(path, windows: false));

    [Fact]
    public void AQuoteInPathStopsNothingOnEitherPlatform()
    {
        // On .NET Framework Path.Combine throws for the quote; the search must never get to call it with one.
        var search = Windows(@"C:\Py""thon;C:\Python312", new[] { @"C:\Python312\python.exe" });
        Assert.Equal(new[] { @"C:\Python312\python.exe" }, SystemPythonSearch.Candidates(Target, search));
    }

    [Fact]
    public void OnWindowsPathComesFirstThenTheRegistryThenThePyLauncherAndShimsAfterRealOnes()
    {
        var asked = new List<string>();
        var search = Windows(@"C:\Users\a\.pyenv\pyenv-win\shims;C:\Python311;C:\Windows",
            new[]
            {
                @"C:\Users\a\.pyenv\pyenv-win\shims\python.exe", @"C:\Python311\python.exe", @"C:\Windows\py.exe",
                @"C:\Users\a\AppData\Local\Programs\Python\Python312\python.exe", @"C:\Program Files\Python310\python.exe", @"C:\Launched\python.exe",
            },
            new FakeRegistry()
                .Install(PythonRegistryRoot.CurrentUser, "PythonCore", "3.12", @"C:\Users\a\AppData\Local\Programs\Python\Python312\")
                .Install(PythonRegistryRoot.LocalMachine64, "PythonCore", "3.10", @"C:\Program Files\Python310"),
            (launcher, selector) =>
            {
                asked.Add(launcher + " " + selector);
                return selector == "-3" ? @"C:\Launched\python.exe" : null;
            });
        Assert.Equal(new[]
        {
            @"C:\Python311\python.exe",
            @"C:\Users\a\.pyenv\pyenv-win\shims\python.exe",
            @"C:\Users\a\AppData\Local\Programs\Python\Python312\python.exe",
            @"C:\Program Files\Python310\python.exe",
            @"C:\Launched\python.exe",
        }, SystemPythonSearch.Candidates(Target, search));
        Assert.Equal(new[] { @"C:\Windows\py.exe -3.12", @"C:\Windows\py.exe -3" }, asked);
    }

    [Fact]
    public void TheRegistryAndTheLauncherAreOnlyAskedWhenTheSearchGetsThere()
    {
        var registry = new FakeRegistry();
        var asked = 0;
        var search = Windows(@"C:\Python312;C:\Windows", new[] { @"C:\Python312\python.exe", @"C:\Windows\py.exe" }, registry, (_, _) =>
        {
            asked++;
            return null;
        });
        Assert.Equal(@"C:\Python312\python.exe", SystemPythonSearch.Candidates(Target, search).First());
        Assert.Equal(0, registry.Reads);
        Assert.Equal(0, asked);
    }

    [Fact]
    public void PythonsRegistryEntriesAreReadAsPep514SaysInBothViewsPerUserFirst()
    {
        var registry = new FakeRegistry()
            .Install(PythonRegistryRoot.LocalMachine32, "PythonCore", "3.9-32", @"C:\Program Files (x86)\Python39-32")
            .Install(PythonRegistryRoot.LocalMachine64, "ContinuumAnalytics", "Anaconda39-64", @"C:\Anaconda3", executable: @"C:\Anaconda3\python.exe")
            .Install(PythonRegistryRoot.LocalMachine64, "PythonCore", "3.11", @"C:\Program Files\Python311")
            .Install(PythonRegistryRoot.LocalMachine64, "PythonCore", "3.13", @"C:\Program Files\Python313", executable: @"C:\Program Files\Python313\python3.13.exe")
            .Install(PythonRegistryRoot.LocalMachine64, "PyLauncher", "3.12", @"C:\Windows")
            .Install(PythonRegistryRoot.LocalMachine64, "Broken", "3.8", @"C:\bad""path")
            .Install(PythonRegistryRoot.CurrentUser, "PythonCore", "3.12", @"C:\Users\a\Python312");
        Assert.Equal(new[]
        {
            @"C:\Users\a\Python312\python.exe",
            @"C:\Program Files\Python313\python3.13.exe",
            @"C:\Program Files\Python311\python.exe",
            @"C:\Anaconda3\python.exe",
            @"C:\Program Files (x86)\Python39-32\python.exe",
        }, PythonRegistry.Interpreters(registry));
    }

    [Fact]
    public void TheStoresAliasesAreNeverCandidatesButAreListedApart()
    {
        var store = @"C:\Users\a\AppData\Local\Microsoft\WindowsApps";
        var search = Windows(store + @";C:\Python312", new[] { store + @"\python.exe", store + @"\python3.exe", @"C:\Python312\python.exe" });
        Assert.Equal(new[] { @"C:\Python312\python.exe" }, SystemPythonSearch.Candidates(Target, search));
        Assert.Equal(new[] { store + @"\python3.exe", store + @"\python.exe" }, SystemPythonSearch.StoreAliases(search));
        Assert.True(SystemPythonSearch.IsStoreFolder(store + @"\"));
        Assert.False(SystemPythonSearch.IsStoreFolder(@"C:\Tools\WindowsApps"));
    }

    [Fact]
    public void WhenOnlyTheStoreAliasIsThereTheMessageSaysSoAndHowToInstallAndTurnItOff()
    {
        var store = @"C:\Users\a\AppData\Local\Microsoft\WindowsApps";
        var search = Windows(store, new[] { store + @"\python.exe" });
        var remedy = PythonSearchAdvice.Remedy(search);
        Assert.Contains($"Microsoft Store's app execution alias ({store}\\python.exe)", remedy);
        Assert.Contains("winget install Python.Python.", remedy);
        Assert.Contains("App execution aliases", remedy);
        Assert.Contains("Microsoft Store", PythonSearchAdvice.StoreAliasNote(search));
    }

    [Fact]
    public void MessagesNameEachPlatformsWayToPython()
    {
        var windows = Windows(@"C:\Windows", Array.Empty<string>());
        Assert.StartsWith("Install Python 3.", PythonSearchAdvice.Remedy(windows));
        Assert.Contains(@"-PythonPath C:\...\python.exe", PythonSearchAdvice.Remedy(windows));
        Assert.DoesNotContain("/usr/bin", PythonSearchAdvice.Remedy(windows) + PythonSearchAdvice.SystemPlaces(windows));
        Assert.Contains("PEP 514", PythonSearchAdvice.SystemPlaces(windows));
        Assert.Empty(PythonSearchAdvice.StoreAliasNote(windows));
        var linux = PythonSearchEnvironment.Of(new Dictionary<string, string> { ["PATH"] = "/usr/bin" }, false, Array.Empty<string>());
        Assert.Contains("apt-get install python3", PythonSearchAdvice.Remedy(linux));
        Assert.Equal("/usr/bin/python3, /usr/local/bin/python3 and PATH", PythonSearchAdvice.SystemPlaces(linux));
    }

    /// <summary>The Linux order as it was: python3.X of the target in the system folders and on PATH, then python3; shims last; nothing else probed.</summary>
    [Fact]
    public void TheLinuxSearchKeepsItsOrder()
    {
        var files = new[]
        {
            "/home/a/.pyenv/shims/python3", "/home/a/.pyenv/shims/python3.12", "/opt/py/bin/python3.12", "/usr/bin/python3", "/usr/bin/python3.11",
            "/usr/local/bin/python3",
        };
        var linux = PythonSearchEnvironment.Of(new Dictionary<string, string> { ["PATH"] = "/home/a/.pyenv/shims:/opt/py/bin::/usr/bin/" }, false, files);
        Assert.Equal(new[]
        {
            "/opt/py/bin/python3.12", "/home/a/.pyenv/shims/python3.12", "/usr/bin/python3", "/usr/local/bin/python3", "/home/a/.pyenv/shims/python3",
        }, SystemPythonSearch.Candidates(Target, linux));
        Assert.Empty(SystemPythonSearch.StoreAliases(linux));
    }

    [Fact]
    public void TheRealRegistryReaderReadsAMissingKeyAsNothingAndThrowsNothingOnAnyOS()
    {
        // On Linux .NET's registry API throws PlatformNotSupportedException; on Windows the key does not exist.
        var reader = new WindowsRegistryReader();
        Assert.True(WindowsRegistryReader.Available);
        Assert.Empty(reader.SubKeys(PythonRegistryRoot.LocalMachine64, @"Software\SpsPlugin.Tests.NoSuchKey"));
        Assert.Null(reader.Value(PythonRegistryRoot.CurrentUser, @"Software\SpsPlugin.Tests.NoSuchKey\InstallPath", null));
    }

    private static PythonSearchEnvironment Windows(string path, IEnumerable<string> files, IPythonRegistry? registry = null, Func<string, string, string?>? launcher = null) =>
        PythonSearchEnvironment.Of(new Dictionary<string, string> { ["PATH"] = path, ["WINDIR"] = @"C:\Windows", ["LOCALAPPDATA"] = @"C:\Users\a\AppData\Local" },
            true, new HashSet<string>(files, StringComparer.OrdinalIgnoreCase), registry ?? new FakeRegistry(), launcher);

    private sealed class FakeRegistry : IPythonRegistry
    {
        private readonly Dictionary<(PythonRegistryRoot, string), List<string>> _keys = new();
        private readonly Dictionary<(PythonRegistryRoot, string, string), string> _values = new();

        public int Reads { get; private set; }

        public FakeRegistry Install(PythonRegistryRoot root, string company, string tag, string folder, string? executable = null)
        {
            Add(root, @"Software\Python", company);
            Add(root, @"Software\Python\" + company, tag);
            var install = $@"Software\Python\{company}\{tag}\InstallPath";
            _values[(root, install, string.Empty)] = folder;
            if (executable != null)
            {
                _values[(root, install, "ExecutablePath")] = executable;
            }
            return this;
        }

        public IReadOnlyList<string> SubKeys(PythonRegistryRoot root, string key)
        {
            Reads++;
            return _keys.TryGetValue((root, key), out var names) ? names : new List<string>();
        }

        public string? Value(PythonRegistryRoot root, string key, string? name)
        {
            Reads++;
            return _values.TryGetValue((root, key, name ?? string.Empty), out var value) ? value : null;
        }

        private void Add(PythonRegistryRoot root, string key, string name)
        {
            if (!_keys.TryGetValue((root, key), out var names))
            {
                _keys[(root, key)] = names = new List<string>();
            }
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
    }
}
