namespace SpsPlugin;

/// <summary>How a MANIFEST value is written in the file.</summary>
public enum ManifestValueStyle
{
    /// <summary>Nothing after the colon (the value is null).</summary>
    Empty,

    /// <summary>An unquoted scalar, typed by PyYAML's resolvers.</summary>
    Plain,

    /// <summary>A <c>'single-quoted'</c> scalar, always a string.</summary>
    SingleQuoted,

    /// <summary>A <c>"double-quoted"</c> scalar with escapes, always a string.</summary>
    DoubleQuoted,

    /// <summary>A flow sequence such as <c>[a, b]</c>.</summary>
    FlowSequence,
}

/// <summary>One <c>key: value</c> of a MANIFEST: the text as written, the value as PyYAML types it, and where it is.</summary>
public sealed class SpsPluginManifestEntry
{
    internal SpsPluginManifestEntry(
        string key, PyYamlValue value, string rawValue, ManifestValueStyle style,
        int line, int column, int endLine, string? comment, int keyPrefixLength, bool explicitKey)
    {
        ExplicitKey = explicitKey;
        KeyPrefixLength = keyPrefixLength;
        Key = key;
        Value = value;
        RawValue = rawValue;
        Style = style;
        Line = line;
        Column = column;
        EndLine = endLine;
        Comment = comment;
    }

    /// <summary>The key, e.g. <c>api</c>.</summary>
    public string Key { get; }

    /// <summary>The value as PyYAML's <c>safe_load</c> types it.</summary>
    public PyYamlValue Value { get; }

    /// <summary>The value exactly as written, quotes included (continuation lines joined by a line break).</summary>
    public string RawValue { get; }

    /// <summary>How the value is written.</summary>
    public ManifestValueStyle Style { get; }

    /// <summary>1-based line of the key.</summary>
    public int Line { get; }

    /// <summary>1-based column where the value starts (after the colon and spaces).</summary>
    public int Column { get; }

    /// <summary>1-based last line of the value (greater than <see cref="Line"/> for continued values).</summary>
    public int EndLine { get; }

    /// <summary>A trailing <c># comment</c> on the entry's last line, without the <c>#</c>; null when none.</summary>
    public string? Comment { get; }

    /// <summary>Length of the key line up to and including the colon; an edit keeps that part as written.</summary>
    internal int KeyPrefixLength { get; }

    /// <summary>Written as <c>? key</c> with its value on a <c>: value</c> line; an edit writes it as <c>key: value</c>.</summary>
    internal bool ExplicitKey { get; }

    /// <summary>The Python type name (<c>str</c>, <c>float</c>, <c>bool</c>…).</summary>
    public string PythonType => Value.PythonTypeName;

    /// <summary>What the SDK sees after <c>str(value)</c>, e.g. <c>1.1</c> for <c>version: 1.10</c>.</summary>
    public string PythonText => Value.PythonText;

    /// <inheritdoc />
    public override string ToString() => Key + ": " + RawValue;
}
