using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>Which interpreter a plugin gets: the named one, its project's environment, then the system's; and why.</summary>
public sealed class ProjectEnvironmentDiscoveryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PythonInterpreter System => PythonLocator.Resolve()!;

    private static PythonSearchEnvironment Environment(params (string Name, string Value)[] variables)
    {
        var all = new Dictionary<string, string> { ["PATH"] = global::System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty };
        foreach (var (name, value) in variables)
        {
            all[name] = value;
        }
        return PythonSearchEnvironment.Of(all);
    }

    /// <summary>A fake environment: bin/python a link to the system interpreter.</summary>
    private string FakeVenv(string folder)
    {
        var bin = _temp.Combine(folder, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "python"), System.Path);
        return _temp.Combine(folder);
    }

    private string Plugin(string folder) => Directory.CreateDirectory(_temp.Combine(folder)).FullName;

    [LinuxPythonFact]
    public void TheProjectsVenvAboveThePluginFolderComesBeforeTheSystem()
    {
        Directory.CreateDirectory(_temp.Combine("repo", ".git"));
        var venv = FakeVenv("repo/.venv");
        var found = PythonLocator.ResolveFor(null, Plugin("repo/plugins/gate"), System.Version, Environment())!;
        Assert.Equal(Path.Combine(venv, "bin", "python"), found.Path);
        Assert.Equal($"the project's .venv ({venv})", found.Source);
        Assert.Null(found.VersionWarning);
    }

    [LinuxPythonFact]
    public void AVenvAboveTheRepositoryRootIsAnotherProjectsAndNotUsed()
    {
        FakeVenv("outer/.venv");
        Directory.CreateDirectory(_temp.Combine("outer", "repo", ".git"));
        var found = PythonLocator.ResolveFor(null, Plugin("outer/repo/gate"), System.Version, Environment())!;
        Assert.Equal(PythonLocator.SystemSource, found.Source);
    }

    [LinuxPythonFact]
    public void PipenvVenvInProjectIsNamedAsTheReason()
    {
        Directory.CreateDirectory(_temp.Combine("repo", ".git"));
        FakeVenv("repo/.venv");
        var found = PythonLocator.ResolveFor(null, Plugin("repo"), System.Version, Environment(("PIPENV_VENV_IN_PROJECT", "1")))!;
        Assert.EndsWith(", as PIPENV_VENV_IN_PROJECT asks pipenv to)", found.Source);
    }

    [LinuxPythonFact]
    public void AnActivatedVirtualEnvIsUsedWhenTheProjectHasNoVenv()
    {
        Directory.CreateDirectory(_temp.Combine("repo", ".git"));
        var active = FakeVenv("elsewhere/env");
        var found = PythonLocator.ResolveFor(null, Plugin("repo/gate"), System.Version, Environment(("VIRTUAL_ENV", active)))!;
        Assert.Equal(Path.Combine(active, "bin", "python"), found.Path);
        Assert.Equal($"VIRTUAL_ENV ({active})", found.Source);
    }

    [LinuxPythonFact]
    public void AZipFindsTheVenvOfTheFolderItLiesIn()
    {
        Directory.CreateDirectory(_temp.Combine("repo", ".git"));
        var venv = FakeVenv("repo/.venv");
        var zip = _temp.Write("repo/dist/gate.zip", "not read");
        Assert.Equal(Path.Combine(venv, "bin", "python"), PythonLocator.ResolveFor(null, zip, System.Version, Environment())!.Path);
    }

    [LinuxPythonFact]
    public void AnInterpreterThatIsNotTheTargetsPythonCarriesAWarning()
    {
        var found = PythonLocator.ResolveFor(null, null, new Version(3, 99), Environment())!;
        Assert.Equal(PythonLocator.SystemSource, found.Source);
        Assert.StartsWith($"{found} (the system search) is not Python 3.99, which the target SPS release runs plugins on", found.VersionWarning);
        Assert.Contains("python3.99", found.VersionWarning);
    }

    [LinuxPythonFact]
    public void ANamedInterpreterThatCannotRunIsRefusedEvenWithAProjectVenv()
    {
        Directory.CreateDirectory(_temp.Combine("repo", ".git"));
        FakeVenv("repo/.venv");
        var missing = _temp.Combine("none", "python3");
        var error = Assert.Throws<SpsPluginException>(() => PythonLocator.ResolveFor(missing, Plugin("repo"), null, Environment()));
        Assert.Equal(SpsPluginErrorId.PythonNotFound, error.ErrorId);
        error = Assert.Throws<SpsPluginException>(() => PythonLocator.ResolveFor(null, Plugin("repo"), null, Environment(("SPSPLUGIN_PYTHON", missing))));
        Assert.Equal(SpsPluginErrorId.PythonNotFound, error.ErrorId);
    }

    [LinuxPythonFact]
    public void TheHookResultSaysWhichInterpreterRanItAndWhy()
    {
        var plugin = _temp.Write("gate/MANIFEST", "name: gate\nversion: 1.0.0\ntype: aa\napi: 1.0\nentry_point: main.py\ndescription: d\nauthor_name: a\nauthor_email: a@example.com\n");
        _temp.Write("gate/main.py", "class Plugin:\n    def __init__(self, configuration):\n        pass\n");
        var result = SpsPluginHookRunner.Invoke(new SpsPluginHookRequest { PluginPath = Path.GetDirectoryName(plugin)!, Hook = "session_ended", PythonPath = System.Path });
        Assert.Equal($"{System}, -PythonPath", result.Interpreter);
    }
}
