using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SpsPlugin.IO;

namespace SpsPlugin.Config;

/// <summary>What a line of a configuration is, as configparser reads it.</summary>
internal enum ConfigLineKind
{
    /// <summary>Empty or white space only, outside any value.</summary>
    Blank,

    /// <summary>A full-line <c>#</c> or <c>;</c> comment.</summary>
    Comment,

    /// <summary>A comment that holds a template option (<c>; name=value</c>).</summary>
    CommentedOption,

    /// <summary>A <c>[section]</c> line.</summary>
    SectionHeader,

    /// <summary>The first line of an option.</summary>
    Option,

    /// <summary>A deeper-indented line that continues the option above.</summary>
    Continuation,

    /// <summary>An empty line inside an option's value (configparser keeps it).</summary>
    ValueBlank,

    /// <summary>A line configparser cannot read (a ParsingError).</summary>
    Invalid,

    /// <summary>After a fatal error: configparser stops reading.</summary>
    NotRead,
}

/// <summary>An option (enabled or commented) as found in the text.</summary>
internal sealed class ConfigOptionRecord
{
    public ConfigOptionRecord(string section, string rawName, string name, int line, int valuePrefixLength, bool enabled)
    {
        Section = section;
        RawName = rawName;
        Name = name;
        Line = line;
        EndLine = line;
        ValuePrefixLength = valuePrefixLength;
        Enabled = enabled;
    }

    public string Section { get; }

    public string RawName { get; }

    public string Name { get; }

    public int Line { get; }

    /// <summary>The last line that carries text of the value (trailing empty lines excluded).</summary>
    public int EndLine { get; set; }

    /// <summary>Length of the first line up to where the value starts (<c>name = </c>).</summary>
    public int ValuePrefixLength { get; }

    public bool Enabled { get; }

    public List<string> ValueLines { get; } = new();

    /// <summary>The value as configparser joins it: lines joined by newlines, trailing white space removed.</summary>
    public string Value => ValueLines.Count == 1 ? ValueLines[0] : PyText.RStrip(string.Join("\n", ValueLines));
}

/// <summary>A section header as found in the text.</summary>
internal sealed class ConfigSectionRecord
{
    public ConfigSectionRecord(string name, int line)
    {
        Name = name;
        Line = line;
    }

    public string Name { get; }

    public int Line { get; }
}

/// <summary>The outcome of reading configuration text.</summary>
internal sealed class ConfigDocument
{
    public ConfigDocument(List<SourceLine> lines, ConfigLineKind[] kinds, List<ConfigSectionRecord> sections,
        List<ConfigOptionRecord> options, List<SpsPluginDiagnostic> errors)
    {
        Lines = lines;
        Kinds = kinds;
        Sections = sections;
        Options = options;
        Errors = errors;
    }

    public List<SourceLine> Lines { get; }

    /// <summary>The kind of each line, by index (line number - 1).</summary>
    public ConfigLineKind[] Kinds { get; }

    public List<ConfigSectionRecord> Sections { get; }

    /// <summary>Enabled and commented options in file order.</summary>
    public List<ConfigOptionRecord> Options { get; }

    public List<SpsPluginDiagnostic> Errors { get; }
}

/// <summary>
/// Reads INI text exactly as CPython's <c>configparser.ConfigParser()</c> with default options reads it
/// through <c>read_string</c> (which is how the SDK's PluginConfiguration reads a policy): lines end at
/// "\n" only (at "\r" in a text without any "\n", as <c>read(path)</c> reads it); <c>#</c> and <c>;</c> start full-line comments (there are no inline comments); a section
/// header is <c>[</c>…<c>]</c> up to the last <c>]</c>; an option splits at the first <c>=</c> or
/// <c>:</c> and its name is lower-cased; a line indented deeper than the option line continues the
/// value, and empty lines inside a value are kept; duplicate sections or options and text before the
/// first section stop the read; other unreadable lines are collected and fail it at the end.
/// The comments in this class quote the parts of <c>RawConfigParser._read</c> they mirror; the
/// differential tests hold it to the real configparser.
/// </summary>
internal static class ConfigDocumentReader
{
    /// <summary>The section whose options every other section inherits.</summary>
    public const string DefaultSection = "DEFAULT";

    private static readonly char[] Delimiters = { '=', ':' };

    // A template option in a comment: "; name=value" (any spacing), or "#name=value" with the name
    // right after the '#'. Prose comments ("# NOTE: …", "; see below") have spaces in the "name".
    private static readonly Regex CommentedOption = new(
        @"^(?<lead>[ \t]*(?:;+[ \t]*|#(?=[A-Za-z0-9_<]))(?<name>[A-Za-z0-9_.<>\-$]+)[ \t]*=[ \t]*)(?<value>.*)$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// Splits text into lines as <c>io.StringIO</c> iterates them (at "\n"), keeping "\r\n" whole. A text
    /// without any "\n" but with "\r" (old Mac line ends) is split at "\r" instead: read_string would see
    /// one long line, which no plugin's configuration is, while <c>configparser.read(path)</c> (universal
    /// newlines) and every editor see lines; reading it as lines keeps an edit from adding a second
    /// [section] or option that read(path) then rejects.
    /// </summary>
    public static List<SourceLine> SplitLines(string text)
    {
        var lineEnd = text.IndexOf('\n') < 0 && text.IndexOf('\r') >= 0 ? '\r' : '\n';
        var lines = new List<SourceLine>(text.Length / 32 + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf(lineEnd, start);
            if (end < 0)
            {
                lines.Add(new SourceLine(lines.Count + 1, text.Substring(start), string.Empty));
                break;
            }
            // "\r\n" ends a line as a whole; a lone "\r" elsewhere stays text, as it does for StringIO.
            var crlf = lineEnd == '\n' && end > start && text[end - 1] == '\r';
            lines.Add(new SourceLine(lines.Count + 1, text.Substring(start, end - start - (crlf ? 1 : 0)), crlf ? "\r\n" : lineEnd.ToString()));
            start = end + 1;
        }
        return lines;
    }

    public static ConfigDocument Read(string text)
    {
        var lines = SplitLines(text);
        if (lines.Count == 1 && lines[0].Text.Length == 0)
        {
            lines.Clear();
        }
        var kinds = new ConfigLineKind[lines.Count];
        var sections = new List<ConfigSectionRecord>();
        var options = new List<ConfigOptionRecord>();
        var errors = new List<SpsPluginDiagnostic>();
        var sectionsAdded = new HashSet<string>(StringComparer.Ordinal);
        var optionsAdded = new HashSet<(string Section, string Option)>();
        string? currentSection = null;   // cursect / sectname
        ConfigOptionRecord? currentOption = null;  // optname (null when None or '')
        var indentLevel = 0;

        for (var index = 0; index < lines.Count; index++)
        {
            var lineNumber = index + 1;
            var raw = lines[index].Text;
            var stripped = PyText.Strip(raw);
            // "strip full line comments": the stripped line starts with '#' or ';'.
            var isComment = stripped.StartsWith("#", StringComparison.Ordinal) || stripped.StartsWith(";", StringComparison.Ordinal);
            if (isComment || stripped.Length == 0)
            {
                // "add empty line to the value, but only if there was no comment on the line"
                if (!isComment && currentSection != null && currentOption != null)
                {
                    currentOption.ValueLines.Add(string.Empty);
                    kinds[index] = ConfigLineKind.ValueBlank;
                }
                else if (isComment && currentSection != null && raw.IndexOf('=') > 0 && CommentedOption.Match(raw) is { Success: true } template)
                {
                    var templateName = template.Groups["name"].Value;
                    var record = new ConfigOptionRecord(currentSection, templateName, PyText.Lower(templateName), lineNumber, template.Groups["lead"].Length, enabled: false);
                    record.ValueLines.Add(PyText.Strip(template.Groups["value"].Value));
                    options.Add(record);
                    kinds[index] = ConfigLineKind.CommentedOption;
                }
                else
                {
                    kinds[index] = isComment ? ConfigLineKind.Comment : ConfigLineKind.Blank;
                }
                continue;
            }

            // "continuation line?": deeper than the line that started the current option.
            var indent = PyText.FirstNonSpace(raw);
            if (currentSection != null && currentOption != null && indent > indentLevel)
            {
                currentOption.ValueLines.Add(stripped);
                currentOption.EndLine = lineNumber;
                kinds[index] = ConfigLineKind.Continuation;
                continue;
            }
            indentLevel = indent;

            var header = SectionHeader(stripped);
            if (header != null)
            {
                if (header != DefaultSection && !sectionsAdded.Add(header))
                {
                    var first = sections.First(s => s.Name == header);
                    errors.Add(Error(SpsPluginErrorId.ConfigDuplicateSection, lineNumber, indent,
                        $"The section [{header}] appears again (first on line {first.Line}); configparser stops reading here.",
                        $"merge the two [{header}] sections into one (removing the section with Set-SpsPluginConfig -RemoveSection removes every [{header}])"));
                    MarkNotRead(kinds, index);
                    break;
                }
                currentSection = header;
                currentOption = null;
                sections.Add(new ConfigSectionRecord(header, lineNumber));
                kinds[index] = ConfigLineKind.SectionHeader;
                continue;
            }
            if (currentSection == null)
            {
                errors.Add(Error(SpsPluginErrorId.ConfigMissingSectionHeader, lineNumber, indent,
                    $"'{Shorten(stripped)}' comes before any [section] header; configparser stops reading here.",
                    "put a [section] line above it, or make it a comment with '#' or ';'"));
                MarkNotRead(kinds, index);
                break;
            }

            var delimiter = stripped.IndexOfAny(Delimiters);
            if (delimiter < 0)
            {
                // "a non-fatal parsing error occurred": collected, raised after the whole text is read.
                // The current option is kept: a deeper line after this one still continues it.
                errors.Add(Error(SpsPluginErrorId.ConfigSyntaxError, lineNumber, indent,
                    $"'{Shorten(stripped)}' is neither a [section], an option 'name = value', nor a comment.",
                    "write it as 'name = value', start it with '#' or ';' to make it a comment, or indent it to continue the value above"));
                kinds[index] = ConfigLineKind.Invalid;
                continue;
            }
            // option: up to the delimiter, trailing white space removed; value: after the delimiter, stripped.
            var nameEnd = delimiter;
            while (nameEnd > 0 && PyText.IsSpace(stripped[nameEnd - 1]))
            {
                nameEnd--;
            }
            var rawName = stripped.Substring(0, nameEnd);
            var name = PyText.Lower(rawName);
            var valueStart = delimiter + 1;
            while (valueStart < stripped.Length && PyText.IsSpace(stripped[valueStart]))
            {
                valueStart++;
            }
            var value = stripped.Substring(valueStart);
            if (rawName.Length == 0)
            {
                errors.Add(Error(SpsPluginErrorId.ConfigSyntaxError, lineNumber, indent,
                    $"'{Shorten(stripped)}' has a value but no option name before the '{stripped[delimiter]}'.",
                    "put the option name before the '=': name = value"));
                kinds[index] = ConfigLineKind.Invalid;
            }
            if (!optionsAdded.Add((currentSection, name)))
            {
                var first = options.First(o => o.Enabled && o.Section == currentSection && o.Name == name);
                errors.Add(Error(SpsPluginErrorId.ConfigDuplicateOption, lineNumber, indent,
                    $"The option '{name}' appears again in [{currentSection}] (first on line {first.Line}); configparser stops reading here.",
                    $"keep one '{name}' line in [{currentSection}] and delete the other (setting or disabling that option with Set-SpsPluginConfig does it: the later ones are commented out)"));
                MarkNotRead(kinds, index);
                break;
            }
            // The value starts after the delimiter and the white space that follows it.
            var prefixLength = indent + valueStart;
            var option = new ConfigOptionRecord(currentSection, rawName, name, lineNumber, prefixLength, enabled: true);
            option.ValueLines.Add(value);
            options.Add(option);
            if (rawName.Length > 0)
            {
                kinds[index] = ConfigLineKind.Option;
            }
            // An empty name (the line starts with the delimiter) is Python's falsy optname: nothing continues it.
            currentOption = rawName.Length > 0 ? option : null;
        }
        return new ConfigDocument(lines, kinds, sections, options, errors);
    }

    /// <summary>SECTCRE: '[' at the start, then at least one character up to the last ']'.</summary>
    private static string? SectionHeader(string stripped)
    {
        if (stripped.Length < 3 || stripped[0] != '[')
        {
            return null;
        }
        var close = stripped.LastIndexOf(']');
        return close >= 2 ? stripped.Substring(1, close - 1) : null;
    }

    private static void MarkNotRead(ConfigLineKind[] kinds, int from)
    {
        for (var i = from; i < kinds.Length; i++)
        {
            kinds[i] = ConfigLineKind.NotRead;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text.Substring(0, 57) + "..." : text;

    private static SpsPluginDiagnostic Error(SpsPluginErrorId id, int line, int indent, string message, string fix) =>
        new(id.Id, Severity.Error, message, entry: null, line: line, column: indent + 1, suggestedFix: fix);
}
