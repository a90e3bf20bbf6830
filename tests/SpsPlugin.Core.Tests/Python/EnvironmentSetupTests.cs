using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>
/// Initialize-SpsPluginEnvironment's work with no package index: a stand-in of the SDK built as a wheel
/// here, installed with --no-index --find-links; an index on a closed local port for the unreachable case.
/// </summary>
public sealed class EnvironmentSetupTests : IDisposable
{
    private const string StandIn = "safeguard-sessions-plugin-standin";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Project(string devPackages)
    {
        Directory.CreateDirectory(_temp.Combine("project", ".git"));
        _temp.Write("project/Pipfile", $"[packages]\n\n[dev-packages]\n{devPackages}\n\n[requires]\npython_version = \"{PythonLocator.Resolve()!.Version.ToString(2)}\"\n");
        return _temp.Combine("project");
    }

    private string Wheels()
    {
        _temp.Write("standin/safeguard_sessions_plugin_standin/__init__.py", "MARK = 'stand-in'\n");
        WheelBuilder.FromFolder(_temp.Combine("standin"), StandIn, "0.1.0", _temp.Combine("wheels"));
        return _temp.Combine("wheels");
    }

    [PythonVenvFact]
    public void CreatesTheVenvInstallsThePipfilesPackagesAndTheLocatorFindsIt()
    {
        var project = Project($"{StandIn} = \"==0.1.0\"");
        var options = new SpsPluginEnvironmentOptions { ProjectPath = project, NoIndex = true, FindLinks = { Wheels() } };
        var plan = SpsPluginEnvironmentSetup.Plan(options);
        Assert.False(plan.Exists);
        Assert.Equal(new[] { StandIn + "==0.1.0" }, plan.Requirements);
        Assert.Equal($"Create {Path.Combine(project, ".venv")} with {plan.Interpreter}, and install {StandIn}==0.1.0 from only {_temp.Combine("wheels")}", plan.Description);
        var lines = new List<string>();
        var venvPython = SpsPluginEnvironmentSetup.Run(plan, options, line => { lock (lines) { lines.Add(line); } });
        Assert.Contains(lines, l => l.Contains("Successfully installed " + StandIn + "-0.1.0"));
        Assert.Equal(Path.Combine(project, ".venv", "bin", "python"), venvPython.Path);
        Assert.Equal("stand-in", Run(venvPython.Path, "import safeguard_sessions_plugin_standin as s; print(s.MARK)"));

        var found = PythonLocator.ResolveFor(null, Directory.CreateDirectory(Path.Combine(project, "plugin")).FullName, venvPython.Version)!;
        Assert.Equal(venvPython.Path, found.Path);
        Assert.StartsWith("the project's .venv", found.Source);

        // Without -Force the .venv is kept; with it, made anew.
        Assert.True(SpsPluginEnvironmentSetup.Plan(options).Exists);
        options.Force = true;
        Assert.StartsWith("Delete and create", SpsPluginEnvironmentSetup.Plan(options).Description);
    }

    [PythonVenvFact]
    public void AnUnreachableIndexIsNamedAndSaysTheSdkComesFromPyPI()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new SpsPluginEnvironmentOptions { ProjectPath = Project($"{StandIn} = \"*\""), IndexUrl = $"http://127.0.0.1:{port}/simple", Retries = 1 };
        var error = Assert.Throws<SpsPluginException>(() => SpsPluginEnvironmentSetup.Run(SpsPluginEnvironmentSetup.Plan(options), options, _ => { }));
        Assert.True(error.ErrorId == SpsPluginErrorId.PackageIndexUnreachable, error.Message);
        Assert.StartsWith($"pip could not reach the index http://127.0.0.1:{port}/simple, so {StandIn} were not installed", error.Message);
        Assert.Contains("The plugin SDK comes from PyPI", error.Message);
    }

    private static string Run(string python, string code)
    {
        using var process = Process.Start(new ProcessStartInfo(python) { ArgumentList = { "-c", code }, RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
