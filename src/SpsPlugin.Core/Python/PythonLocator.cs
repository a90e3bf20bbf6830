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
/// only when nothing else exists. A pyenv shim whose interpreter <see cref="PyenvShim"/> can tell without starting
/// it is replaced by that interpreter, whose version is then remembered across sessions as a shim's never is.
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
    internal static PythonInterpreter? Resolve(string? preferred, string? fromEnvironment) =>
        Named(preferred, fromEnvironment) ?? System(null, PythonSearchEnvironment.Current);

    /// <summary>
    /// The interpreter for the plugin at <paramref name="pluginPath"/>, found as its author's tools would:
    /// <paramref name="preferred"/> or SPSPLUGIN_PYTHON; then the project's own environment (a
    /// <c>.venv</c> in or above the plugin folder, <c>pipenv --venv</c>, <c>VIRTUAL_ENV</c>: where the
    /// Pipfile installed the SDK); then the system search. Within a step an interpreter whose major.minor
    /// is <paramref name="targetPython"/> (default: the newest release's) comes first; one that differs
    /// carries a <see cref="PythonInterpreter.VersionWarning"/>. Null when nothing is found.
    /// </summary>
    /// <exception cref="SpsPluginException">PythonNotFound: <paramref name="preferred"/> or SPSPLUGIN_PYTHON names no runnable Python 3.</exception>
    public static PythonInterpreter? ResolveFor(string? preferred, string? pluginPath, Version? targetPython = null) =>
        ResolveFor(preferred, pluginPath, targetPython, PythonSearchEnvironment.Current);

    /// <summary><see cref="ResolveFor(string?, string?, Version?)"/> with the environment given, so tests need not change the process's.</summary>
    internal static PythonInterpreter? ResolveFor(string? preferred, string? pluginPath, Version? targetPython, PythonSearchEnvironment environment)
    {
        using var span = StartupTrace.Span("python.search");
        var target = targetPython ?? SpsRelease.Newest.PythonVersion;
        var chosen = Named(preferred, environment.Get(EnvironmentVariable))
            ?? Best(ProjectEnvironments.Candidates(pluginPath, environment), target)
            ?? System(target, environment);
        return chosen?.WithVersionWarning(SameMinor(chosen.Version, target) ? null :
            $"{chosen} ({chosen.Source}) is not Python {target.ToString(2)}, which the target SPS release runs plugins on: code that runs here may not run there. " +
            $"Give -PythonPath a python{target.ToString(2)}, or create the project's .venv with one (Initialize-SpsPluginEnvironment -PythonPath).");
    }

    /// <summary>The interpreter the caller named, checked; null when none is named.</summary>
    private static PythonInterpreter? Named(string? preferred, string? fromEnvironment)
    {
        if (!string.IsNullOrEmpty(preferred))
        {
            return Explicit(preferred!, "-PythonPath");
        }
        return string.IsNullOrEmpty(fromEnvironment) ? null : Explicit(fromEnvironment!, "the environment variable " + EnvironmentVariable);
    }

    /// <summary>The first runnable candidate whose major.minor is <paramref name="target"/>, else the first runnable one.</summary>
    private static PythonInterpreter? Best(IEnumerable<(string Path, string Source)> candidates, Version? target)
    {
        PythonInterpreter? first = null;
        foreach (var (candidate, source) in candidates)
        {
            var (path, shimSource) = SeenThroughShim(candidate, source);
            if (path == null || !File.Exists(path) || Probe(path) is not { } version)
            {
                continue;
            }
            var found = new PythonInterpreter(path, version, shimSource);
            if (target == null || SameMinor(version, target))
            {
                return found;
            }
            first ??= found;
        }
        return first;
    }

    /// <summary>
    /// The file a search candidate runs: a pyenv shim's interpreter when <see cref="PyenvShim"/> is sure which it is
    /// (probed once and remembered across sessions, where the shim would be started every session), no file when the
    /// shim would only run what PATH holds (a candidate of its own) or fail, else the candidate itself. The shim sees
    /// the environment and working directory a probe starts with.
    /// </summary>
    private static (string? Path, string Source) SeenThroughShim(string candidate, string source)
    {
        var probeEnvironment = PythonEnvironment.Minimal();
        var answer = PyenvShim.Resolve(candidate, name => probeEnvironment.TryGetValue(name, out var value) ? value : null, CurrentDirectory, PyenvScripts.Known);
        return answer.Outcome switch
        {
            PyenvShimOutcome.RunsInterpreter => (answer.Interpreter, $"{source} ({answer.Description})"),
            PyenvShimOutcome.AddsNothing => (null, source),
            _ => (candidate, source),
        };
    }

    /// <summary>
    /// The working directory a probe starts in; null when it cannot be read (a folder deleted under a running
    /// session): the shim is then started, as a probe would be, rather than the search failing.
    /// </summary>
    internal static string? CurrentDirectory()
    {
        try
        {
            return Directory.GetCurrentDirectory();
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The system's interpreter; a Microsoft Store alias only when nothing else runs (see <see cref="SystemPythonSearch"/>).</summary>
    private static PythonInterpreter? System(Version? target, PythonSearchEnvironment environment) =>
        Best(SystemPythonSearch.Candidates(target, environment).Select(path => (path, SystemSource)), target)
        ?? Best(SystemPythonSearch.StoreAliases(environment).Select(path => (path, SystemSource + " (the Microsoft Store's python alias)")), target);

    /// <summary>How a result names the system search.</summary>
    internal const string SystemSource = "the system search";

    private static bool SameMinor(Version a, Version b) => a.Major == b.Major && a.Minor == b.Minor;

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

    /// <summary>
    /// The version of the Python 3 at <paramref name="path"/>, or null when it does not start or is no
    /// Python 3. Remembered for this process, and for later ones in <see cref="PythonProbeCache"/>.
    /// </summary>
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
        var cacheKey = PythonProbeCache.KeyOf(file);
        var version = cacheKey == null ? null : ProbeCache.Find(cacheKey);
        if (version == null && (version = Start(path)) != null && cacheKey != null)
        {
            ProbeCache.Remember(cacheKey, version);
        }
        lock (Probed)
        {
            Probed[key] = version;
        }
        return version;
    }

    /// <summary>The cache the probes go through; tests point it at a folder of their own.</summary>
    internal static PythonProbeCache ProbeCache { get; set; } = PythonProbeCache.Current;

    private static Version? Start(string path)
    {
        using var span = StartupTrace.Span("python.probe");
        try
        {
            var run = PythonProcess.Run(path, VersionProbe, string.Empty, ProbeTimeout);
            if (run.ExitCode == 0 && !run.TimedOut && Version.TryParse(run.Stdout.Trim(), out var parsed) && parsed.Major == 3)
            {
                return parsed;
            }
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            // Not startable (no execute permission, not an executable): not an interpreter.
        }
        return null;
    }
}
