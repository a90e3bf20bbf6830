using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Where the system search looks, in order, as plain functions of a <see cref="PythonSearchEnvironment"/>.
/// On Linux and macOS: python3.X of the target first (a machine with several Pythons has the release's one
/// under that name), then /usr/bin/python3, /usr/local/bin/python3 and python3 on PATH. On Windows:
/// python3.exe and python.exe on PATH, then the interpreters registered under PEP 514, then what the py
/// launcher names; the Microsoft Store's app execution aliases come apart, tried only when nothing else runs.
/// Real interpreters come before version-manager shims. Only files that exist are listed; the registry and
/// the launcher are only asked when the candidates before them did not do.
/// </summary>
internal static class SystemPythonSearch
{
    private static readonly string[] WindowsNames = { "python3.exe", "python.exe" };

    /// <summary>The candidates, Store aliases left out.</summary>
    public static IEnumerable<string> Candidates(Version? target, PythonSearchEnvironment environment)
    {
        var folders = PathFolders(environment).Where(folder => !IsStoreFolder(folder)).OrderBy(f => IsShimFolder(f) ? 1 : 0).ToArray();
        var all = environment.Windows ? OnWindows(target, folders, environment) : OnUnix(target, folders);
        return all.Where(environment.FileExists).Distinct(environment.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    /// <summary>The Microsoft Store's python.exe/python3.exe aliases on PATH (%LOCALAPPDATA%\Microsoft\WindowsApps); empty elsewhere.</summary>
    public static IEnumerable<string> StoreAliases(PythonSearchEnvironment environment) =>
        !environment.Windows ? Enumerable.Empty<string>()
            : PathFolders(environment).Where(IsStoreFolder).SelectMany(folder => WindowsNames.Select(name => PathVariable.Join(folder, name, true)))
                .Where(environment.FileExists).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for the folder of the Store's aliases: they open the Store (exit 9009, no output) until its Python is installed.</summary>
    public static bool IsStoreFolder(string folder) =>
        folder.TrimEnd('\\', '/').Replace('/', '\\').EndsWith(@"Microsoft\WindowsApps", StringComparison.OrdinalIgnoreCase);

    // A search given no PATH (a project-only environment) still looks at this process's.
    private static IReadOnlyList<string> PathFolders(PythonSearchEnvironment environment) =>
        PathVariable.Folders(environment.Get("PATH") ?? Environment.GetEnvironmentVariable("PATH"), environment.Windows);

    private static IEnumerable<string> OnUnix(Version? target, IReadOnlyList<string> folders)
    {
        if (target != null)
        {
            var versioned = $"python{target.Major}.{target.Minor}";
            yield return "/usr/bin/" + versioned;
            yield return "/usr/local/bin/" + versioned;
            foreach (var folder in folders)
            {
                yield return PathVariable.Join(folder, versioned, false);
            }
        }
        yield return "/usr/bin/python3";
        yield return "/usr/local/bin/python3";
        foreach (var folder in folders)
        {
            yield return PathVariable.Join(folder, "python3", false);
        }
    }

    private static IEnumerable<string> OnWindows(Version? target, IReadOnlyList<string> folders, PythonSearchEnvironment environment)
    {
        foreach (var folder in folders)
        {
            foreach (var name in WindowsNames)
            {
                yield return PathVariable.Join(folder, name, true);
            }
        }
        if (environment.Registry != null)
        {
            foreach (var registered in PythonRegistry.Interpreters(environment.Registry))
            {
                yield return registered;
            }
        }
        if (Launcher(folders, environment) is { } launcher)
        {
            foreach (var selector in target == null ? new[] { "-3" } : new[] { $"-{target.Major}.{target.Minor}", "-3" })
            {
                if (environment.AskLauncher(launcher, selector) is { } answer)
                {
                    yield return answer;
                }
            }
        }
    }

    /// <summary>py.exe on PATH, else where its installer puts it: C:\Windows, or the user's Programs\Python\Launcher.</summary>
    private static string? Launcher(IReadOnlyList<string> folders, PythonSearchEnvironment environment)
    {
        var places = folders.Select(folder => PathVariable.Join(folder, "py.exe", true)).ToList();
        if (environment.Get("WINDIR") is { } windows && PathVariable.IsUsable(windows, true))
        {
            places.Add(PathVariable.Join(windows, "py.exe", true));
        }
        if (environment.Get("LOCALAPPDATA") is { } local && PathVariable.IsUsable(local, true))
        {
            places.Add(PathVariable.Join(local, @"Programs\Python\Launcher\py.exe", true));
        }
        return places.FirstOrDefault(environment.FileExists);
    }

    private static bool IsShimFolder(string folder) => folder.IndexOf("shims", StringComparison.OrdinalIgnoreCase) >= 0;
}
