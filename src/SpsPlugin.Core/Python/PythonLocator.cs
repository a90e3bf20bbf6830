using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Finds a real Python 3 interpreter. Version-manager shims (pyenv's, for one) are slow to start
/// (about 80 ms against 9 ms for the interpreter itself), so a real interpreter is preferred and a
/// shim is taken only when nothing else exists.
/// </summary>
public static class PythonLocator
{
    /// <summary>The environment variable that names the interpreter to use, before any search.</summary>
    public const string EnvironmentVariable = "SPSPLUGIN_PYTHON";

    /// <summary>
    /// Returns the full path of a Python 3 interpreter: <paramref name="preferred"/> when given and
    /// present, else <c>SPSPLUGIN_PYTHON</c>, else the system interpreters, else one on PATH (real
    /// ones before shims). Null when there is none.
    /// </summary>
    public static string? Find(string? preferred = null)
    {
        return Candidates(preferred).FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> Candidates(string? preferred)
    {
        if (!string.IsNullOrEmpty(preferred))
        {
            yield return preferred!;
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            yield return fromEnvironment!;
        }
        var windows = Path.DirectorySeparatorChar == '\\';
        if (!windows)
        {
            yield return "/usr/bin/python3";
            yield return "/usr/local/bin/python3";
        }
        var names = windows ? new[] { "python3.exe", "python.exe" } : new[] { "python3" };
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in folders.OrderBy(f => IsShimFolder(f) ? 1 : 0))
        {
            foreach (var name in names)
            {
                yield return Path.Combine(folder, name);
            }
        }
    }

    private static bool IsShimFolder(string folder) =>
        folder.IndexOf("shims", StringComparison.OrdinalIgnoreCase) >= 0 ||
        folder.IndexOf("WindowsApps", StringComparison.OrdinalIgnoreCase) >= 0;
}
