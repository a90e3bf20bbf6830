using System;
using System.Globalization;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Where a report points for one finding: always a FILE under the source root, never a bare folder, so
/// code scanning and annotations land on something a reviewer can open. A folder bundle's finding
/// points at its entry (MANIFEST, main.py, lib/x.py) with the line; a finding without an entry, or
/// whose entry is a folder, at the bundle's MANIFEST (where a structure fix is written down). A zip's
/// finding points at the zip: no portable URI addresses a file inside an archive, and the entry's line
/// is not a line of the zip, so the entry and its line travel in <see cref="ZipEntry"/> instead.
/// </summary>
internal sealed class FindingLocation
{
    private const string Manifest = "MANIFEST";

    private FindingLocation(string fullPath, string? relativePath, int? line, int? column, string? zipEntry, int? zipEntryLine, int? zipEntryColumn)
    {
        FullPath = fullPath;
        RelativePath = relativePath;
        Line = line;
        Column = column;
        ZipEntry = zipEntry;
        ZipEntryLine = zipEntryLine;
        ZipEntryColumn = zipEntryColumn;
    }

    /// <summary>The file, absolute.</summary>
    public string FullPath { get; }

    /// <summary>The file relative to the source root with <c>/</c> separators; null when it lies outside the root.</summary>
    public string? RelativePath { get; }

    /// <summary>The file as a report names it: relative when it can be, else absolute.</summary>
    public string File => RelativePath ?? FullPath;

    /// <summary>1-based line in <see cref="File"/>; null inside a zip.</summary>
    public int? Line { get; }

    /// <summary>1-based column in <see cref="File"/>, only with a line.</summary>
    public int? Column { get; }

    /// <summary>The entry inside the zip <see cref="File"/> the finding is about, or null.</summary>
    public string? ZipEntry { get; }

    /// <summary>The line inside <see cref="ZipEntry"/>.</summary>
    public int? ZipEntryLine { get; }

    /// <summary>The column inside <see cref="ZipEntry"/>.</summary>
    public int? ZipEntryColumn { get; }

    /// <summary>The entry and its line as people read them, e.g. <c>plugin/MANIFEST:3</c>; null outside a zip.</summary>
    public string? ZipEntryText => ZipEntry == null ? null : ZipEntry + LineText(ZipEntryLine, ZipEntryColumn);

    /// <summary>The file and line as people read them, e.g. <c>plugins/a/main.py:4:9</c> or <c>dist/a.zip!MANIFEST:3</c>.</summary>
    public string Text => File + (ZipEntry == null ? LineText(Line, Column) : "!" + ZipEntryText);

    /// <summary>The location of <paramref name="finding"/> of the bundle <paramref name="bundlePath"/>.</summary>
    public static FindingLocation Of(string bundlePath, SpsPluginDiagnostic finding, string sourceRoot)
    {
        var container = Path.GetFullPath(finding.Path ?? bundlePath);
        var line = Positive(finding.Line);
        var column = line == null ? null : Positive(finding.Column);
        if (Directory.Exists(container))
        {
            var entryPath = finding.Entry == null ? null : Path.GetFullPath(Path.Combine(container, finding.Entry));
            return entryPath == null || Directory.Exists(entryPath)
                ? Create(Path.Combine(container, Manifest), sourceRoot, null, null)
                : Create(entryPath, sourceRoot, line, column);
        }
        // A zip, or a path that does not exist (reported as PathNotFound): the path itself is the file.
        return finding.Entry == null
            ? Create(container, sourceRoot, line, column)
            : new FindingLocation(container, Relative(container, sourceRoot), null, null, finding.Entry, line, column);
    }

    private static FindingLocation Create(string fullPath, string sourceRoot, int? line, int? column) =>
        new(fullPath, Relative(fullPath, sourceRoot), line, column, null, null, null);

    /// <summary><paramref name="fullPath"/> relative to <paramref name="sourceRoot"/> with '/' separators, or null outside it.</summary>
    internal static string? Relative(string fullPath, string sourceRoot)
    {
        var root = RootWithSeparator(sourceRoot);
        return PlatformPaths.IsInside(fullPath, root, PlatformPaths.IsWindows)
            ? fullPath.Substring(root.Length).Replace('\\', '/')
            : null;
    }

    /// <summary>The full path of <paramref name="sourceRoot"/> ending in one separator.</summary>
    internal static string RootWithSeparator(string sourceRoot) =>
        Path.GetFullPath(sourceRoot).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;

    private static int? Positive(int? number) => number is int n && n > 0 ? n : null;

    private static string LineText(int? line, int? column) =>
        line == null ? string.Empty
            : ":" + line.Value.ToString(CultureInfo.InvariantCulture) + (column == null ? string.Empty : ":" + column.Value.ToString(CultureInfo.InvariantCulture));
}
