using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private readonly SourceText _source;
    private readonly ConfigDocument _document;
    private readonly Func<SpsPluginConfigOption, string, InterpolationOutcome> _interpolate;
    private Dictionary<string, InterpolationScope>? _scopes;

    // SHA-256 of the bytes read from the file, kept through edits: writing back to that file checks
    // that nothing else changed it meanwhile. Null for text.
    private readonly string? _readDigest;

    private SpsPluginConfig(SourceText source, string? path, string? entry, string? readDigest = null)
    {
        _readDigest = readDigest;
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

    /// <summary>
    /// The .cfg file this configuration was read from and is written back to. Null for text and for
    /// the <c>default.cfg</c> of a plugin folder or zip: that is the template policies are made from
    /// (<c>Get-SpsPluginConfig ./plugin | Set-SpsPluginConfig … | Save-SpsPluginConfig policy.cfg</c>),
    /// so an edit of it stays in memory unless the plugin's path is given to Set-SpsPluginConfig.
    /// </summary>
    public string? SourceFile => _readDigest == null || Entry != null ? null : Path;

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
    public static SpsPluginConfig FromBytes(byte[] bytes, string? path, string? entry) => Read(bytes, path, entry, readFromPath: path != null);

    // readFromPath: the bytes are what path held just now, so the object stands for that file (SourceFile).
    private static SpsPluginConfig Read(byte[] bytes, string? path, string? entry, bool readFromPath)
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
            return new SpsPluginConfig(SourceText.Decode(bytes), path, entry, readFromPath ? Digest(bytes) : null);
        }
        catch (DecoderFallbackException error)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEncoding,
                $"{where} is not UTF-8 text ({error.Message}). Save it as UTF-8.", path, innerException: error);
        }
    }

    /// <summary>
    /// The configuration a snapshot carries (an object brought back by Import-Clixml or ConvertFrom-Json):
    /// its own text, read as it was then, with the file it came from kept for traceability. The file is not
    /// read again: it may have changed since, or be gone. A snapshot is detached from that file, so edits
    /// of it stay in memory (it has no <see cref="SourceFile"/>). The same limits as a file apply.
    /// </summary>
    /// <exception cref="SpsPluginException">ConfigTooLarge or ConfigEncoding (a NUL, or a lone surrogate UTF-8 cannot hold).</exception>
    public static SpsPluginConfig FromSnapshot(string text, string? path, string? entry, bool hasByteOrderMark)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException error)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigEncoding,
                $"The configuration text carried for '{path ?? "<text>"}' holds a character UTF-8 cannot encode ({error.Message}).", path, innerException: error);
        }
        return Read(hasByteOrderMark ? StrictUtf8.GetPreamble().Concat(bytes).ToArray() : bytes, path, entry, readFromPath: false);
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
        var key = PyText.Lower(name);
        var repaired = WithoutDuplicatesOf(section, key);
        repaired.RequireReadable();
        repaired.RequireLineSafe(section, name, value);
        var edited = new ConfigEditor(repaired._document).Set(section, name, value);
        var result = WithText(edited);
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

    /// <summary>
    /// What <see cref="Set"/> would do, for -WhatIf and -Confirm: old → new value (a secret masked), and
    /// whether a commented template is enabled, a line added or a section appended.
    /// </summary>
    public string DescribeSet(string section, string name, string value, bool secret = false)
    {
        var key = PyText.Lower(name);
        // secret: the caller knows the value is one (a SecureString), whatever the option is called.
        string Shown(string text) => secret || SpsPluginConfigOption.IsSecretValue(name, text) ? SecretMask.Text : $"'{text}'";
        var enabled = _document.Options.FirstOrDefault(o => o.Enabled && o.Section == section && o.Name == key);
        if (enabled != null)
        {
            return $"[{section}] {name}: {Shown(enabled.Value)} -> {Shown(value)} (line {enabled.Line})";
        }
        var template = ConfigEditor.PickTemplate(_document, section, key, value);
        if (template != null)
        {
            return $"[{section}] {name}: enable the commented template on line {template.Line} ({Shown(template.Value)}) as {Shown(value)}";
        }
        return GetSection(section) != null
            ? $"[{section}] {name}: add a line with {Shown(value)} (the section has no '{key}' yet)"
            : $"append a new section [{section}] with {name} = {Shown(value)}";
    }

    /// <summary>
    /// Names an edit would add that look like typos: a new section whose name differs from an existing
    /// one only in case (configparser keeps section names as written, so [Logging] is not [logging]),
    /// in '-' for '_' or by an edit or two; a new option likewise (option names are lower-cased, so case
    /// alone is the same option); and, given <paramref name="reference"/> (the plugin's default.cfg), a
    /// section or option it does not know. Warnings; the cmdlets refuse them under -Strict.
    /// </summary>
    public IReadOnlyList<SpsPluginDiagnostic> NameSuspicions(string section, string? name, SpsPluginConfig? reference = null)
    {
        var found = new List<SpsPluginDiagnostic>();
        void Suspect(string message, string fix) => found.Add(new SpsPluginDiagnostic(
            SpsPluginErrorId.ConfigNameSuspicious.Id, Severity.Warning, message, Path, Entry, null, null, fix));
        var sectionIsNew = GetSection(section) == null;
        if (sectionIsNew && section != ConfigDocumentReader.DefaultSection)
        {
            var like = LookAlike(section, Sections.Select(s => s.Name).Concat(reference?.Sections.Select(s => s.Name) ?? Enumerable.Empty<string>()));
            if (like != null)
            {
                Suspect($"The section [{section}] is new, but [{like}] exists{(like.Equals(section, StringComparison.OrdinalIgnoreCase) ? " (section names are case-sensitive to configparser: these are two sections)" : string.Empty)}.",
                    $"use -Section '{like}' to edit the existing section");
            }
            else if (reference != null && reference.GetSection(section) == null)
            {
                Suspect($"The section [{section}] is new, and the reference configuration '{reference}' has no such section either.",
                    $"check the name against the plugin's default.cfg (sections: {string.Join(", ", reference.Sections.Select(s => $"[{s.Name}]"))})");
            }
        }
        if (name == null)
        {
            return found;
        }
        var key = PyText.Lower(name);
        bool Known(SpsPluginConfig config) => config.AllOptions.Any(o => (o.Section == section || o.Section == ConfigDocumentReader.DefaultSection) && o.Name == key);
        if (!Known(this))
        {
            var names = AllOptions.Concat(reference?.AllOptions ?? Enumerable.Empty<SpsPluginConfigOption>())
                .Where(o => o.Section == section || o.Section == ConfigDocumentReader.DefaultSection).Select(o => o.Name);
            var like = LookAlike(key, names);
            if (like != null)
            {
                Suspect($"[{section}] has no option '{key}' yet, but it has '{like}'.", $"use -Name '{like}' to edit the existing option");
            }
            else if (reference != null && !Known(reference))
            {
                Suspect($"[{section}] {key} is new, and the reference configuration '{reference}' does not know it either (not even as a commented template).",
                    "check the option name against the plugin's default.cfg");
            }
        }
        return found;
    }

    /// <summary>The <see cref="NameSuspicions"/> of merging <paramref name="overlay"/> onto this configuration, each told once.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> MergeSuspicions(SpsPluginConfig overlay) =>
        overlay.Sections
            .SelectMany(section => section.Options.Where(o => o.IsEnabled).Select(o => (string?)o.Name).DefaultIfEmpty(null)
                .SelectMany(name => NameSuspicions(section.Name, name)))
            .GroupBy(d => d.Message, StringComparer.Ordinal).Select(g => g.First())
            .ToArray();

    /// <summary>Returns a copy in which the enabled option is commented out (<c>; </c> before each of its lines).</summary>
    /// <exception cref="SpsPluginException">ConfigOptionNotFound when the section has no such option, enabled or commented.</exception>
    public SpsPluginConfig Disable(string section, string name)
    {
        var key = PyText.Lower(name);
        var repaired = WithoutDuplicatesOf(section, key);
        if (repaired != this)
        {
            // Every later duplicate is already commented out: the first one follows.
            return repaired.Disable(section, name);
        }
        RequireReadable();
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
        var repaired = WithoutDuplicateSections(section);
        if (repaired != this)
        {
            // Every later [section] is gone: the first one follows.
            return repaired.RemoveSection(section);
        }
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

    private SpsPluginConfig WithText(string text) => new(_source.WithText(text), Path, Entry, _readDigest);

    /// <summary>
    /// Writes the configuration back to <see cref="SourceFile"/>, atomically, and returns it as read
    /// from there now (so a further edit of the result checks against what was just written).
    /// </summary>
    /// <exception cref="SpsPluginException">
    /// SavePathMissing when it has no file of its own; ConfigFileChanged when the file's bytes are no
    /// longer those read (or it is gone) and <paramref name="force"/> is false.
    /// </exception>
    public SpsPluginConfig SaveToSource(bool force)
    {
        var file = SourceFile ?? throw new SpsPluginException(SpsPluginErrorId.SavePathMissing,
            $"'{this}' was not read from a file of its own (it came from text or from inside a zip); give a path to save it to.", Path);
        if (!force && FileChangedSinceRead(file) is { } change)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigFileChanged,
                $"'{file}' {change} since it was read; writing this configuration would undo that. Read the file again and repeat the edit, or use Save-SpsPluginConfig -Force to replace it anyway.", file);
        }
        var bytes = ToBytes();
        AtomicFile.WriteAllBytes(file, bytes, overwrite: true);
        return new SpsPluginConfig(_source, Path, Entry, Digest(bytes));
    }

    /// <summary>
    /// How the file differs from the bytes read ("changed", "is gone"); null when it holds exactly
    /// those bytes, or already this configuration's own (saving again changes nothing).
    /// </summary>
    private string? FileChangedSinceRead(string file)
    {
        try
        {
            return !File.Exists(file) ? "is gone"
                : new FileInfo(file).Length > MaxBytes ? "changed"
                : Digest(File.ReadAllBytes(file)) is var now && (now == _readDigest || now == Digest(ToBytes())) ? null : "changed";
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{file}' to check it is unchanged: {error.Message}", file, innerException: error);
        }
    }

    private static string Digest(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(bytes));
    }

    /// <summary>
    /// Repairs what stops configparser at option <paramref name="key"/> of <paramref name="section"/>
    /// appearing twice: every later occurrence (with its continuation lines) is commented out, so the
    /// edit of that very option leaves one. Other problems stay and the edit is refused as before.
    /// </summary>
    private SpsPluginConfig WithoutDuplicatesOf(string section, string key)
    {
        var current = this;
        while (current._document.Errors.Count == 1 && current._document.Errors[0].RuleId == SpsPluginErrorId.ConfigDuplicateOption.Id)
        {
            var line = current._document.Errors[0].Line!.Value;
            var editor = new ConfigEditor(current._document);
            if (current.SectionAt(line) != section || editor.OptionNameAt(line) != key)
            {
                break;
            }
            current = current.WithText(editor.CommentOutOptionAt(line));
        }
        return current;
    }

    /// <summary>
    /// Repairs what stops configparser at <paramref name="section"/> appearing twice: every later
    /// [section] block is removed, so removing the section leaves none. Other problems stay.
    /// </summary>
    private SpsPluginConfig WithoutDuplicateSections(string section)
    {
        var current = this;
        while (current._document.Errors.Count == 1 && current._document.Errors[0].RuleId == SpsPluginErrorId.ConfigDuplicateSection.Id)
        {
            var line = current._document.Errors[0].Line!.Value;
            var editor = new ConfigEditor(current._document);
            if (editor.SectionHeaderAt(line) != section || editor.RemoveDuplicateSectionAt(line) is not { } text)
            {
                break;
            }
            current = current.WithText(text);
        }
        return current;
    }

    /// <summary>The section of the last header before <paramref name="line"/>.</summary>
    private string? SectionAt(int line) => _document.Sections.LastOrDefault(s => s.Line < line)?.Name;

    /// <summary>
    /// An existing name <paramref name="name"/> is probably a typo of: the same but for case, '-' for
    /// '_', or one edit away (two for names of eight characters or more); null when none.
    /// </summary>
    private static string? LookAlike(string name, IEnumerable<string> existing)
    {
        static string Fold(string text) => text.ToLowerInvariant().Replace('-', '_');
        var candidates = existing.Distinct(StringComparer.Ordinal).Where(e => e != name).ToArray();
        var sameButSpelling = candidates.FirstOrDefault(e => Fold(e) == Fold(name));
        if (sameButSpelling != null)
        {
            return sameButSpelling;
        }
        var near = EditDistance.Closest(Fold(name), candidates.Select(Fold), name.Length >= 8 ? 2 : name.Length >= 4 ? 1 : 0);
        return near == null ? null : candidates.First(e => Fold(e) == near);
    }

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
