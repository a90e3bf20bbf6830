using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.IO;

/// <summary>
/// The file names Windows cannot hold as they are, as plain functions of one name (a path segment):
/// the validator warns of them on any OS, the extractor refuses them on Windows. SPS runs on Linux,
/// where all of them are ordinary names.
/// </summary>
internal static class WindowsNames
{
    private static readonly HashSet<string> ReservedDevices = new(
        new[] { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$" }
            .Concat(new[] { "COM", "LPT" }.SelectMany(p => "123456789\u00b9\u00b2\u00b3".Select(d => p + d))),
        StringComparer.OrdinalIgnoreCase);

    // '\' and '/' are separators (other rules judge them); ':' is the stream separator, listed apart.
    private const string ForbiddenCharacters = "<>\"|?*";

    /// <summary>
    /// A device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with superscript digits too), with any
    /// extension: 'aux.py' and 'nul .txt' open the device, not a file.
    /// </summary>
    public static bool IsReservedDevice(string name) => ReservedDevices.Contains(name.Split('.')[0].TrimEnd(' '));

    /// <summary>'lib.' or 'main.py ': Windows drops the ending, so the name folds into another one.</summary>
    public static bool HasTrailingDotOrSpace(string name) =>
        name != "." && name != ".." && (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal));

    /// <summary>'a:b' writes the alternate data stream 'b' of the file 'a' (NotSupportedException on .NET Framework).</summary>
    public static bool NamesStream(string name) => name.IndexOf(':') >= 0;

    /// <summary>The first of <c>&lt;&gt;"|?*</c> or a control character in <paramref name="name"/>; null when there is none.</summary>
    public static char? ForbiddenCharacter(string name) =>
        name.Select(c => (char?)c).FirstOrDefault(c => ForbiddenCharacters.IndexOf(c!.Value) >= 0 || c.Value < ' ');

    /// <summary>Why Windows cannot create <paramref name="name"/> as it is, or null when it can.</summary>
    public static string? Hazard(string name) =>
        IsReservedDevice(name) ? "a device name Windows reserves"
        : NamesStream(name) ? "a ':' (Windows writes an alternate data stream)"
        : ForbiddenCharacter(name) is char c ? (c < ' ' ? "a control character" : $"'{c}', which Windows forbids in names")
        : HasTrailingDotOrSpace(name) ? "a trailing dot or space, which Windows drops"
        : null;

    /// <summary>
    /// The key under which Windows stores a '/'-separated path: case folded, trailing dots and spaces
    /// of each segment dropped. Two paths with one key are one file there ('Main.py', 'main.py', 'main.py.').
    /// </summary>
    public static string FoldKey(string path) =>
        string.Join("/", path.Split('/').Select(s => s == "." || s == ".." ? s : s.TrimEnd('.', ' ').ToUpperInvariant()));
}
