using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>What the top level of a MANIFEST document is.</summary>
internal enum ManifestDocumentKind
{
    Mapping,
    Empty,
    Scalar,
    Sequence,
}

/// <summary>The outcome of reading MANIFEST text: entries, comments and the errors PyYAML would raise.</summary>
internal sealed class ManifestYamlDocument
{
    public ManifestYamlDocument(
        ManifestDocumentKind kind, List<SourceLine> lines, List<SpsPluginManifestEntry> entries,
        List<KeyValuePair<int, string>> comments, List<SpsPluginDiagnostic> errors)
    {
        Kind = kind;
        Lines = lines;
        Entries = entries;
        Comments = comments;
        Errors = errors;
    }

    public ManifestDocumentKind Kind { get; }

    public List<SourceLine> Lines { get; }

    public List<SpsPluginManifestEntry> Entries { get; }

    /// <summary>Full-line comments: line number and text after <c>#</c>.</summary>
    public List<KeyValuePair<int, string>> Comments { get; }

    public List<SpsPluginDiagnostic> Errors { get; }
}

/// <summary>
/// Reads the YAML that MANIFEST files use (a flat block mapping of scalars, comments, quoted strings,
/// flow sequences, a <c>%YAML</c> directive, <c>? key</c> entries) and decides every value and every
/// error as PyYAML's <c>safe_load</c> does. YAML that goes beyond that (nested mappings, block
/// sequences and scalars, anchors, tags, other directives) is valid but not read: it is reported as
/// ManifestUnsupportedConstruct with its line, never guessed at.
/// </summary>
/// <remarks>
/// The scanning rules mirror PyYAML's scanner: only spaces separate tokens (a tab outside a quoted
/// scalar is an error), a plain scalar ends at <c>": "</c> or <c>" #"</c>, continues on lines indented
/// deeper than its key, and folds line breaks into spaces. tests/fixtures/pyyaml/answers.json records
/// the real PyYAML's answers that the tests hold this class to.
/// </remarks>
internal sealed class ManifestYamlReader
{
    private const string ManifestEntryName = "MANIFEST";

    /// <summary>
    /// The deepest node PyYAML's <c>safe_load</c> builds in a MANIFEST value before it raises
    /// RecursionError; the value of a top-level key is at depth 1, and an item (a scalar too) is one
    /// deeper than its sequence.
    /// </summary>
    /// <remarks>
    /// PyYAML's composer recurses, two Python frames per level (compose_node, compose_sequence_node),
    /// under Python's default recursion limit of 1000 frames. Measured with PyYAML 6.0 on Python 3.11
    /// for <c>yaml.safe_load(text)</c> called at a script's top level: <c>x: [[…[]…]]</c> loads with
    /// 493 nested sequences and <c>x: [[…[1]…]]</c> with 492 around the scalar; one level more raises.
    /// SPS and the SDK call safe_load from a few frames down, so there the limit is a level or two
    /// lower: the boundary is exact for a top-level call, which is what tools/record-pyyaml-answers.py
    /// measures and tests/fixtures/pyyaml/answers.json records. No real MANIFEST comes near it; the
    /// bound is there so that a hostile nesting is a finding and never a stack overflow. Flow
    /// mappings, which PyYAML nests the same way, are refused as unsupported before any depth counts.
    /// </remarks>
    internal const int MaxNodeDepth = 493;

    private readonly List<SourceLine> _lines;
    private readonly List<SpsPluginManifestEntry> _entries = new();
    private readonly List<KeyValuePair<int, string>> _comments = new();
    private readonly List<SpsPluginDiagnostic> _errors = new();
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);

    private int _mappingIndent = -1;
    private bool _documentStarted;
    private bool _documentEnded;

    // The line of a %YAML directive: the document must then start with an explicit '---'.
    private SourceLine? _yamlDirective;
    private bool _awaitingDocumentStart;

    // A '? key' entry whose ': value' line may follow.
    private PendingEntry? _explicitKey;

    // scan_yaml_directive_value and scan_directive_ignored_line: spaces only, ASCII digits, a comment after a space.
    private static readonly Regex YamlDirective = new(@"^%YAML +([0-9]+)\.([0-9]+)(?: +(?:#.*)?)?\z", RegexOptions.CultureInvariant);
    private PendingEntry? _pending;

    // Set by the first error PyYAML would raise: nothing after it is read. A duplicate key does not
    // stop PyYAML, so it does not stop the reader either.
    private bool _stopped;

    // Set when the first content line is not a key: the document is a scalar or a sequence.
    private ManifestDocumentKind _topLevelKind = ManifestDocumentKind.Mapping;

    private ManifestYamlReader(string text)
    {
        _lines = SourceText.SplitLines(text, IsLineBreak);
    }

    /// <summary>Reads <paramref name="text"/> (already decoded, BOM removed or not).</summary>
    public static ManifestYamlDocument Read(string text)
    {
        var reader = new ManifestYamlReader(text);
        var kind = reader.ReadDocument();
        return new ManifestYamlDocument(kind, reader._lines, reader._entries, reader._comments, reader._errors);
    }

    /// <summary>YAML 1.1 line breaks, as PyYAML's reader counts them.</summary>
    internal static bool IsLineBreak(char c) => c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';

    private ManifestDocumentKind ReadDocument()
    {
        if (!CheckPrintable())
        {
            return ManifestDocumentKind.Mapping;
        }
        for (var index = 0; index < _lines.Count && !_stopped; index++)
        {
            index = ReadLine(index);
            if (_topLevelKind != ManifestDocumentKind.Mapping)
            {
                return _topLevelKind;
            }
        }
        if (_awaitingDocumentStart && !_stopped)
        {
            Fail(_yamlDirective!.Value, 0, "expected '<document start>', but found '<stream end>': a directive must be followed by a '---' line", "add a line '---' after the directive");
        }
        FinishPending();
        return _entries.Count == 0 && _errors.Count == 0 ? ManifestDocumentKind.Empty : ManifestDocumentKind.Mapping;
    }

    /// <summary>Handles the line at <paramref name="index"/>; returns the index of the last line it consumed.</summary>
    private int ReadLine(int index)
    {
        var line = _lines[index];
        var text = line.Number == 1 && line.Text.Length > 0 && line.Text[0] == '\uFEFF' ? line.Text.Substring(1) : line.Text;
        var offset = line.Text.Length - text.Length;
        var indent = CountSpaces(text, 0);
        if (indent == text.Length)
        {
            _pending?.AddBlankLine(line);
            return index;
        }
        var first = text[indent];
        if (first == '\t')
        {
            return Fail(line, offset + indent, "found character '\\t' that cannot start any token", "indent with spaces, never tabs");
        }
        if (first == '#')
        {
            _comments.Add(new KeyValuePair<int, string>(line.Number, text.Substring(indent + 1)));
            _pending?.CloseByComment();
            return index;
        }
        if (indent == 0 && IsMarker(text, "---"))
        {
            return ReadDocumentStart(line, text);
        }
        if (indent == 0 && IsMarker(text, "..."))
        {
            FinishPending();
            _documentEnded = true;
            CheckRestIsComment(line, text, 3);
            return index;
        }
        if (_documentEnded)
        {
            return Unsupported(line, indent, "content after the document end marker '...'", "remove the '...' line or what follows it");
        }
        if (indent == 0 && first == '%')
        {
            return ReadDirective(line, text);
        }
        if (_awaitingDocumentStart)
        {
            return Fail(line, indent, "expected '<document start>', but found content: after a directive the document must start with '---'",
                "add a line '---' after the directive");
        }
        if (_explicitKey != null)
        {
            if (indent > _mappingIndent)
            {
                return Unsupported(line, indent, "a '? key' continued on the next line", "write the key on the '?' line");
            }
            if (indent == _mappingIndent && first == ':' && (indent + 1 == text.Length || text[indent + 1] == ' '))
            {
                _pending = _explicitKey;
                _explicitKey = null;
                _pending.ValueLine(line.Number);
                return ReadValue(index, text, indent + 1, _pending, continuation: false);
            }
        }
        if (_pending != null && indent > _mappingIndent)
        {
            return _pending.Continue(this, index, indent);
        }
        FinishPending();
        if (_mappingIndent < 0)
        {
            _mappingIndent = indent;
            if (!LooksLikeKeyLine(text, indent))
            {
                _topLevelKind = first == '-' && (indent + 1 == text.Length || text[indent + 1] == ' ') || first == '['
                    ? ManifestDocumentKind.Sequence
                    : ManifestDocumentKind.Scalar;
                return index;
            }
        }
        if (indent < _mappingIndent)
        {
            return Fail(line, indent, "this line is indented less than the keys above it",
                "start every key at the same column (column " + (_mappingIndent + 1).ToString(CultureInfo.InvariantCulture) + ")");
        }
        if (indent > _mappingIndent)
        {
            return Fail(line, indent, "expected <block end>, but found '<scalar>': this indented line continues nothing",
                "remove the indentation, or put the text on the line of the value it belongs to");
        }
        return ReadKeyLine(index, line.Text, offset + indent);
    }

    /// <summary>
    /// A directive line before the document: <c>%YAML 1.x</c> is read as PyYAML does (major 1, once,
    /// then an explicit <c>---</c>); <c>%TAG</c> and reserved directives are not.
    /// </summary>
    private int ReadDirective(SourceLine line, string text)
    {
        if (_documentStarted || _entries.Count > 0 || _pending != null || _explicitKey != null)
        {
            return Fail(line, 0, "expected a single document in the stream, but found a directive ('%') after the document began",
                "move the directive line above the '---' line, or remove it");
        }
        if (!text.StartsWith("%YAML", StringComparison.Ordinal) || (text.Length > 5 && text[5] != ' ' && text[5] != '\t'))
        {
            return Unsupported(line, 0, "a YAML directive other than %YAML (such as %TAG)", "remove the directive line; MANIFEST needs none");
        }
        var match = YamlDirective.Match(text);
        if (!match.Success)
        {
            return Fail(line, 0, $"'{text.TrimEnd()}' is not a YAML directive PyYAML reads (expected '%YAML 1.1')", "write '%YAML 1.1', or remove the line");
        }
        if (_yamlDirective != null)
        {
            return Fail(line, 0, $"found duplicate YAML directive (the first is on line {_yamlDirective.Value.Number})", "keep one '%YAML' line");
        }
        if (match.Groups[1].Value.TrimStart('0') != "1")
        {
            return Fail(line, 0, "found incompatible YAML document (version 1.* is required)", "write '%YAML 1.1', or remove the line");
        }
        _yamlDirective = line;
        _awaitingDocumentStart = true;
        return line.Number - 1;
    }

    private int ReadDocumentStart(SourceLine line, string text)
    {
        _awaitingDocumentStart = false;
        if (_documentStarted || _entries.Count > 0 || _pending != null)
        {
            return Fail(line, 0, "expected a single document in the stream, but found another document ('---')",
                "keep one document: remove this '---' line and what follows, or the part before it");
        }
        _documentStarted = true;
        CheckRestIsComment(line, text, 3);
        return line.Number - 1;
    }

    private bool CheckRestIsComment(SourceLine line, string text, int from)
    {
        var at = CountSpaces(text, from) + from;
        if (at < text.Length && text[at] != '#')
        {
            Unsupported(line, at, "content on the same line as a document marker", "put the content on its own line");
            return false;
        }
        return true;
    }

    private static bool IsMarker(string text, string marker) =>
        text.StartsWith(marker, StringComparison.Ordinal) && (text.Length == 3 || text[3] == ' ' || text[3] == '\t');

    private static bool LooksLikeKeyLine(string text, int at)
    {
        var c = text[at];
        if (c == '\'' || c == '"')
        {
            var close = QuotedKeyEnd(text, at);
            return close > 0 && FindValueIndicator(text, close) == close + CountSpaces(text, close);
        }
        if (c == '?' && (at + 1 == text.Length || text[at + 1] == ' '))
        {
            return true;
        }
        return FindPlainEnd(text, at, out var stop) && stop < text.Length && text[stop] == ':';
    }

    private int ReadKeyLine(int index, string text, int at)
    {
        var line = _lines[index];
        var first = text[at];
        if (first == '?' && (at + 1 == text.Length || text[at + 1] == ' '))
        {
            return ReadExplicitKey(index, text, at);
        }
        if (first == '-' && (at + 1 == text.Length || text[at + 1] == ' '))
        {
            return Unsupported(line, at, "a block sequence ('- item') at the top level of the mapping", "MANIFEST keys take single values: write 'key: value'");
        }
        var cannotStart = CannotStartPlain(text, at);
        if (cannotStart != null)
        {
            return cannotStart.Value.Unsupported
                ? Unsupported(line, at, cannotStart.Value.Problem, cannotStart.Value.Fix)
                : Fail(line, at, cannotStart.Value.Problem, cannotStart.Value.Fix);
        }

        string key;
        int afterKey;
        if (first == '\'' || first == '"')
        {
            var end = QuotedKeyEnd(text, at);
            if (end < 0)
            {
                return Unsupported(line, at, "a quoted key that does not end on its line", "put the key on one line");
            }
            key = Unquote(text.Substring(at, end - at), line, at);
            afterKey = end + CountSpaces(text, end);
            if (_stopped)
            {
                return index;
            }
            if (afterKey >= text.Length || text[afterKey] != ':' || (afterKey + 1 < text.Length && text[afterKey + 1] != ' ' && text[afterKey + 1] != '\t'))
            {
                return NotAKey(index, text, at);
            }
        }
        else
        {
            if (!FindPlainEnd(text, at, out var stop) || stop >= text.Length || text[stop] != ':')
            {
                if (stop < text.Length && text[stop] == '\t')
                {
                    return Fail(line, stop, "found character '\\t' that cannot start any token", "use spaces, not tabs");
                }
                return NotAKey(index, text, at);
            }
            key = text.Substring(at, stop - at).TrimEnd(' ');
            afterKey = stop;
            if (!CheckPlainKey(line, at, key))
            {
                return index;
            }
        }
        var valueAt = afterKey + 1;
        _pending = NewEntry(key, line, at, valueAt, explicitKey: false);
        return ReadValue(index, text, valueAt, _pending, continuation: false);
    }

    /// <summary>
    /// <c>? key</c>: an explicit key on its line; its value follows on a <c>: value</c> line at the
    /// mapping's column, and without one the value is None (as PyYAML reads both).
    /// </summary>
    private int ReadExplicitKey(int index, string text, int at)
    {
        var line = _lines[index];
        var keyAt = at + 1 + CountSpaces(text, at + 1);
        if (keyAt >= text.Length || text[keyAt] == '#')
        {
            return Unsupported(line, at, "a complex key ('?') whose key is not on the '?' line", "write the key as 'name: value'");
        }
        string key;
        int end;
        var c = text[keyAt];
        if (c == '\'' || c == '"')
        {
            end = QuotedKeyEnd(text, keyAt);
            if (end < 0)
            {
                return Unsupported(line, keyAt, "a quoted key that does not end on its line", "put the key on one line");
            }
            key = Unquote(text.Substring(keyAt, end - keyAt), line, keyAt);
            if (_stopped)
            {
                return index;
            }
        }
        else
        {
            var cannotStart = c == '\t' ? null : CannotStartPlain(text, keyAt);
            if (cannotStart != null)
            {
                return cannotStart.Value.Unsupported
                    ? Unsupported(line, keyAt, cannotStart.Value.Problem, cannotStart.Value.Fix)
                    : Fail(line, keyAt, cannotStart.Value.Problem, cannotStart.Value.Fix);
            }
            if (FindPlainEnd(text, keyAt, out end))
            {
                return Fail(line, end, "found unhashable key: after '?', 'key: value' makes the key itself a mapping", "write 'key: value' without the '?'");
            }
            key = text.Substring(keyAt, end - keyAt).TrimEnd(' ');
            if (!CheckPlainKey(line, keyAt, key))
            {
                return index;
            }
        }
        var rest = end + CountSpaces(text, end);
        if (rest < text.Length && text[rest] != '#')
        {
            return text[rest] == '\t'
                ? Fail(line, rest, "found character '\\t' that cannot start any token", "use spaces, not tabs")
                : Fail(line, rest, "expected <block end>, but found '<scalar>': text after the key", "quote the whole key");
        }
        _explicitKey = NewEntry(key, line, keyAt, keyAt + key.Length + 1, explicitKey: true);
        return index;
    }

    /// <summary>A plain key must be a str to PyYAML; false (with the error recorded) when it is not.</summary>
    private bool CheckPlainKey(SourceLine line, int at, string key)
    {
        if (key.Length > 0 && key[0] == '[')
        {
            Fail(line, at, $"found unhashable key: PyYAML reads the key '{key}' as a list, which cannot be a mapping key", $"quote the key: '{key}':");
            return false;
        }
        var typedKey = PyYamlResolver.ResolvePlain(key, out var keyProblem);
        if (typedKey == null)
        {
            Fail(line, at, keyProblem!, $"quote the key: '{key}':");
            return false;
        }
        if (typedKey.Type != PyYamlType.String)
        {
            Unsupported(line, at,
                $"the key '{key}', which PyYAML reads as {typedKey.PythonTypeName} {typedKey.PythonText}, not as a string",
                $"quote the key: '{key}':");
            return false;
        }
        return true;
    }

    /// <summary>Starts the entry for <paramref name="key"/>; a key seen before is flagged (PyYAML keeps the last silently).</summary>
    private PendingEntry NewEntry(string key, SourceLine line, int at, int keyPrefixLength, bool explicitKey)
    {
        if (!_seenKeys.Add(key))
        {
            var first = _entries.First(e => e.Key == key);
            _errors.Add(new SpsPluginDiagnostic(
                SpsPluginErrorId.ManifestDuplicateKey.Id, Severity.Error,
                $"The key '{key}' appears again on line {line.Number} (first on line {first.Line}); PyYAML silently keeps the last value, which hides the first.",
                entry: ManifestEntryName, line: line.Number, column: at + 1,
                suggestedFix: $"keep one '{key}:' line and delete the other"));
        }
        return new PendingEntry(key, line.Number, keyPrefixLength, explicitKey);
    }

    private int NotAKey(int index, string text, int at)
    {
        var line = _lines[index];
        var content = text.Substring(at).TrimEnd();
        var equals = content.IndexOf('=');
        string fix;
        if (equals > 0 && content.IndexOf(':') < 0)
        {
            fix = $"write '{content.Substring(0, equals).TrimEnd()}: {content.Substring(equals + 1).TrimStart()}' (YAML keys end with a colon and a space)";
        }
        else
        {
            fix = "write it as 'key: value' with a colon and a space, or indent it to continue the value above";
        }
        return Fail(line, at, $"could not find expected ':': '{content}' is not a 'key: value' line", fix);
    }

    /// <summary>Reads the value starting at <paramref name="at"/> on line <paramref name="index"/>.</summary>
    private int ReadValue(int index, string text, int at, PendingEntry entry, bool continuation)
    {
        var line = _lines[index];
        at += CountSpaces(text, at);
        if (at < text.Length && text[at] == '\t')
        {
            return Fail(line, at, "found character '\\t' that cannot start any token", "use a space after the colon, not a tab");
        }
        if (at >= text.Length || text[at] == '#')
        {
            if (at < text.Length)
            {
                entry.Comment = text.Substring(at + 1);
            }
            entry.AwaitValue();
            return index;
        }
        var c = text[at];
        if (c == '\'' || c == '"')
        {
            var endIndex = ScanQuoted(index, at, out var value, out var endColumn);
            if (_stopped)
            {
                return endIndex;
            }
            var style = c == '\'' ? ManifestValueStyle.SingleQuoted : ManifestValueStyle.DoubleQuoted;
            entry.SetClosed(PyYamlValue.String(value), RawBetween(index, at, endIndex, endColumn), style, at, _lines[endIndex].Number);
            return AfterValue(endIndex, endColumn, entry);
        }
        if (c == '[')
        {
            var cursor = at;
            var sequence = ReadFlowSequence(line, text, ref cursor);
            if (sequence == null)
            {
                return index;
            }
            entry.SetClosed(sequence, text.Substring(at, cursor - at), ManifestValueStyle.FlowSequence, at, line.Number);
            return AfterValue(index, cursor, entry);
        }
        if (c == '-' && (at + 1 == text.Length || text[at + 1] == ' '))
        {
            return continuation
                ? Unsupported(line, at, "a block sequence ('- item') as a value", "write the items as a flow sequence: key: [a, b]")
                : Fail(line, at, "sequence entries are not allowed here", "put list items on their own lines, or write key: [a, b]");
        }
        var cannotStart = CannotStartPlain(text, at);
        if (cannotStart != null)
        {
            return cannotStart.Value.Unsupported
                ? Unsupported(line, at, cannotStart.Value.Problem, cannotStart.Value.Fix)
                : Fail(line, at, cannotStart.Value.Problem, cannotStart.Value.Fix);
        }
        return ReadPlainChunk(index, text, at, entry, first: true, continuation);
    }

    /// <summary>Reads one line's worth of a plain scalar from <paramref name="at"/>.</summary>
    private int ReadPlainChunk(int index, string text, int at, PendingEntry entry, bool first, bool continuation)
    {
        var line = _lines[index];
        FindPlainEnd(text, at, out var stop);
        var chunk = text.Substring(at, stop - at).TrimEnd(' ');
        if (stop < text.Length)
        {
            switch (text[stop])
            {
                case ':':
                    return continuation && first
                        ? Unsupported(line, at, "a nested mapping ('key:' under a key)", "MANIFEST is a flat list of 'key: value' lines")
                        : Fail(line, stop, "mapping values are not allowed here: a value cannot contain ': '", "quote the value: key: '" + text.Substring(at).TrimEnd().Replace("'", "''") + "'");
                case '\t':
                    return Fail(line, stop, "found character '\\t' that cannot start any token", "use spaces, not tabs");
            }
        }
        if (first)
        {
            entry.StartPlain(chunk, line, at);
        }
        else
        {
            entry.ContinuePlain(chunk, line);
        }
        if (stop < text.Length && text[stop] == '#')
        {
            entry.Comment = text.Substring(stop + 1);
            entry.CloseByComment();
        }
        return index;
    }

    /// <summary>After a quoted scalar or flow sequence: only spaces and a comment may follow on the line.</summary>
    private int AfterValue(int index, int column, PendingEntry entry)
    {
        var line = _lines[index];
        var text = line.Text;
        var at = column + CountSpaces(text, column);
        if (at < text.Length)
        {
            if (text[at] == '#')
            {
                entry.Comment = text.Substring(at + 1);
            }
            else if (text[at] == '\t')
            {
                return Fail(line, at, "found character '\\t' that cannot start any token", "use spaces, not tabs");
            }
            else
            {
                return Fail(line, at, "expected <block end>, but found '<scalar>': text after the closing quote or bracket",
                    "put the whole value inside the quotes");
            }
        }
        return index;
    }

    /// <summary>
    /// Finds where a plain scalar that starts at <paramref name="at"/> ends on its line: at ": " (or ':'
    /// at the end), at " #", at a tab, or at the end. Returns true when it stopped at a colon.
    /// </summary>
    private static bool FindPlainEnd(string text, int at, out int stop)
    {
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' ' || text[i + 1] == '\t'))
            {
                stop = i;
                return true;
            }
            if (c == '#' && i > at && text[i - 1] == ' ')
            {
                stop = i;
                return false;
            }
            if (c == '\t')
            {
                stop = i;
                return false;
            }
        }
        stop = text.Length;
        return false;
    }

    private readonly struct StartProblem
    {
        public StartProblem(string problem, string fix, bool unsupported)
        {
            Problem = problem;
            Fix = fix;
            Unsupported = unsupported;
        }

        public string Problem { get; }

        public string Fix { get; }

        public bool Unsupported { get; }
    }

    /// <summary>Characters that cannot start a plain scalar, with what PyYAML makes of them.</summary>
    private static StartProblem? CannotStartPlain(string text, int at)
    {
        var c = text[at];
        switch (c)
        {
            case '{':
                return new StartProblem("a flow mapping ('{…}')", "write one 'key: value' line per key", true);
            case '|':
            case '>':
                return new StartProblem("a block scalar ('" + c + "')", "write the value on one line, quoted if needed", true);
            case '&':
                return new StartProblem("an anchor ('&')", "write the value itself", true);
            case '*':
                return new StartProblem("an alias ('*')", "write the value itself", true);
            case '!':
                return new StartProblem("a tag ('!')", "quote the value instead of tagging it", true);
            case '@':
            case '`':
            case '%':
                return new StartProblem($"found character '{c}' that cannot start any token", $"quote the value: '{text.Substring(at).TrimEnd().Replace("'", "''")}'", false);
            case ',':
            case ']':
            case '}':
                return new StartProblem($"expected the node content, but found '{c}'", "quote the value", false);
            case ':':
            case '?':
                if (at + 1 == text.Length || text[at + 1] == ' ')
                {
                    return new StartProblem($"'{c}' followed by a space cannot start a value", "quote the value", true);
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Scans a quoted scalar that opens at (<paramref name="index"/>, <paramref name="at"/>), across lines
    /// if needed, folding line breaks as PyYAML does. Returns the index of the line it closed on.
    /// </summary>
    private int ScanQuoted(int index, int at, out string value, out int endColumn)
    {
        var quote = _lines[index].Text[at];
        var result = new StringBuilder();
        var column = at + 1;
        var startLine = _lines[index];
        value = string.Empty;
        endColumn = 0;
        while (true)
        {
            var line = _lines[index];
            var text = line.Text;
            var literalWhitespaceStart = -1;
            while (column < text.Length)
            {
                var c = text[column];
                if (c == quote && (quote == '"' || column + 1 >= text.Length || text[column + 1] != '\''))
                {
                    value = result.ToString();
                    endColumn = column + 1;
                    return index;
                }
                if (quote == '\'' && c == '\'')
                {
                    result.Append('\'');
                    column += 2;
                    literalWhitespaceStart = -1;
                    continue;
                }
                if (quote == '"' && c == '\\')
                {
                    if (column + 1 == text.Length)
                    {
                        // An escaped line break joins the lines with nothing between them.
                        literalWhitespaceStart = -2;
                        break;
                    }
                    if (!AppendEscape(line, text, ref column, result))
                    {
                        return index;
                    }
                    literalWhitespaceStart = -1;
                    continue;
                }
                if (c == ' ' || c == '\t')
                {
                    if (literalWhitespaceStart == -1)
                    {
                        literalWhitespaceStart = result.Length;
                    }
                }
                else
                {
                    literalWhitespaceStart = -1;
                }
                result.Append(c);
                column++;
            }
            // The line ended inside the quotes: fold into the next line.
            var escapedBreak = literalWhitespaceStart == -2;
            if (literalWhitespaceStart >= 0)
            {
                result.Length = literalWhitespaceStart;
            }
            if (index + 1 >= _lines.Count || line.LineBreak.Length == 0)
            {
                Fail(startLine, at, "found unexpected end of stream: the quoted value is never closed", $"add the closing {quote}");
                return index;
            }
            var firstBreak = line.LineBreak;
            var extraBreaks = new StringBuilder();
            index++;
            while (true)
            {
                var next = _lines[index].Text;
                if (IsMarker(next, "---") || IsMarker(next, "..."))
                {
                    Fail(_lines[index], 0, "found unexpected document separator inside a quoted value", $"close the value with {quote} before this line");
                    return index;
                }
                var lead = 0;
                while (lead < next.Length && (next[lead] == ' ' || next[lead] == '\t'))
                {
                    lead++;
                }
                if (lead < next.Length || index + 1 >= _lines.Count || _lines[index].LineBreak.Length == 0)
                {
                    column = lead;
                    break;
                }
                extraBreaks.Append(FoldedBreak(_lines[index].LineBreak));
                index++;
            }
            if (!escapedBreak)
            {
                AppendFold(result, firstBreak, extraBreaks.ToString());
            }
            else
            {
                result.Append(extraBreaks);
            }
        }
    }

    /// <summary>Reads one escape of a double-quoted scalar (the backslash is at <paramref name="column"/>).</summary>
    private bool AppendEscape(SourceLine line, string text, ref int column, StringBuilder result)
    {
        var e = text[column + 1];
        var simple = e switch
        {
            '0' => "\0",
            'a' => "\a",
            'b' => "\b",
            't' => "\t",
            '\t' => "\t",
            'n' => "\n",
            'v' => "\v",
            'f' => "\f",
            'r' => "\r",
            'e' => "\u001b",
            ' ' => " ",
            '"' => "\"",
            '/' => "/",
            '\\' => "\\",
            'N' => "\u0085",
            '_' => "\u00a0",
            'L' => "\u2028",
            'P' => "\u2029",
            _ => null,
        };
        if (simple != null)
        {
            result.Append(simple);
            column += 2;
            return true;
        }
        var length = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (length == 0)
        {
            Fail(line, column + 1, $"found unknown escape character '{e}'", "write a backslash as \\\\, or use single quotes");
            return false;
        }
        for (var i = 0; i < length; i++)
        {
            var at = column + 2 + i;
            if (at >= text.Length || !Uri.IsHexDigit(text[at]))
            {
                Fail(line, at, $"expected escape sequence of {length} hexadecimal numbers", $"write \\{e} followed by {length} hex digits");
                return false;
            }
        }
        var code = long.Parse(text.Substring(column + 2, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (code > 0x10FFFF)
        {
            // PyYAML's chr() raises ValueError: safe_load fails, and so does SPS's upload.
            Fail(line, column, $"the escape \\{e}{text.Substring(column + 2, length)} is beyond U+10FFFF, the last Unicode character (Python's chr() raises ValueError)",
                "write a code point up to \\U0010FFFF");
            return false;
        }
        // A lone surrogate (\uD800) is a str character to Python, not an error: keep it as one UTF-16 unit.
        result.Append(code >= 0xD800 && code <= 0xDFFF ? ((char)code).ToString() : char.ConvertFromUtf32((int)code));
        column += 2 + length;
        return true;
    }

    /// <summary>PyYAML's folding: one break becomes a space, n breaks become n-1 newlines.</summary>
    private static void AppendFold(StringBuilder result, string firstBreak, string extraBreaks)
    {
        var folded = FoldedBreak(firstBreak);
        if (folded != "\n")
        {
            result.Append(folded);
        }
        else if (extraBreaks.Length == 0)
        {
            result.Append(' ');
        }
        result.Append(extraBreaks);
    }

    // scan_line_break: \r\n, \r, \n and NEL all become \n; LS and PS are kept as they are.
    private static string FoldedBreak(string lineBreak) =>
        lineBreak == "\u2028" || lineBreak == "\u2029" ? lineBreak : "\n";

    private static int QuotedKeyEnd(string text, int at)
    {
        var quote = text[at];
        for (var i = at + 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && quote == '"')
            {
                i++;
                continue;
            }
            if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return -1;
    }

    private static int FindValueIndicator(string text, int from)
    {
        var at = from + CountSpaces(text, from);
        return at < text.Length && text[at] == ':' && (at + 1 == text.Length || text[at + 1] == ' ' || text[at + 1] == '\t') ? at : -1;
    }

    private string Unquote(string quoted, SourceLine line, int at)
    {
        var reader = new ManifestYamlReader(quoted);
        reader.ScanQuoted(0, 0, out var value, out _);
        _stopped |= reader._stopped;
        foreach (var error in reader._errors)
        {
            _errors.Add(new SpsPluginDiagnostic(error.RuleId, error.Severity, error.Message, entry: ManifestEntryName,
                line: line.Number, column: at + (error.Column ?? 1), suggestedFix: error.SuggestedFix));
        }
        return value;
    }

    /// <summary>
    /// Reads a one-line flow sequence such as <c>[a, 'b', [1, 2]]</c>; the cursor ends after the bracket.
    /// Nested sequences are kept on a stack of their own rather than read by recursion, so a hostile
    /// nesting costs no call stack; it is refused past <see cref="MaxNodeDepth"/>, where PyYAML gives up.
    /// </summary>
    private PyYamlValue? ReadFlowSequence(SourceLine line, string text, ref int cursor)
    {
        // The sequences opened and not yet closed, innermost on top; its count is the innermost's depth.
        var open = new Stack<List<PyYamlValue>>();
        open.Push(new List<PyYamlValue>());
        cursor++;
        while (true)
        {
            cursor += CountSpaces(text, cursor);
            if (cursor >= text.Length || text[cursor] == '#')
            {
                Unsupported(line, cursor, "a flow sequence that continues on the next line", "close the ']' on the line that opens it");
                return null;
            }
            var c = text[cursor];
            PyYamlValue? item;
            if (c == ']')
            {
                cursor++;
                item = PyYamlValue.Sequence(open.Pop());
                if (open.Count == 0)
                {
                    return item;
                }
            }
            else
            {
                if (c == '\t')
                {
                    Fail(line, cursor, "found character '\\t' that cannot start any token", "use spaces, not tabs");
                    return null;
                }
                if (c == ',')
                {
                    Fail(line, cursor, "expected the node content, but found ','", "remove the extra comma");
                    return null;
                }
                if (open.Count >= MaxNodeDepth)
                {
                    TooDeep(line, cursor);
                    return null;
                }
                if (c == '[')
                {
                    open.Push(new List<PyYamlValue>());
                    cursor++;
                    continue;
                }
                item = ReadFlowItem(line, text, ref cursor);
                if (item == null || _stopped)
                {
                    return null;
                }
            }
            open.Peek().Add(item);
            cursor += CountSpaces(text, cursor);
            if (cursor < text.Length && text[cursor] == ',')
            {
                cursor++;
                continue;
            }
            if (cursor < text.Length && text[cursor] == ']')
            {
                continue;
            }
            if (cursor >= text.Length || text[cursor] == '#')
            {
                Unsupported(line, cursor, "a flow sequence that continues on the next line", "close the ']' on the line that opens it");
                return null;
            }
            Fail(line, cursor, "expected ',' or ']'", "separate items with commas and close the list with ']'");
            return null;
        }
    }

    /// <summary>Reads one quoted or plain item of a flow sequence; null (with the error recorded) when it cannot.</summary>
    private PyYamlValue? ReadFlowItem(SourceLine line, string text, ref int cursor)
    {
        var c = text[cursor];
        if (c == '\'' || c == '"')
        {
            var end = QuotedKeyEnd(text, cursor);
            if (end < 0)
            {
                Unsupported(line, cursor, "a quoted item that continues on the next line", "keep the item on one line");
                return null;
            }
            var item = PyYamlValue.String(Unquote(text.Substring(cursor, end - cursor), line, cursor));
            cursor = end;
            return item;
        }
        if (c == '{' || c == '&' || c == '*' || c == '!' || c == '|' || c == '>')
        {
            var problem = CannotStartPlain(text, cursor)!.Value;
            Unsupported(line, cursor, problem.Problem + " inside a flow sequence", problem.Fix);
            return null;
        }
        var start = cursor;
        while (cursor < text.Length && ",[]{}\t".IndexOf(text[cursor]) < 0 &&
            !(text[cursor] == ':' && (cursor + 1 == text.Length || " ,[]{}".IndexOf(text[cursor + 1]) >= 0)) &&
            !(text[cursor] == '#' && text[cursor - 1] == ' '))
        {
            cursor++;
        }
        if (cursor < text.Length && text[cursor] == ':')
        {
            Unsupported(line, cursor, "a 'key: value' pair inside a flow sequence", "write plain items: [a, b]");
            return null;
        }
        var plain = text.Substring(start, cursor - start).TrimEnd(' ');
        var value = PyYamlResolver.ResolvePlain(plain, out var constructorProblem);
        if (value == null)
        {
            Fail(line, start, constructorProblem!, "quote the item");
        }
        return value;
    }

    private string RawBetween(int startIndex, int startColumn, int endIndex, int endColumn)
    {
        if (startIndex == endIndex)
        {
            return _lines[startIndex].Text.Substring(startColumn, endColumn - startColumn);
        }
        var raw = new StringBuilder(_lines[startIndex].Text.Substring(startColumn));
        for (var i = startIndex + 1; i < endIndex; i++)
        {
            raw.Append('\n').Append(_lines[i].Text);
        }
        return raw.Append('\n').Append(_lines[endIndex].Text.Substring(0, endColumn)).ToString();
    }

    private void FinishPending()
    {
        // A '? key' without its ': value' line is the key with the value None.
        var pending = _pending ?? _explicitKey;
        _pending = null;
        _explicitKey = null;
        if (pending == null)
        {
            return;
        }
        var entry = pending.Build(this);
        if (entry != null)
        {
            _entries.Add(entry);
        }
    }

    private bool CheckPrintable()
    {
        var text = SourceText.Join(_lines);
        var line = 1;
        var column = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var printable = c == '\t' || c == '\n' || c == '\r' || (c >= ' ' && c <= '~') || c == '\u0085' ||
                (c >= '\u00A0' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                printable = true;
            }
            if (!printable)
            {
                _stopped = true;
                _errors.Add(new SpsPluginDiagnostic(
                    SpsPluginErrorId.ManifestEncoding.Id, Severity.Error,
                    $"MANIFEST holds the control character U+{(int)c:X4}, which YAML does not allow (PyYAML: special characters are not allowed).",
                    entry: ManifestEntryName, line: line, column: column,
                    suggestedFix: "delete the character; MANIFEST must be plain printable text"));
                return false;
            }
            if (IsLineBreak(c) && !(c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return true;
    }

    private static int CountSpaces(string text, int from)
    {
        var count = 0;
        while (from + count < text.Length && text[from + count] == ' ')
        {
            count++;
        }
        return count;
    }

    private int Fail(SourceLine line, int column, string problem, string fix)
    {
        _stopped = true;
        _errors.Add(new SpsPluginDiagnostic(
            SpsPluginErrorId.ManifestSyntaxError.Id, Severity.Error,
            Sentence(problem), entry: ManifestEntryName, line: line.Number, column: column + 1, suggestedFix: fix));
        return line.Number - 1;
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1) + ".";

    private void TooDeep(SourceLine line, int column)
    {
        _stopped = true;
        _errors.Add(new SpsPluginDiagnostic(
            SpsPluginErrorId.ManifestTooDeep.Id, Severity.Error,
            $"The value nests lists more than {MaxNodeDepth} levels deep here; PyYAML's safe_load, which SPS and the SDK read MANIFEST with, gives up with RecursionError, so SPS would refuse the plugin.",
            entry: ManifestEntryName, line: line.Number, column: column + 1,
            suggestedFix: "write the value as a plain scalar or a short flat list such as [a, b]"));
    }

    private int Unsupported(SourceLine line, int column, string construct, string fix)
    {
        _stopped = true;
        _errors.Add(new SpsPluginDiagnostic(
            SpsPluginErrorId.ManifestUnsupportedConstruct.Id, Severity.Error,
            Sentence(construct) + " This is valid YAML, but more than a MANIFEST needs, and SpsPlugin does not read it.",
            entry: ManifestEntryName, line: line.Number, column: column + 1, suggestedFix: fix));
        return line.Number - 1;
    }

    /// <summary>The entry being read: its value may still continue on the following lines.</summary>
    private sealed class PendingEntry
    {
        private enum State
        {
            AwaitingValue,
            PlainOpen,
            Closed,
        }

        private readonly string _key;
        private readonly int _keyLine;
        private readonly int _keyPrefixLength;
        private State _state = State.AwaitingValue;
        private StringBuilder? _plain;
        private StringBuilder? _raw;
        private PyYamlValue? _value;
        private ManifestValueStyle _style = ManifestValueStyle.Empty;
        private int _valueColumn;
        private int _endLine;
        private string _lastBreak = "\n";
        private readonly List<SourceLine> _blankLines = new();

        private readonly bool _explicitKey;

        public PendingEntry(string key, int keyLine, int keyPrefixLength, bool explicitKey)
        {
            _explicitKey = explicitKey;
            _key = key;
            _keyLine = keyLine;
            _endLine = keyLine;
            _keyPrefixLength = keyPrefixLength;
            _valueColumn = keyPrefixLength + 1;
        }

        public string? Comment { get; set; }

        public void AwaitValue() => _state = State.AwaitingValue;

        /// <summary>The ': value' line of a '? key' entry: the entry reaches at least to it.</summary>
        public void ValueLine(int number) => _endLine = number;

        public void AddBlankLine(SourceLine line)
        {
            if (_state == State.PlainOpen)
            {
                _blankLines.Add(line);
            }
        }

        public void CloseByComment()
        {
            if (_state == State.PlainOpen)
            {
                _state = State.Closed;
            }
        }

        public int Continue(ManifestYamlReader reader, int index, int indent)
        {
            var line = reader._lines[index];
            switch (_state)
            {
                case State.AwaitingValue:
                    return reader.ReadValue(index, line.Text, indent, this, continuation: true);
                case State.PlainOpen:
                    return reader.ReadPlainChunk(index, line.Text, indent, this, first: false, continuation: true);
                default:
                    return reader.Fail(line, indent, "expected <block end>, but found '<scalar>': this indented line continues nothing",
                        "remove the indentation, or move the text into the value above it");
            }
        }

        public void StartPlain(string chunk, SourceLine line, int column)
        {
            _plain = new StringBuilder(chunk);
            _raw = new StringBuilder(chunk);
            _style = ManifestValueStyle.Plain;
            _valueColumn = column;
            _endLine = line.Number;
            _lastBreak = line.LineBreak;
            _state = State.PlainOpen;
        }

        public void ContinuePlain(string chunk, SourceLine line)
        {
            var extraBreaks = new StringBuilder();
            foreach (var blank in _blankLines)
            {
                extraBreaks.Append(FoldedBreak(blank.LineBreak));
            }
            // The break that ended the previous chunk's line decides the fold (LS and PS are kept).
            AppendFold(_plain!, _lastBreak, extraBreaks.ToString());
            _raw!.Append('\n', _blankLines.Count + 1).Append(chunk);
            _blankLines.Clear();
            _plain!.Append(chunk);
            _endLine = line.Number;
            _lastBreak = line.LineBreak;
        }

        public void SetClosed(PyYamlValue value, string raw, ManifestValueStyle style, int column, int endLine)
        {
            _value = value;
            _raw = new StringBuilder(raw);
            _style = style;
            _valueColumn = column;
            _endLine = endLine;
            _state = State.Closed;
        }

        public SpsPluginManifestEntry? Build(ManifestYamlReader reader)
        {
            var value = _value;
            if (_style == ManifestValueStyle.Plain)
            {
                var text = _plain!.ToString();
                value = PyYamlResolver.ResolvePlain(text, out var problem);
                if (value == null)
                {
                    reader.Fail(reader._lines[_keyLine - 1], _valueColumn, problem!, $"quote the value: {_key}: '{text.Replace("'", "''")}'");
                    return null;
                }
            }
            return new SpsPluginManifestEntry(
                _key, value ?? PyYamlValue.Null, _raw?.ToString() ?? string.Empty, _style,
                _keyLine, _valueColumn + 1, _endLine, Comment, _keyPrefixLength, _explicitKey);
        }
    }
}
