using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A plugin's MANIFEST: the exact text, every <c>key: value</c> with its raw text, its value as
/// PyYAML types it and its line, the comments, and any reason PyYAML or SpsPlugin cannot read it.
/// Instances are immutable; <see cref="SetValue"/> and <see cref="RemoveKey"/> return an edited copy
/// in which only the lines of that key changed.
/// </summary>
public sealed class SpsPluginManifest
{
    /// <summary>The keys SPS and the SDK know, in the order <c>New-SpsPlugin</c> writes them.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = new[]
    {
        "name", "description", "version", "type", "api", "entry_point",
        "scb_min_version", "scb_max_version", "author_name", "author_email",
    };

    private readonly SourceText _source;
    private readonly ManifestYamlDocument _document;

    private SpsPluginManifest(SourceText source, string? path, string? entry)
    {
        _source = source;
        Path = path;
        Entry = entry;
        _document = ManifestYamlReader.Read(source.Text);
        Diagnostics = BuildDiagnostics();
    }

    /// <summary>The file, folder or zip this MANIFEST was read from; null when parsed from text.</summary>
    public string? Path { get; }

    /// <summary>The entry name inside a folder or zip (<c>MANIFEST</c>); null when <see cref="Path"/> is the MANIFEST file.</summary>
    public string? Entry { get; }

    /// <summary>The whole text, exactly as read (without a BOM).</summary>
    public string Text => _source.Text;

    /// <summary>True when the file started with a UTF-8 byte order mark (kept when written back).</summary>
    public bool HasByteOrderMark => _source.HasBom;

    /// <summary>Every entry in file order. A duplicated key appears twice (and is an error).</summary>
    public IReadOnlyList<SpsPluginManifestEntry> Entries => _document.Entries;

    /// <summary>Full-line comments, keyed by line number, without the <c>#</c>.</summary>
    public IReadOnlyList<KeyValuePair<int, string>> Comments => _document.Comments;

    /// <summary>Why the text cannot be read as PyYAML reads it; empty when it can.</summary>
    public IReadOnlyList<SpsPluginDiagnostic> Diagnostics { get; }

    /// <summary>True when PyYAML would load the text as a mapping and SpsPlugin read all of it.</summary>
    public bool IsReadable => Diagnostics.Count == 0;

    /// <summary><c>name</c> as the SDK sees it (<c>str()</c> of the value); null when absent or null.</summary>
    public string? Name => TextOf("name");

    /// <summary><c>description</c>.</summary>
    public string? Description => TextOf("description");

    /// <summary><c>version</c> as the SDK sees it: <c>version: 1.10</c> gives <c>1.1</c>.</summary>
    public string? Version => TextOf("version");

    /// <summary><c>type</c>: aa, credentialstore, signingca or configuration_sync.</summary>
    public string? Type => TextOf("type");

    /// <summary><c>api</c> as the SDK sees it: <c>api: 1.10</c> gives <c>1.1</c>.</summary>
    public string? Api => TextOf("api");

    /// <summary><c>entry_point</c>; null means a legacy Python 2 plugin.</summary>
    public string? EntryPoint => TextOf("entry_point");

    /// <summary><c>scb_min_version</c>.</summary>
    public string? ScbMinVersion => TextOf("scb_min_version");

    /// <summary><c>scb_max_version</c> (a trailing <c>~</c> excludes the bound).</summary>
    public string? ScbMaxVersion => TextOf("scb_max_version");

    /// <summary><c>author_name</c>.</summary>
    public string? AuthorName => TextOf("author_name");

    /// <summary><c>author_email</c>.</summary>
    public string? AuthorEmail => TextOf("author_email");

    /// <summary>Keys that neither SPS nor the SDK reads (e.g. <c>author</c>), in file order.</summary>
    public IReadOnlyList<string> UnknownKeys =>
        Entries.Select(e => e.Key).Where(k => !KnownKeys.Contains(k)).Distinct().ToArray();

    /// <summary>The entry for <paramref name="key"/> (the last one, as PyYAML keeps it); null when absent.</summary>
    public SpsPluginManifestEntry? this[string key] => Entries.LastOrDefault(e => e.Key == key);

    /// <summary>Parses MANIFEST text. Never throws for bad YAML: see <see cref="Diagnostics"/>.</summary>
    public static SpsPluginManifest Parse(string text) => new(SourceText.FromString(text), null, null);

    /// <summary>Parses MANIFEST bytes (strict UTF-8, optional BOM) read from <paramref name="path"/>.</summary>
    /// <exception cref="SpsPluginException">The bytes are not UTF-8 (ManifestEncoding).</exception>
    public static SpsPluginManifest FromBytes(byte[] bytes, string? path, string? entry)
    {
        SourceText source;
        try
        {
            source = SourceText.Decode(bytes);
        }
        catch (DecoderFallbackException error)
        {
            throw new SpsPluginException(
                SpsPluginErrorId.ManifestEncoding,
                $"MANIFEST in '{path}' is not UTF-8 text ({error.Message}). Save it as UTF-8.",
                path, innerException: error);
        }
        return new SpsPluginManifest(source, path, entry);
    }

    /// <summary>Reads a MANIFEST file.</summary>
    /// <exception cref="SpsPluginException">The file is missing, unreadable or not UTF-8.</exception>
    public static SpsPluginManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"Cannot find the MANIFEST file '{path}'.", path);
        }
        SpecialFiles.RequireNotSpecial(path, path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"Cannot read '{path}': {error.Message}", path, innerException: error);
        }
        return FromBytes(bytes, path, null);
    }

    /// <summary>The typed value of <paramref name="key"/>; null when the key is absent.</summary>
    public PyYamlValue? GetValue(string key) => this[key]?.Value;

    /// <summary>
    /// Returns a copy with <paramref name="key"/> set to the string <paramref name="value"/>, written so
    /// that PyYAML reads it back as that same string (quoted when a plain scalar would be typed
    /// otherwise, e.g. <c>'1.10'</c>). An existing key keeps its line, key spelling and comment; a new
    /// key is added after the last line.
    /// </summary>
    public SpsPluginManifest SetValue(string key, string value)
    {
        RequireReadable();
        if (string.IsNullOrEmpty(key) || ManifestYamlWriter.FormatKey(key) != key)
        {
            throw new ArgumentException($"'{key}' is not a plain MANIFEST key: use letters, digits and '_'.", nameof(key));
        }
        var formatted = ManifestYamlWriter.FormatString(value);
        var lines = _document.Lines.ToList();
        var entry = this[key];
        if (entry == null)
        {
            var lineBreak = lines.Select(l => l.LineBreak).FirstOrDefault(b => b.Length > 0) ?? "\n";
            var indent = new string(' ', Entries.Count > 0 ? Entries[0].KeyPrefixLength - Entries[0].Key.Length - 1 : 0);
            var last = lines[lines.Count - 1];
            if (last.Text.Length == 0 && last.LineBreak.Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }
            else if (last.LineBreak.Length == 0)
            {
                lines[lines.Count - 1] = new SourceLine(last.Number, last.Text, lineBreak);
            }
            lines.Add(new SourceLine(lines.Count + 1, indent + key + ": " + formatted, lineBreak));
        }
        else
        {
            var keyLine = lines[entry.Line - 1];
            var comment = entry.Comment == null ? string.Empty : " #" + entry.Comment;
            var prefix = entry.ExplicitKey
                ? keyLine.Text.Substring(0, keyLine.Text.IndexOf('?')) + key + ":"
                : keyLine.Text.Substring(0, entry.KeyPrefixLength);
            var newText = prefix + " " + formatted + comment;
            var endBreak = lines[entry.EndLine - 1].LineBreak;
            lines.RemoveRange(entry.Line - 1, entry.EndLine - entry.Line + 1);
            lines.Insert(entry.Line - 1, new SourceLine(entry.Line, newText, endBreak));
        }
        return WithText(SourceText.Join(lines));
    }

    /// <summary>Returns a copy without <paramref name="key"/> (every occurrence); unchanged when absent.</summary>
    public SpsPluginManifest RemoveKey(string key)
    {
        RequireReadable();
        var doomed = new HashSet<int>();
        foreach (var entry in Entries.Where(e => e.Key == key))
        {
            for (var line = entry.Line; line <= entry.EndLine; line++)
            {
                doomed.Add(line);
            }
        }
        return doomed.Count == 0 ? this : WithText(SourceText.Join(_document.Lines.Where(l => !doomed.Contains(l.Number))));
    }

    /// <summary>The bytes to write: the text in UTF-8, with the BOM it was read with.</summary>
    public byte[] ToBytes() => _source.Encode();

    /// <summary>Writes the MANIFEST to <paramref name="path"/> atomically.</summary>
    /// <exception cref="SpsPluginException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void Save(string path, bool overwrite) => AtomicFile.WriteAllBytes(path, ToBytes(), overwrite);

    /// <inheritdoc />
    public override string ToString() => $"{Name ?? "(no name)"} {Version ?? "(no version)"}";

    private SpsPluginManifest WithText(string text) => new(_source.WithText(text), Path, Entry);

    private void RequireReadable()
    {
        if (!IsReadable)
        {
            throw new InvalidOperationException("This MANIFEST cannot be edited until its errors are fixed: " + Diagnostics[0].Message);
        }
    }

    private string? TextOf(string key)
    {
        var value = GetValue(key);
        return value == null || value.Type == PyYamlType.Null ? null : value.PythonText;
    }

    private IReadOnlyList<SpsPluginDiagnostic> BuildDiagnostics()
    {
        var where = Path;
        var entryName = Entry ?? (Path == null ? "MANIFEST" : null);
        var errors = _document.Errors.Select(e => e.At(where, entryName)).ToList();
        switch (_document.Kind)
        {
            case ManifestDocumentKind.Empty:
                errors.Add(new SpsPluginDiagnostic(
                    SpsPluginErrorId.ManifestEmpty.Id, Severity.Error,
                    "MANIFEST is empty or holds only comments; PyYAML loads it as None and SPS rejects the plugin.",
                    where, entryName, suggestedFix: "write the keys name, description, version, type, api and entry_point, one 'key: value' per line"));
                break;
            case ManifestDocumentKind.Scalar:
            case ManifestDocumentKind.Sequence:
                var what = _document.Kind == ManifestDocumentKind.Scalar ? "a single string" : "a list";
                errors.Add(new SpsPluginDiagnostic(
                    SpsPluginErrorId.ManifestNotMapping.Id, Severity.Error,
                    $"MANIFEST is YAML, but PyYAML reads it as {what}, not as 'key: value' pairs.",
                    where, entryName, line: 1, column: 1,
                    suggestedFix: "write one 'key: value' per line, with a colon and a space after each key (for example 'name: my_plugin')"));
                break;
        }
        return errors;
    }
}
