using System.Collections.Generic;
using System.IO;

namespace SpsPlugin;

/// <summary>How <see cref="SpsPluginReports"/> writes a report.</summary>
public sealed class SpsPluginReportOptions
{
    /// <summary>The rules that were run: SARIF describes them, findings refer to them by index.</summary>
    public IReadOnlyList<SpsPluginRule> Rules { get; set; } = SpsPluginValidator.Catalogue;

    /// <summary>
    /// The folder report paths are relative to (SARIF's %SRCROOT%, GitHub's workspace, JUnit's test
    /// names): the repository root, so paths match the files code scanning and annotations show.
    /// </summary>
    public string SourceRoot { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Write information findings as GitHub notices too (by default only errors and warnings annotate).</summary>
    public bool IncludeInformation { get; set; }

    /// <summary>
    /// The nearest folder at or above <paramref name="currentDirectory"/> holding <c>.git</c> (a folder,
    /// or a file in a worktree or submodule): the repository root. Without one, <paramref name="currentDirectory"/>.
    /// </summary>
    public static string FindSourceRoot(string currentDirectory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(currentDirectory)); folder != null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }
        return Path.GetFullPath(currentDirectory);
    }
}
