using System.Linq;

namespace SpsPlugin;

/// <summary>
/// What a "no Python found" message says, per platform: where the system search looked and how to get an
/// interpreter. On Windows it names python.org and winget, and when the only python.exe on PATH is the
/// Microsoft Store's alias (which opens the Store and exits 9009 instead of running Python), it says so
/// and how to turn the alias off.
/// </summary>
internal static class PythonSearchAdvice
{
    /// <summary>The places of the system search, in words.</summary>
    public static string SystemPlaces(PythonSearchEnvironment environment) => environment.Windows
        ? "python3.exe and python.exe on PATH, the installs registered under HKCU/HKLM\\Software\\Python (PEP 514) and the py launcher"
        : "/usr/bin/python3, /usr/local/bin/python3 and PATH";

    /// <summary>A clause to add to "no Python found" when the only python.exe is the Store's alias; empty otherwise.</summary>
    public static string StoreAliasNote(PythonSearchEnvironment environment) =>
        SystemPythonSearch.StoreAliases(environment).FirstOrDefault() is { } alias
            ? $"; the only python.exe found is the Microsoft Store's app execution alias ({alias}), which opens the Store instead of running Python"
            : string.Empty;

    /// <summary>What to do, as one or more sentences.</summary>
    public static string Remedy(PythonSearchEnvironment environment)
    {
        if (!environment.Windows)
        {
            return "Install Python 3 (e.g. apt-get install python3), or give -PythonPath the path of a python3.";
        }
        var python = SpsRelease.Newest.PythonVersion.ToString(2);
        var install = $"install Python {python} from python.org or with `winget install Python.Python.{python}`, or give -PythonPath C:\\...\\python.exe";
        return SystemPythonSearch.StoreAliases(environment).FirstOrDefault() is { } alias
            ? $"The only python.exe found is the Microsoft Store's app execution alias ({alias}), which opens the Store instead of running Python until the Store's Python is installed: {install}; " +
              "then turn the alias off under Settings > Apps > Advanced app settings > App execution aliases, so it does not hide the real one."
            : char.ToUpperInvariant(install[0]) + install.Substring(1) + ".";
    }
}
