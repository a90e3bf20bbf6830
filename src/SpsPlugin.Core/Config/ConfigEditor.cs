using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SpsPlugin.IO;

namespace SpsPlugin.Config;

/// <summary>
/// Line-level edits of a configuration document. Each edit replaces, inserts or removes whole lines
/// and leaves every other line (and its line break) exactly as it was; the caller re-reads the result.
/// </summary>
internal sealed class ConfigEditor
{
    // The parts of a commented template option line: indentation, comment marks, and the name.
    private static readonly Regex TemplateParts = new(@"^[ \t]*(?:;+[ \t]*|#)(?<name>[A-Za-z0-9_.<>\-$]+)(?<delimiter>[ \t]*=[ \t]*)", RegexOptions.CultureInvariant);

    private readonly ConfigDocument _document;
    private readonly List<SourceLine> _lines;
    private readonly string _lineBreak;

    public ConfigEditor(ConfigDocument document)
    {
        _document = document;
        _lines = document.Lines.ToList();
        _lineBreak = _lines.Select(l => l.LineBreak).FirstOrDefault(b => b.Length > 0) ?? "\n";
    }

    public string Set(string section, string name, string value)
    {
        var key = PyText.Lower(name);
        var valueLines = value.Split('\n');
        var enabled = _document.Options.FirstOrDefault(o => o.Enabled && o.Section == section && o.Name == key);
        if (enabled != null)
        {
            var first = _lines[enabled.Line - 1].Text;
            var prefix = first.Substring(0, enabled.ValuePrefixLength);
            // "name =" with nothing after it: keep the spacing symmetric once a value arrives.
            if (prefix.Length >= 2 && (prefix.EndsWith("=") || prefix.EndsWith(":")) && prefix[prefix.Length - 2] == ' ')
            {
                prefix += " ";
            }
            var indent = first.Substring(0, PyText.FirstNonSpace(first));
            Replace(enabled.Line, enabled.EndLine, OptionLines(prefix, indent, valueLines));
            return Text();
        }

        var template = PickTemplate(_document, section, key, value);
        if (template != null)
        {
            var parts = TemplateParts.Match(_lines[template.Line - 1].Text);
            var prefix = parts.Groups["name"].Value + parts.Groups["delimiter"].Value;
            Replace(template.Line, template.Line, OptionLines(prefix, string.Empty, valueLines));
            return Text();
        }

        var header = LastHeader(section);
        var newLines = OptionLines(name + DelimiterStyle(), string.Empty, valueLines);
        if (header != null)
        {
            var last = _document.Options.Where(o => o.Section == section && o.Line > header.Line).Select(o => o.EndLine).DefaultIfEmpty(header.Line).Max();
            Insert(last, newLines);
            return Text();
        }
        AppendSection(section, newLines);
        return Text();
    }

    /// <summary>
    /// The commented template option Set enables for <paramref name="key"/>: the one that already shows
    /// this value (e.g. "; allow=all_users" among two "allow" templates), then one with a
    /// &lt;placeholder&gt;, then the first; null when the section has none.
    /// </summary>
    public static ConfigOptionRecord? PickTemplate(ConfigDocument document, string section, string key, string value)
    {
        var templates = document.Options.Where(o => !o.Enabled && o.Section == section && o.Name == key).ToArray();
        return templates.FirstOrDefault(t => t.Value == value)
            ?? templates.FirstOrDefault(t => t.Value.IndexOf('<') >= 0)
            ?? templates.FirstOrDefault();
    }

    /// <summary>
    /// The (lower-cased) option name on <paramref name="line"/>, which the reader did not get to (it
    /// stopped there): the lines from there on are read on their own, under a stand-in header.
    /// </summary>
    public string? OptionNameAt(int line) => OptionFrom(line)?.Name;

    /// <summary>Comments out the option starting on <paramref name="line"/>, continuation lines included, as Disable does.</summary>
    public string CommentOutOptionAt(int line)
    {
        var option = OptionFrom(line);
        // The stand-in header is line 1 of the tail, the option's first line is line 2.
        var last = option == null ? line : line + option.EndLine - 2;
        CommentOut(line, last);
        return Text();
    }

    private ConfigOptionRecord? OptionFrom(int line) =>
        ConfigDocumentReader.Read("[tail]\n" + SourceText.Join(_lines.Skip(line - 1))).Options.FirstOrDefault(o => o.Enabled);

    public string AddSection(string section)
    {
        AppendSection(section, Array.Empty<string>());
        return Text();
    }

    public string Disable(string section, string key)
    {
        var option = _document.Options.FirstOrDefault(o => o.Enabled && o.Section == section && o.Name == key);
        if (option == null)
        {
            return Text();
        }
        CommentOut(option.Line, option.EndLine);
        return Text();
    }

    private void CommentOut(int firstLine, int lastLine)
    {
        for (var line = firstLine; line <= lastLine; line++)
        {
            var source = _lines[line - 1];
            if (PyText.Strip(source.Text).Length > 0)
            {
                _lines[line - 1] = new SourceLine(source.Number, "; " + source.Text, source.LineBreak);
            }
        }
    }

    public string RemoveSection(string section)
    {
        var headers = _document.Sections.Where(s => s.Name == section).Select(s => s.Line).ToArray();
        var doomed = new HashSet<int>();
        foreach (var start in headers)
        {
            var next = _document.Sections.Where(s => s.Line > start).Select(s => s.Line).DefaultIfEmpty(_lines.Count + 1).Min();
            var end = BlockEnd(start, next, _document);
            for (var line = start; line <= end; line++)
            {
                doomed.Add(line);
            }
        }
        _lines.RemoveAll(l => doomed.Contains(l.Number));
        return Text();
    }

    /// <summary>The section header on <paramref name="line"/>, where the reader stopped at it (a duplicate); null when there is none.</summary>
    public string? SectionHeaderAt(int line) => ReadFrom(line).Sections.FirstOrDefault(s => s.Line == 1)?.Name;

    /// <summary>
    /// Removes the section whose header on <paramref name="line"/> is a duplicate the reader stopped
    /// at, up to the next header (another duplicate included); null when its end cannot be told
    /// because a duplicate option inside it stops the reading too.
    /// </summary>
    public string? RemoveDuplicateSectionAt(int line)
    {
        var tail = ReadFrom(line);
        if (tail.Errors.Any(e => e.RuleId == SpsPluginErrorId.ConfigDuplicateOption.Id))
        {
            return null;
        }
        var next = tail.Sections.Skip(1).Select(s => s.Line)
            .Concat(tail.Errors.Where(e => e.RuleId == SpsPluginErrorId.ConfigDuplicateSection.Id).Select(e => e.Line!.Value))
            .DefaultIfEmpty(tail.Lines.Count + 1).Min();
        var last = line - 1 + BlockEnd(1, next, tail);
        _lines.RemoveAll(l => l.Number >= line && l.Number <= last);
        return Text();
    }

    /// <summary>The last line of the section starting at <paramref name="start"/>: comments right above the next header (no blank line between) introduce that section.</summary>
    private static int BlockEnd(int start, int next, ConfigDocument document)
    {
        var end = next - 1;
        if (next <= document.Lines.Count)
        {
            while (end > start && document.Kinds[end - 1] == ConfigLineKind.Comment)
            {
                end--;
            }
        }
        return end;
    }

    /// <summary>The text from <paramref name="line"/> on, read on its own: what the reader did not get to.</summary>
    private ConfigDocument ReadFrom(int line) => ConfigDocumentReader.Read(SourceText.Join(_lines.Skip(line - 1)));

    private List<string> OptionLines(string firstPrefix, string indent, string[] valueLines)
    {
        var lines = new List<string> { firstPrefix + valueLines[0] };
        // Continuation lines are indented one space deeper than the option, as the SDK documents for PEM values.
        lines.AddRange(valueLines.Skip(1).Select(l => l.Length == 0 ? string.Empty : indent + " " + l));
        return lines;
    }

    private ConfigSectionRecord? LastHeader(string section) => _document.Sections.LastOrDefault(s => s.Name == section);

    /// <summary>"=" or " = ", as the document's existing options (enabled or templates) write it.</summary>
    private string DelimiterStyle()
    {
        foreach (var option in _document.Options)
        {
            var text = _lines[option.Line - 1].Text;
            var at = text.IndexOfAny(new[] { '=', ':' });
            if (at > 0)
            {
                return text[at - 1] == ' ' ? " = " : "=";
            }
        }
        return "=";
    }

    private void AppendSection(string section, IReadOnlyList<string> optionLines)
    {
        var added = new List<string>();
        if (_lines.Count > 0)
        {
            var last = _lines[_lines.Count - 1];
            if (last.LineBreak.Length == 0)
            {
                _lines[_lines.Count - 1] = new SourceLine(last.Number, last.Text, _lineBreak);
            }
            if (PyText.Strip(last.Text).Length > 0)
            {
                added.Add(string.Empty);
            }
        }
        added.Add("[" + section + "]");
        added.AddRange(optionLines);
        Insert(_lines.Count, added);
    }

    private void Replace(int firstLine, int lastLine, IReadOnlyList<string> texts)
    {
        var lineBreak = _lines[lastLine - 1].LineBreak;
        var at = _lines.FindIndex(l => l.Number == firstLine);
        _lines.RemoveRange(at, lastLine - firstLine + 1);
        // The last new line takes the replaced block's own break ("" when it ended the file).
        _lines.InsertRange(at, texts.Select((t, i) => new SourceLine(0, t, i == texts.Count - 1 ? lineBreak : _lineBreak)));
    }

    /// <summary>Inserts after the line numbered <paramref name="afterLine"/> (0: at the top).</summary>
    private void Insert(int afterLine, IReadOnlyList<string> texts)
    {
        var at = afterLine == 0 ? 0 : _lines.FindIndex(l => l.Number == afterLine) + 1;
        if (at > 0 && _lines[at - 1].LineBreak.Length == 0)
        {
            var previous = _lines[at - 1];
            _lines[at - 1] = new SourceLine(previous.Number, previous.Text, _lineBreak);
        }
        _lines.InsertRange(at, texts.Select(t => new SourceLine(0, t, _lineBreak)));
    }

    private string Text() => SourceText.Join(_lines);
}
