using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// One line of a Pipfile as the TOML subset <see cref="Pipfile"/> reads: blank or comment, a table
/// header, or <c>key = value</c> where a value is a string (basic or literal), true/false, an integer,
/// a one-line array or a one-line inline table of those. Anything else is refused, naming the file and line.
/// </summary>
internal sealed class TomlLine
{
    private readonly string _text;
    private readonly int _number;
    private readonly string _path;
    private int _at;

    public TomlLine(string text, int number, string path)
    {
        _text = text;
        _number = number;
        _path = path;
    }

    /// <summary>True for an empty line or a comment.</summary>
    public bool IsBlank
    {
        get
        {
            var trimmed = _text.Trim();
            return trimmed.Length == 0 || trimmed[0] == '#';
        }
    }

    /// <summary>The table of a <c>[name]</c> or <c>[[name]]</c> header; null for another line.</summary>
    public string? Header()
    {
        _at = 0;
        SkipSpace();
        if (!Peek('['))
        {
            return null;
        }
        var array = _text.Length > _at + 1 && _text[_at + 1] == '[';
        _at += array ? 2 : 1;
        SkipSpace();
        var name = Key();
        SkipSpace();
        Expect(array ? "]]" : "]");
        End();
        return name;
    }

    /// <summary>The key and value of a <c>key = value</c> line.</summary>
    public (string Key, object? Value) KeyValue()
    {
        _at = 0;
        SkipSpace();
        var key = Key();
        SkipSpace();
        Expect("=");
        SkipSpace();
        var value = Value();
        End();
        return (key, value);
    }

    /// <summary>The PipfileInvalid failure for this line.</summary>
    public SpsPluginException Invalid(string reason)
    {
        var message = $"{_path}:{_number}: {reason}.";
        return new SpsPluginException(SpsPluginErrorId.PipfileInvalid, message, _path,
            new[] { new SpsPluginDiagnostic(SpsPluginErrorId.PipfileInvalid.Id, Severity.Error, message, _path, null, _number) });
    }

    private string Key()
    {
        if (Peek('"') || Peek('\''))
        {
            return StringValue();
        }
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '-' || _text[_at] == '_' || _text[_at] == '.'))
        {
            _at++;
        }
        return _at > start ? _text.Substring(start, _at - start) : throw Invalid($"expected a name at column {_at + 1}, found {Found()}");
    }

    private object? Value()
    {
        if (Peek('"') || Peek('\''))
        {
            return StringValue();
        }
        if (Peek('{'))
        {
            return InlineTable();
        }
        if (Peek('['))
        {
            return Array();
        }
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '-' || _text[_at] == '+' || _text[_at] == '_' || _text[_at] == '.'))
        {
            _at++;
        }
        var word = _text.Substring(start, _at - start);
        return word switch
        {
            "true" => true,
            "false" => false,
            _ when long.TryParse(word.Replace("_", string.Empty), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw Invalid(word.Length == 0
                ? $"expected a value at column {start + 1}, found {Found()} (a value that goes on over several lines is not read)"
                : $"'{word}' is no value SpsPlugin reads here (strings, true/false, whole numbers, one-line arrays and inline tables)"),
        };
    }

    private IReadOnlyDictionary<string, object?> InlineTable()
    {
        var table = new Dictionary<string, object?>(StringComparer.Ordinal);
        _at++;
        SkipSpace();
        while (!Peek('}'))
        {
            var key = Key();
            SkipSpace();
            Expect("=");
            SkipSpace();
            table[key] = Value();
            SkipSpace();
            if (!Peek('}'))
            {
                Expect(",");
                SkipSpace();
            }
        }
        _at++;
        return table;
    }

    private IReadOnlyList<object?> Array()
    {
        var items = new List<object?>();
        _at++;
        SkipSpace();
        while (!Peek(']'))
        {
            items.Add(Value());
            SkipSpace();
            if (!Peek(']'))
            {
                Expect(",");
                SkipSpace();
            }
        }
        _at++;
        return items;
    }

    private string StringValue()
    {
        var quote = _text[_at++];
        var text = new StringBuilder();
        while (_at < _text.Length && _text[_at] != quote)
        {
            var c = _text[_at++];
            if (c != '\\' || quote == '\'')
            {
                text.Append(c);
                continue;
            }
            var escape = _at < _text.Length ? _text[_at++] : ' ';
            text.Append(escape switch
            {
                '"' => "\"",
                '\\' => "\\",
                'n' => "\n",
                't' => "\t",
                'u' when _at + 4 <= _text.Length && int.TryParse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                    => Unicode(code),
                _ => throw Invalid($"the escape \\{escape} at column {_at} is not read"),
            });
        }
        if (_at >= _text.Length)
        {
            throw Invalid("a string is not closed on its line (multi-line strings are not read)");
        }
        _at++;
        return text.ToString();
    }

    private string Unicode(int code)
    {
        _at += 4;
        return char.ConvertFromUtf32(code);
    }

    private void Expect(string token)
    {
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0)
        {
            throw Invalid($"expected '{token}' at column {_at + 1}, found {Found()}");
        }
        _at += token.Length;
    }

    /// <summary>Only space or a comment may follow.</summary>
    private void End()
    {
        SkipSpace();
        if (_at < _text.Length && _text[_at] != '#')
        {
            throw Invalid($"unexpected {Found()} at column {_at + 1}");
        }
    }

    private string Found() => _at < _text.Length ? $"'{_text.Substring(_at, Math.Min(12, _text.Length - _at))}'" : "the end of the line";

    private bool Peek(char c)
    {
        if (_at >= _text.Length)
        {
            throw Invalid($"the line ends at column {_at + 1} where more was expected (a value that goes on over several lines is not read)");
        }
        return _text[_at] == c;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t'))
        {
            _at++;
        }
    }
}
