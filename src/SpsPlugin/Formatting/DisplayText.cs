using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpsPlugin.Formatting;

/// <summary>
/// Text for the views of SpsPlugin.format.ps1xml. PowerShell wraps a table cell or list value at the
/// column's last character, splitting words; the views wrap long text here first, at word boundaries,
/// to a width that fits an 80-column terminal, so the formatter has nothing left to split.
/// </summary>
public static class DisplayText
{
    /// <summary>
    /// <paramref name="text"/> broken into lines of at most <paramref name="width"/> characters at spaces;
    /// a word longer than a line is broken after a '/', '\', '.', ',', '_' or '-' where it has one, else cut.
    /// </summary>
    public static string Wrap(string? text, int width)
    {
        if (string.IsNullOrEmpty(text) || width < 1)
        {
            return text ?? string.Empty;
        }
        var lines = text!.Replace("\r\n", "\n").Split('\n').SelectMany(line => WrapLine(line, width));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="width"/> characters ending in "…" when longer: for one
    /// long word (a SHA-256) that wrapping would split; the object's property keeps the whole value.
    /// </summary>
    public static string Shorten(string? text, int width) =>
        text == null || text.Length <= width || width < 2 ? text ?? string.Empty : text.Substring(0, width - 1) + "…";

    /// <summary>Names joined by ", " and wrapped at <paramref name="width"/>, breaking only between names where they fit.</summary>
    public static string WrapList(IEnumerable<string>? items, int width) =>
        items == null ? string.Empty : Wrap(string.Join(", ", items), width);

    private static IEnumerable<string> WrapLine(string line, int width)
    {
        var current = new StringBuilder();
        foreach (var word in line.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear();
            }
            var pieces = Pieces(word, width).ToList();
            // A word longer than a line has lines of its own; its last piece starts the next line.
            foreach (var piece in pieces.Take(pieces.Count - 1))
            {
                yield return piece;
            }
            current.Append(current.Length > 0 ? " " : string.Empty).Append(pieces[pieces.Count - 1]);
        }
        yield return current.ToString();
    }

    // A word that fits is one piece; a longer one (a path, a dotted name) breaks after its separators.
    private static IEnumerable<string> Pieces(string word, int width)
    {
        var rest = word;
        while (rest.Length > width)
        {
            var cut = rest.LastIndexOfAny(new[] { '/', '\\', '.', ',', '_', '-' }, width - 1) + 1;
            if (cut <= 0)
            {
                cut = width;
            }
            yield return rest.Substring(0, cut);
            rest = rest.Substring(cut);
        }
        yield return rest;
    }
}
