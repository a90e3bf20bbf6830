using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The registry roots PEP 514 names: HKCU (one view for both), HKLM's 64-bit view and its 32-bit view.</summary>
internal enum PythonRegistryRoot
{
    CurrentUser,
    LocalMachine64,
    LocalMachine32,
}

/// <summary>The two registry reads the PEP 514 search needs; a fake in tests, <see cref="WindowsRegistryReader"/> on Windows.</summary>
internal interface IPythonRegistry
{
    /// <summary>The names of the subkeys of <paramref name="key"/>; empty when it does not exist.</summary>
    IReadOnlyList<string> SubKeys(PythonRegistryRoot root, string key);

    /// <summary>The string value <paramref name="name"/> of <paramref name="key"/> (null: its default value); null when missing or not a string.</summary>
    string? Value(PythonRegistryRoot root, string key, string? name);
}

/// <summary>
/// The interpreters Python's Windows installers register (PEP 514): under each root,
/// <c>Software\Python\&lt;Company&gt;\&lt;Tag&gt;\InstallPath</c> with the executable in its
/// <c>ExecutablePath</c> value, or <c>python.exe</c> in the folder of its default value. The python.org
/// installer registers itself there but does not add itself to PATH unless asked to.
/// </summary>
internal static class PythonRegistry
{
    private const string Root = @"Software\Python";

    // PEP 514 reserves this company for the py launcher, which is no interpreter.
    private const string LauncherCompany = "PyLauncher";

    // python.org's own installs first, then other distributions (Anaconda's ContinuumAnalytics, ...).
    private const string CoreCompany = "PythonCore";

    /// <summary>The interpreter paths registered, per-user installs first, newest tag first within a company; only paths a file can have.</summary>
    public static IEnumerable<string> Interpreters(IPythonRegistry registry)
    {
        foreach (var root in new[] { PythonRegistryRoot.CurrentUser, PythonRegistryRoot.LocalMachine64, PythonRegistryRoot.LocalMachine32 })
        {
            var companies = registry.SubKeys(root, Root)
                .Where(company => !company.Equals(LauncherCompany, StringComparison.OrdinalIgnoreCase))
                .OrderBy(company => company.Equals(CoreCompany, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
            foreach (var company in companies)
            {
                var companyKey = Root + "\\" + company;
                foreach (var tag in registry.SubKeys(root, companyKey).OrderByDescending(TagVersion))
                {
                    var installKey = companyKey + "\\" + tag + "\\InstallPath";
                    var executable = registry.Value(root, installKey, "ExecutablePath") is { Length: > 0 } named ? named
                        : registry.Value(root, installKey, null) is { Length: > 0 } folder ? PathVariable.Join(folder, "python.exe", true)
                        : null;
                    if (executable != null && PathVariable.IsUsable(executable, true))
                    {
                        yield return executable;
                    }
                }
            }
        }
    }

    // "3.12", "3.12-32", "3.13t": the leading major.minor orders tags; anything else sorts last.
    private static Version TagVersion(string tag)
    {
        var end = 0;
        while (end < tag.Length && (char.IsDigit(tag[end]) || tag[end] == '.'))
        {
            end++;
        }
        return Version.TryParse(tag.Substring(0, end), out var version) ? version : new Version(0, 0);
    }
}
