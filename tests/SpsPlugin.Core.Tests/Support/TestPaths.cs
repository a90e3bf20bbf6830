using System;
using System.IO;

namespace SpsPlugin.Tests.Support;

/// <summary>Where the repository, its fixtures and the shared corpus of real plugins are.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    public static string ExamplePlugins => Path.Combine(RepoRoot, "examples", "plugins");

    /// <summary>
    /// The corpus of real public plugins sits beside the clone (../shared/corpus) on developer and CI
    /// machines; SPSPLUGIN_CORPUS overrides it. The project does not copy those files.
    /// </summary>
    public static string Corpus { get; } =
        Environment.GetEnvironmentVariable("SPSPLUGIN_CORPUS") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    public static bool CorpusExists => Directory.Exists(Corpus);

    /// <summary>README.md from its "Documented refusals" heading on: the refusals the differential tests allow.</summary>
    public static string ReadmeDocumentedRefusals
    {
        get
        {
            var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
            return readme.Substring(readme.IndexOf("### Documented refusals", StringComparison.Ordinal));
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine(Fixtures, Path.Combine(parts));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpsPlugin.psd1")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (SpsPlugin.psd1) above " + AppContext.BaseDirectory);
    }
}
