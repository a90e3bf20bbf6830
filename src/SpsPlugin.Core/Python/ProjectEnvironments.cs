using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The virtual environments a plugin project's own tools made, where `pipenv install --dev` put the
/// SDK: a <c>.venv</c> in the plugin folder or above it (up to the repository root, the folder with
/// .git, or the filesystem root), the one <c>pipenv --venv</c> names for the nearest Pipfile, and
/// <c>VIRTUAL_ENV</c> (an activated environment). Nearest first.
/// </summary>
internal static class ProjectEnvironments
{
    /// <summary>The folder name pipenv (with PIPENV_VENV_IN_PROJECT), poetry and python -m venv conventionally use.</summary>
    public const string VenvFolder = ".venv";

    // pipenv starts a Python of its own (about a second); it must not hold a hook call for long.
    private static readonly TimeSpan PipenvTimeout = TimeSpan.FromSeconds(15);

    // pipenv's answer per Pipfile folder: asked once per process.
    private static readonly Dictionary<string, string?> PipenvAnswers = new(StringComparer.Ordinal);

    /// <summary>The interpreter of the environment at <paramref name="environmentFolder"/> (bin/python, or Scripts\python.exe on Windows).</summary>
    public static string InterpreterIn(string environmentFolder) =>
        PlatformPaths.IsWindows
            ? Path.Combine(environmentFolder, "Scripts", "python.exe")
            : Path.Combine(environmentFolder, "bin", "python");

    /// <summary>Each candidate interpreter with why it is one, nearest first; only files that exist.</summary>
    public static IEnumerable<(string Path, string Source)> Candidates(string? pluginPath, PythonSearchEnvironment environment)
    {
        var folders = string.IsNullOrEmpty(pluginPath) ? Array.Empty<string>() : FoldersUpFrom(pluginPath!).ToArray();
        var inProject = environment.Get("PIPENV_VENV_IN_PROJECT") != null ? ", as PIPENV_VENV_IN_PROJECT asks pipenv to" : string.Empty;
        foreach (var folder in folders)
        {
            var venv = Path.Combine(folder, VenvFolder);
            yield return (InterpreterIn(venv), $"the project's .venv ({venv}{inProject})");
        }
        var pipfileFolder = folders.FirstOrDefault(folder => File.Exists(Path.Combine(folder, "Pipfile")));
        if (pipfileFolder != null && PipenvVenv(pipfileFolder, environment) is { } pipenvVenv)
        {
            yield return (InterpreterIn(pipenvVenv), $"pipenv --venv in {pipfileFolder} ({pipenvVenv})");
        }
        if (environment.Get("VIRTUAL_ENV") is { } active && PathVariable.IsUsable(active, environment.Windows))
        {
            yield return (InterpreterIn(active), $"VIRTUAL_ENV ({active})");
        }
    }

    /// <summary>The plugin folder (a zip's folder) and its parents up to the one holding .git, or the filesystem root.</summary>
    internal static IEnumerable<string> FoldersUpFrom(string pluginPath)
    {
        var full = Path.GetFullPath(pluginPath);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        for (var current = folder; current != null; current = Path.GetDirectoryName(current))
        {
            yield return current;
            if (Directory.Exists(Path.Combine(current, ".git")) || File.Exists(Path.Combine(current, ".git")))
            {
                yield break;
            }
        }
    }

    /// <summary>What <c>pipenv --venv</c> answers in <paramref name="folder"/>, when pipenv is on PATH and answers in time; else null.</summary>
    private static string? PipenvVenv(string folder, PythonSearchEnvironment environment)
    {
        var pipenv = OnPath(environment.Windows ? "pipenv.exe" : "pipenv", environment);
        if (pipenv == null)
        {
            return null;
        }
        lock (PipenvAnswers)
        {
            if (PipenvAnswers.TryGetValue(folder, out var known))
            {
                return known;
            }
        }
        string? answer = null;
        try
        {
            // pipenv reads its own settings (WORKON_HOME, PIPENV_*) from the environment the minimal one leaves out.
            var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PIPENV_VERBOSITY"] = "-1" };
            foreach (var name in new[] { "WORKON_HOME", "PIPENV_VENV_IN_PROJECT", "PIPENV_PIPFILE", "PIPENV_CUSTOM_VENV_NAME", "PIPENV_IGNORE_VIRTUALENVS" })
            {
                if (environment.Get(name) is { } value)
                {
                    variables[name] = value;
                }
            }
            var run = PythonProcess.Run(pipenv, new[] { "--venv" }, variables, string.Empty, PipenvTimeout, CancellationToken.None, folder);
            var line = run.Stdout.Trim();
            answer = run.ExitCode == 0 && Path.IsPathRooted(line) && Directory.Exists(line) ? line : null;
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            // A pipenv that does not start names no environment.
        }
        lock (PipenvAnswers)
        {
            PipenvAnswers[folder] = answer;
        }
        return answer;
    }

    private static string? OnPath(string name, PythonSearchEnvironment environment) =>
        PathVariable.Folders(environment.Get("PATH"), environment.Windows)
            .Select(folder => PathVariable.Join(folder, name, environment.Windows)).FirstOrDefault(environment.FileExists);
}
