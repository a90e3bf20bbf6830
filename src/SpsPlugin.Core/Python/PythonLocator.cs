using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Finds a real Python 3 interpreter. An interpreter named explicitly (a path given by the caller, or
/// <c>SPSPLUGIN_PYTHON</c>) is used or refused, never silently replaced: a CI job that names its
/// interpreter must not pass with another one. Only the automatic search falls back from one
/// candidate to the next. Version-manager shims (pyenv's, for one) are slow to start (about 80 ms
/// against 9 ms for the interpreter itself), so a real interpreter is preferred and a shim is taken
/// only when nothing else exists.
/// </summary>
public static class PythonLocator
{
    /// <summary>The environment variable that names the interpreter to use, before any search.</summary>
    public const string EnvironmentVariable = "SPSPLUGIN_PYTHON";

    private const string VersionProbe = "import sys; sys.stdout.write('%d.%d.%d' % sys.version_info[:3])";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    // Probe answers by path, size and time of the file: an interpreter is started once per process to
    // learn its version, not once per bundle or hook.
    private static readonly Dictionary<(string Path, long Length, DateTime Written), Version?> Probed = new();

    /// <summary>
    /// Returns the full path of a Python 3 interpreter: <paramref name="preferred"/> when given, else
    /// <c>SPSPLUGIN_PYTHON</c> when set, else the system interpreters, else one on PATH (real ones
    /// before shims). Null when the search finds none.
    /// </summary>
    /// <exception cref="SpsPluginException">PythonNotFound: <paramref name="preferred"/> or SPSPLUGIN_PYTHON names no runnable Python 3.</exception>
    public static string? Find(string? preferred = null) => Resolve(preferred)?.Path;

    /// <summary>
    /// The interpreter <see cref="Find"/> picks, with its version and why it was picked; null when the
    /// automatic search finds none.
    /// </summary>
    /// <exception cref="SpsPluginException">PythonNotFound: <paramref name="preferred"/> or SPSPLUGIN_PYTHON names no runnable Python 3.</exception>
    public static PythonInterpreter? Resolve(string? preferred = null) => Resolve(preferred, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary><see cref="Resolve(string?)"/> with the value of SPSPLUGIN_PYTHON given, so tests need not change the process's environment.</summary>
    internal static PythonInterpreter? Resolve(string? preferred, string? fromEnvironment)
    {
        if (!string.IsNullOrEmpty(preferred))
        {
            return Explicit(preferred!, "-PythonPath");
        }
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Explicit(fromEnvironment!, "the environment variable " + EnvironmentVariable);
        }
        return Searched().Select(path => Probe(path) is { } version ? new PythonInterpreter(path, version, "search") : null)
            .FirstOrDefault(found => found != null);
    }

    private static PythonInterpreter Explicit(string path, string source)
    {
        if (!File.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
                $"{source} names '{path}', which does not exist. Give it the path of a Python 3 interpreter, or leave it out to let SpsPlugin search for one.", path);
        }
        return Probe(path) is { } version
            ? new PythonInterpreter(path, version, source)
            : throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
                $"{source} names '{path}', which does not run as a Python 3 interpreter. Give it the path of a Python 3 interpreter, or leave it out to let SpsPlugin search for one.", path);
    }

    /// <summary>The version of the Python 3 at <paramref name="path"/>, or null when it does not start or is no Python 3.</summary>
    private static Version? Probe(string path)
    {
        var file = new FileInfo(path);
        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        lock (Probed)
        {
            if (Probed.TryGetValue(key, out var known))
            {
                return known;
            }
        }
        Version? version = null;
        try
        {
            var run = PythonProcess.Run(path, VersionProbe, string.Empty, ProbeTimeout);
            if (run.ExitCode == 0 && !run.TimedOut && Version.TryParse(run.Stdout.Trim(), out var parsed) && parsed.Major == 3)
            {
                version = parsed;
            }
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            // Not startable (no execute permission, not an executable): not an interpreter.
        }
        lock (Probed)
        {
            Probed[key] = version;
        }
        return version;
    }

    private static IEnumerable<string> Searched()
    {
        var windows = Path.DirectorySeparatorChar == '\\';
        var candidates = new List<string>();
        if (!windows)
        {
            candidates.Add("/usr/bin/python3");
            candidates.Add("/usr/local/bin/python3");
        }
        var names = windows ? new[] { "python3.exe", "python.exe" } : new[] { "python3" };
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
        candidates.AddRange(folders.OrderBy(f => IsShimFolder(f) ? 1 : 0).SelectMany(folder => names.Select(name => Path.Combine(folder, name))));
        return candidates.Where(File.Exists);
    }

    private static bool IsShimFolder(string folder) =>
        folder.IndexOf("shims", StringComparison.OrdinalIgnoreCase) >= 0 ||
        folder.IndexOf("WindowsApps", StringComparison.OrdinalIgnoreCase) >= 0;
}
