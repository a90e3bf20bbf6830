using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Config;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A plugin policy configuration (a <c>default.cfg</c>-style INI text) as a lossless document: every
/// byte is kept (comments, blank lines, order, line ends, a BOM), it reads exactly as the SDK's
/// configparser reads it, and edits return a new document in which only the touched lines changed.
/// </summary>
public sealed class SpsPluginConfig
{
    /// <summary>
    /// The largest configuration SpsPlugin reads: 4 MiB. Real policies are a few KiB; a larger file is
    /// almost certainly not a configuration (a log, a dump), and refusing it keeps a pipeline fast.
    /// </summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private readonly SourceText _source;
    private readonly ConfigDocument _document;
    private readonly Func<SpsPluginConfigOption, string, InterpolationOutcome> _interpolate;
    private Dictionary<string, InterpolationScope>? _scopes;

    private SpsPluginConfig(SourceText source, string? path, string? entry)
    {
        _interpolate = Interpolate;
        _source = source;
        Path = path;
        Entry = entry;
        _document = ConfigDocumentReader.Read(source.Text);
        Diagnostics = _document.Errors.Select(e => new SpsPluginDiagnostic(
            e.RuleId, e.Severity, e.Message, path, entry ?? (path == null ? "<text>" : null), e.Line, e.Column, e.SuggestedFix)).ToArray();
        var options = _document.Options.Select(record => ToOption(record, record.Section)).ToArray();
        AllOptions = options;
        Options = options.Where(o => o.IsEnabled).ToArray();
        var bySection = options.ToLookup(o => o.Section, StringComparer.Ordinal);
        Sections = _document.Sections
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => new SpsPluginConfigSection(g.Key, g.First().Line, bySection[g.Key].ToArray()))
            .ToArray();
    }

    /// <summary>The file, folder or zip the configuration was read from; null for text.</summary>
    public string? Path { get; }

    /// <summary>The entry inside a plugin folder or zip (<c>default.cfg</c>); null for a plain file.</summary>
    public string? Entry { get; }

    /// <summary>The whole text, exactly as read (without a BOM).</summary>
    public string Text => _source.Text;

    /// <summary>True when the file started with a UTF-8 byte order mark (kept when written back).</summary>
    public bool HasByteOrderMark => _source.HasBom;

    /// <summary>Every section in file order, <c>[DEFAULT]</c> included where present.</summary>
    public IReadOnlyList<SpsPluginConfigSection> Sections { get; }

    /// <summary>The enabled options in file order.</summary>
    public IReadOnlyList<SpsPluginConfigOption> Options { get; }

    /// <summary>Enabled and commented template options in file order.</summary>
    public IReadOnlyList<SpsPluginConfigOption> AllOptions { get; }

    /// <summary>Why configparser cannot read the text; empty when it can.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Diagnostics { get; }

    /// <summary>True when configparser reads the text without an error.</summary>
    public bool IsReadable => Diagnostics.Count == 0;

    /// <summary>The section named <paramref name="name"/> (case-sensitive, qualifier included); null when absent.</summary>
    public SpsPluginConfigSection? GetSection(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The enabled option <paramref name="name"/> as <c>ConfigParser.get()</c> finds it: in the section,
    /// else inherited from <c>[DEFAULT]</c>, with its value interpolated in the context of
    /// <paramref name="section"/> (an inherited <c>%(x)s</c> sees the section's own <c>x</c>). Null when neither has it.
    /// </summary>
    public SpsPluginConfigOption? GetOption(string section, string name)
    {
        var key = PyText.Lower(name);
        var own = Options.FirstOrDefault(o => o.Section == section && o.Name == key);
        if (own != null)
        {
            return own;
        }
        var inherited = _document.Options.FirstOrDefault(o => o.Enabled && o.Section == ConfigDocumentReader.DefaultSection && o.Name == key);
        return inherited == null ? null : ToOption(inherited, section);
    }

    /// <summary>Parses configuration text. Never throws for bad INI: see <see cref="Diagnostics"/>.</summary>
    public static SpsPluginConfig Parse(string text) => new(SourceText.FromString(text), null, null);

    /// <summary>Parses configuration bytes: strict UTF-8, an optional BOM, no NUL bytes, at most <see cref="MaxBytes"/>.</summary>
    /// <exception cref="SpsPluginException">ConfigTooLarge or ConfigEncoding.</exception>
    public static SpsPluginConfig FromBytes(byte[] bytes, string? path, string? entry)
    {
        var where = path == null ? "The configuration" : entry == null ? $"'{path}'" : $"'{entry}' in '{path}'";
        if (bytes.Length > MaxBytes)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigTooLarge,
                $"{where} is {bytes.Length:N0} bytes; a policy configuration is at most {MaxBytes:N0} bytes (real ones are a few KB). Is this the right file?", path);
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEncoding,
                $"{where} is a binary file (a NUL byte at offset {nul}), not configuration text.", path);
        }
        try
        {
            return new SpsPluginConfig(SourceText.Decode(bytes), path, entry);
        }
        catch (DecoderFallbackException error)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEncoding,
                $"{where} is not UTF-8 text ({error.Message}). Save it as UTF-8.", path, innerException: error);
        }
    }

    /// <summary>Reads a configuration file.</summary>
    /// <exception cref="SpsPluginException">PathNotFound, ReadFailed, ConfigTooLarge or ConfigEncoding.</exception>
    public static SpsPluginConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"Cannot find the configuration file '{path}'.", path);
        }
        SpecialFiles.RequireNotSpecial(path, path);
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new SpsPluginException(SpsPluginErrorId.ConfigTooLarge,
                    $"'{path}' is {length:N0} bytes; a policy configuration is at most {MaxBytes:N0} bytes (real ones are a few KB). Is this the right file?", path);
            }
            return FromBytes(File.ReadAllBytes(path), path, null);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{path}': {error.Message}", path, innerException: error);
        }
    }

    /// <summary>Builds a configuration from (section, option, value) triples, sections in first-seen order.</summary>
    public static SpsPluginConfig Create(IEnumerable<KeyValuePair<string, KeyValuePair<string, string>>> values)
    {
        var config = Parse(string.Empty);
        foreach (var item in values)
        {
            config = config.Set(item.Key, item.Value.Key, item.Value.Value);
        }
        return config;
    }

    /// <summary>
    /// Returns a copy in which option <paramref name="name"/> of <paramref name="section"/> has the raw
    /// value <paramref name="value"/> (continuation lines for newlines). An enabled option is rewritten
    /// on its own lines; otherwise a commented template option (<c>; name=&lt;value&gt;</c>) is enabled in
    /// place; otherwise the option is added at the end of its section, and a missing section is added at
    /// the end of the text.
    /// </summary>
    /// <exception cref="SpsPluginException">ConfigEditRejected: configparser would not read the value back as given.</exception>
    public SpsPluginConfig Set(string section, string name, string value)
    {
        RequireReadable();
        RequireLineSafe(section, name, value);
        var edited = new ConfigEditor(_document).Set(section, name, value);
        var result = WithText(edited);
        var key = PyText.Lower(name);
        var written = result.Options.FirstOrDefault(o => o.Section == section && o.Name == key);
        if (!result.IsReadable || written == null || written.Value != value)
        {
            var why = !result.IsReadable ? result.Diagnostics[0].Message
                : written == null ? "the option would not be read back"
                : $"configparser would read back '{written.Value}'";
            throw new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"[{section}] {name} cannot be set to that value: {why}. Values lose leading and trailing white space on every line, a line that starts with '#' or ';' is a comment, and names cannot contain '=' or ':'.",
                Path);
        }
        return result;
    }

    /// <summary>Returns a copy in which the enabled option is commented out (<c>; </c> before each of its lines).</summary>
    /// <exception cref="SpsPluginException">ConfigOptionNotFound when the section has no such option, enabled or commented.</exception>
    public SpsPluginConfig Disable(string section, string name)
    {
        RequireReadable();
        var key = PyText.Lower(name);
        if (!AllOptions.Any(o => o.Section == section && o.Name == key))
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigOptionNotFound,
                $"[{section}] has no option '{name}' to disable{(GetSection(section) == null ? $" (there is no section [{section}])" : string.Empty)}.", Path);
        }
        return WithText(new ConfigEditor(_document).Disable(section, key));
    }

    /// <summary>Returns a copy without the section (its header, options and comments).</summary>
    /// <exception cref="SpsPluginException">ConfigOptionNotFound when there is no such section.</exception>
    public SpsPluginConfig RemoveSection(string section)
    {
        RequireReadable();
        if (GetSection(section) == null)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigOptionNotFound, $"There is no section [{section}] to remove.", Path);
        }
        return WithText(new ConfigEditor(_document).RemoveSection(section));
    }

    /// <summary>
    /// Returns this configuration with every enabled option of <paramref name="overlay"/> set (later
    /// wins): this document's comments, order and template options stay; new sections go at the end.
    /// </summary>
    public SpsPluginConfig Merge(SpsPluginConfig overlay)
    {
        overlay.RequireReadable();
        var result = this;
        foreach (var section in overlay.Sections)
        {
            var enabled = section.Options.Where(o => o.IsEnabled).ToArray();
            if (enabled.Length == 0 && result.GetSection(section.Name) == null)
            {
                result.RequireLineSafe(section.Name, null, string.Empty);
                result = result.WithText(new ConfigEditor(result._document).AddSection(section.Name));
            }
            foreach (var option in enabled)
            {
                result = result.Set(section.Name, option.RawName, option.Value);
            }
        }
        return result;
    }

    /// <summary>The bytes to write: the text in UTF-8, with the BOM it was read with.</summary>
    public byte[] ToBytes() => _source.Encode();

    /// <summary>Writes the configuration to <paramref name="path"/> atomically (temp file, then rename).</summary>
    /// <exception cref="SpsPluginException">FileExists when the file exists and <paramref name="overwrite"/> is false.</exception>
    public void Save(string path, bool overwrite) => AtomicFile.WriteAllBytes(path, ToBytes(), overwrite);

    /// <inheritdoc />
    public override string ToString() => Path ?? "<text>";

    private SpsPluginConfig WithText(string text) => new(_source.WithText(text), Path, Entry);

    private void RequireReadable()
    {
        if (!IsReadable)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"{(Path == null ? "The configuration" : $"'{Path}'")} cannot be edited until its errors are fixed: line {Diagnostics[0].Line}: {Diagnostics[0].Message}",
                Path, Diagnostics);
        }
    }

    /// <summary>
    /// Refuses text that <c>configparser.read(path)</c> would read back differently from how it was
    /// meant: it reads files with universal newlines, so a "\r" in a value ends the line there and the
    /// rest becomes lines of their own ("ok\r[evil]\rbackdoor = yes" adds a section); a "\n" in a name
    /// does the same (in a value it is written as a continuation line); NUL makes the file binary; and a
    /// "\r" already inside a line of this document is a line break to read(path) but not to the SDK's
    /// read_string, so no edit can be read back the same by both. Python's other line separators (\v,
    /// \f, \x1c-\x1e, \x85, \u2028, \u2029) do not end lines for configparser and are kept.
    /// </summary>
    private void RequireLineSafe(string section, string? name, string value)
    {
        var hazard = Hazard("section name", section, allowNewline: false)
            ?? (name == null ? null : Hazard("option name", name, allowNewline: false))
            ?? Hazard("value", value, allowNewline: true);
        var strayReturn = _document.Lines.Where(l => l.Text.IndexOf('\r') >= 0).Select(l => (int?)l.Number).FirstOrDefault();
        if (hazard == null && strayReturn != null)
        {
            hazard = $"line {strayReturn} of the configuration holds a carriage return (U+000D) inside the line: configparser.read(path) ends the line there, the SDK does not. Save the file with one kind of line ends (\\n or \\r\\n) first";
        }
        if (hazard != null)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"[{section}]{(name == null ? string.Empty : " " + name)} cannot be written: {hazard}.", Path);
        }
    }

    private static string? Hazard(string what, string text, bool allowNewline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' || c == '\0' || (c == '\n' && !allowNewline))
            {
                var character = c == '\r' ? "a carriage return (U+000D, \"\\r\")" : c == '\n' ? "a line feed (U+000A, \"\\n\")" : "a NUL character (U+0000)";
                var why = c == '\0' ? "a configuration file cannot hold NUL"
                    : "configparser.read(path) reads files with universal newlines and would end the line there, so the rest would be read as lines of its own";
                var fix = what == "value" && c == '\r' ? "; for a value of several lines use \"\\n\" alone" : string.Empty;
                return $"the {what} holds {character} at position {i + 1}: {why}{fix}";
            }
        }
        return null;
    }

    /// <summary>The public option for a record, its value interpolated (on first use) as <paramref name="contextSection"/> sees it.</summary>
    private SpsPluginConfigOption ToOption(ConfigOptionRecord record, string contextSection) =>
        new(Path, record.Section, record.Name, record.RawName, record.Value, record.Enabled, record.Line, record.EndLine,
            _interpolate, contextSection);

    private InterpolationOutcome Interpolate(SpsPluginConfigOption option, string contextSection) =>
        !option.IsEnabled || _document.Errors.Count > 0
            ? default
            : BasicInterpolation.Interpolate(option.Name, option.Value, Lookup(contextSection));

    /// <summary>
    /// What <c>%(name)s</c> sees from <paramref name="section"/>: its own options over DEFAULT's. Built for
    /// every section in one pass, DEFAULT's once and shared, so many sections and many DEFAULT options cost
    /// their sum, not their product.
    /// </summary>
    private InterpolationScope Lookup(string section)
    {
        lock (_document)
        {
            if (_scopes == null)
            {
                var bySection = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
                foreach (var option in _document.Options.Where(o => o.Enabled))
                {
                    if (!bySection.TryGetValue(option.Section, out var values))
                    {
                        bySection[option.Section] = values = new Dictionary<string, string>(StringComparer.Ordinal);
                    }
                    values[option.Name] = option.Value;
                }
                var empty = new Dictionary<string, string>(StringComparer.Ordinal);
                var defaults = bySection.TryGetValue(ConfigDocumentReader.DefaultSection, out var d) ? d : empty;
                _scopes = bySection.ToDictionary(p => p.Key, p => new InterpolationScope(p.Key == ConfigDocumentReader.DefaultSection ? empty : p.Value, defaults), StringComparer.Ordinal);
                _scopes[string.Empty] = new InterpolationScope(empty, defaults);
            }
            return _scopes.TryGetValue(section, out var scope) ? scope : _scopes[string.Empty];
        }
    }

    /// <summary>
    /// The [DEFAULT] option <paramref name="option"/> as <paramref name="section"/> inherits it: the same
    /// line and raw value, interpolated in that section's context. What <see cref="GetOption"/> returns,
    /// without its search.
    /// </summary>
    internal SpsPluginConfigOption InheritedInto(SpsPluginConfigOption option, string section) =>
        new(Path, option.Section, option.Name, option.RawName, option.Value, option.IsEnabled, option.Line, option.EndLine, _interpolate, section);
}
