using System.Collections.Generic;
using System.IO;

namespace SpsPlugin;

/// <summary>
/// What a report needs besides the results. (Stand-in for the reports part of issue 12, which owns
/// this type; the cmdlet codes against its agreed shape.)
/// </summary>
public sealed class SpsPluginReportOptions
{
    /// <summary>The rules that were run (JUnit and SARIF describe them).</summary>
    public IReadOnlyList<SpsPluginRule> Rules { get; set; } = SpsPluginValidator.Catalogue;

    /// <summary>The folder paths in the report are relative to (SARIF's %SRCROOT%).</summary>
    public string SourceRoot { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Report Information findings too (only when asked for explicitly).</summary>
    public bool IncludeInformation { get; set; }

    /// <summary>The repository root above <paramref name="currentDirectory"/> (the folder holding .git), or the folder itself.</summary>
    public static string FindSourceRoot(string currentDirectory)
    {
        for (var folder = new DirectoryInfo(currentDirectory); folder != null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".git")) || File.Exists(Path.Combine(folder.FullName, ".git")))
            {
                return folder.FullName;
            }
        }
        return currentDirectory;
    }
}
