using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Architecture;

/// <summary>
/// Core's folders depend on each other one way, as the table in docs/ARCHITECTURE.md says. A folder
/// "uses" another when one of its files names a top-level type declared there (an identifier token
/// of the code, not of a comment or string) or imports a namespace only that folder declares. The
/// table is read from the document, so the document and the rule cannot drift apart.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Document = "docs/ARCHITECTURE.md";
    private const string TableHeader = "| Folder | May use |";

    private static readonly string CoreRoot = Path.Combine(TestPaths.RepoRoot, "src", "SpsPlugin.Core");

    private static readonly Lazy<CoreSources> Sources = new(CoreSources.Read);

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Table = new(ReadTable);

    [Fact]
    public void EveryFolderUsesOnlyTheFoldersItsRowAllows()
    {
        var forbidden = Sources.Value.Uses()
            .Where(use => !Table.Value.TryGetValue(use.From, out var allowed) || !allowed.Contains(use.To))
            .Select(use => $"{use.File} uses {use.What} ({use.To}/): the arrow {use.From} → {use.To} is not in the table of {Document}. " +
                "Move the piece to the folder that owns the concept, or add the arrow to the table (and redraw the section) if it is right.")
            .ToArray();
        Assert.True(forbidden.Length == 0, string.Join("\n", forbidden));
    }

    [Fact]
    public void EveryArrowOfTheTableIsUsed()
    {
        var used = Sources.Value.Uses().Select(use => (use.From, use.To)).ToHashSet();
        var stale = Table.Value.SelectMany(row => row.Value.Select(to => (From: row.Key, To: to)))
            .Where(arrow => !used.Contains(arrow))
            .Select(arrow => $"The table of {Document} allows {arrow.From} → {arrow.To}, but no file of {arrow.From}/ uses {arrow.To}/ any more: remove the arrow.")
            .ToArray();
        Assert.True(stale.Length == 0, string.Join("\n", stale));
    }

    [Fact]
    public void TheTableHasNoCycle()
    {
        var cycle = FindCycle(Table.Value);
        Assert.True(cycle == null, $"The table of {Document} has a cycle: {string.Join(" → ", cycle ?? Array.Empty<string>())}.");
    }

    [Fact]
    public void TheTableHasARowForEveryCoreFolderAndNoOther()
    {
        var folders = Sources.Value.Folders;
        Assert.Empty(Sources.Value.FilesOutsideFolders);
        Assert.Equal(folders.OrderBy(f => f, StringComparer.Ordinal), Table.Value.Keys.OrderBy(f => f, StringComparer.Ordinal));
        var unknown = Table.Value.SelectMany(row => row.Value).Where(to => !folders.Contains(to)).ToArray();
        Assert.True(unknown.Length == 0, $"The table of {Document} names folders Core does not have: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void EachTopLevelTypeNameIsDeclaredInOneFolder()
    {
        var ambiguous = Sources.Value.TypeFolders.Where(type => type.Value.Count > 1)
            .Select(type => $"{type.Key} is declared in {string.Join(" and ", type.Value.Select(f => f + "/"))}: the folder of a use would be a guess.")
            .ToArray();
        Assert.True(ambiguous.Length == 0, string.Join("\n", ambiguous));
        Assert.True(Sources.Value.TypeFolders.Count > 100, "the scan found too few types to be reading Core");
    }

    [Fact]
    public void CoreHasNoPowerShellReference()
    {
        Assert.DoesNotContain(typeof(SpsPluginManifest).Assembly.GetReferencedAssemblies(), name => name.Name!.StartsWith("System.Management", StringComparison.Ordinal));
        Assert.DoesNotMatch("PowerShellStandard|System\\.Management\\.Automation", File.ReadAllText(Path.Combine(CoreRoot, "SpsPlugin.Core.csproj")));
        var mentions = Sources.Value.Files.Where(file => Contains(file.Source.Tokens, "System", ".", "Management")).Select(file => file.Path).ToArray();
        Assert.True(mentions.Length == 0, "Core code names System.Management: " + string.Join(", ", mentions));
    }

    [Fact]
    public void CoreNeverWritesToTheConsole()
    {
        // Core returns results; only the cmdlets talk to the host.
        var writers = Sources.Value.Files.Where(file => file.Source.Identifiers.Contains("Console")).Select(file => file.Path).ToArray();
        Assert.True(writers.Length == 0, "Core code uses Console: " + string.Join(", ", writers));
    }

    private static bool Contains(IReadOnlyList<string> tokens, params string[] run) =>
        Enumerable.Range(0, Math.Max(0, tokens.Count - run.Length + 1)).Any(i => run.Select((t, k) => tokens[i + k] == t).All(same => same));

    /// <summary>One cycle of <paramref name="graph"/> as folder names (the first repeated at the end), or null.</summary>
    internal static string[]? FindCycle(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        string[]? Visit(string node)
        {
            var open = path.IndexOf(node);
            if (open >= 0)
            {
                return path.Skip(open).Append(node).ToArray();
            }
            if (!done.Add(node))
            {
                return null;
            }
            path.Add(node);
            var found = graph.TryGetValue(node, out var next) ? next.OrderBy(n => n, StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c != null) : null;
            path.RemoveAt(path.Count - 1);
            return found;
        }
        return graph.Keys.OrderBy(n => n, StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c != null);
    }

    /// <summary>The rows of the table under "| Folder | May use |": a folder in backticks, then its allowed folders in backticks (or none).</summary>
    internal static IReadOnlyDictionary<string, IReadOnlySet<string>> ParseTable(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith(TableHeader, StringComparison.Ordinal));
        Assert.True(header >= 0, $"{Document} has no table headed '{TableHeader}'");
        var table = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var row in lines.Skip(header + 2).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal)))
        {
            var cells = row.Split('|');
            var folder = Regex.Match(cells[1], "`([^`]+)`").Groups[1].Value;
            Assert.False(folder.Length == 0 || table.ContainsKey(folder), $"{Document}: bad or repeated row '{row}'");
            table[folder] = Regex.Matches(cells[2], "`([^`]+)`").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        }
        return table;
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadTable() =>
        ParseTable(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, Document)));

    /// <summary>Every C# file of Core with its folder (the first path segment under src/SpsPlugin.Core).</summary>
    private sealed class CoreSources
    {
        private CoreSources(IReadOnlyList<(string Path, string Folder, CSharpSource Source)> files)
        {
            Files = files.Where(f => f.Folder.Length > 0).ToArray();
            FilesOutsideFolders = files.Where(f => f.Folder.Length == 0).Select(f => f.Path).ToArray();
            Folders = Files.Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);
            TypeFolders = Files.SelectMany(f => f.Source.TopLevelTypes.Select(type => (Type: type, f.Folder)))
                .GroupBy(t => t.Type, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Folder).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            NamespaceFolders = Files.SelectMany(f => f.Source.DeclaredNamespaces.Select(ns => (Namespace: ns, f.Folder)))
                .GroupBy(n => n.Namespace, StringComparer.Ordinal)
                .Where(g => g.Select(n => n.Folder).Distinct().Count() == 1)
                .ToDictionary(g => g.Key, g => g.First().Folder, StringComparer.Ordinal);
        }

        public IReadOnlyList<(string Path, string Folder, CSharpSource Source)> Files { get; }

        public IReadOnlyList<string> FilesOutsideFolders { get; }

        public IReadOnlySet<string> Folders { get; }

        public IReadOnlyDictionary<string, IReadOnlyList<string>> TypeFolders { get; }

        /// <summary>Namespaces declared in exactly one folder: importing one uses that folder.</summary>
        public IReadOnlyDictionary<string, string> NamespaceFolders { get; }

        public static CoreSources Read() =>
            new(Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories)
                .Select(full => Path.GetRelativePath(CoreRoot, full).Replace('\\', '/'))
                .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (path, path.Contains('/') ? path.Substring(0, path.IndexOf('/')) : string.Empty, CSharpSource.Parse(File.ReadAllText(Path.Combine(CoreRoot, path)))))
                .ToArray());

        /// <summary>Each use of another folder: the file, what it names, and the arrow.</summary>
        public IEnumerable<(string File, string What, string From, string To)> Uses()
        {
            foreach (var (path, folder, source) in Files)
            {
                var types = source.Identifiers.Distinct()
                    .Where(TypeFolders.ContainsKey)
                    .SelectMany(type => TypeFolders[type].Select(to => (What: type, To: to)));
                var namespaces = source.UsingNamespaces.Where(NamespaceFolders.ContainsKey)
                    .Select(ns => (What: "namespace " + ns, To: NamespaceFolders[ns]));
                foreach (var (what, to) in types.Concat(namespaces).Where(use => use.To != folder).OrderBy(use => use.To, StringComparer.Ordinal).ThenBy(use => use.What, StringComparer.Ordinal))
                {
                    yield return ($"src/SpsPlugin.Core/{path}", what, folder, to);
                }
            }
        }
    }
}
