using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpsPlugin.IO;

/// <summary>
/// One table of a data file (a scenario, a settings file) as plain values: strings, numbers,
/// booleans, null, tables (<see cref="IDictionary"/>) and lists (<see cref="IEnumerable"/>), which is
/// what PowerShell's Import-PowerShellDataFile gives once the cmdlet has unwrapped it. Keys are read in
/// any case, as PowerShell's hashtables do. A value of the wrong kind is a failure that names the
/// file, the key and the value, so the caller can report it and go on with the next file.
/// </summary>
internal sealed class DataFileTable
{
    private readonly SpsPluginErrorId _errorId;
    private readonly string _subject;
    private readonly string? _path;
    private readonly string _prefix;
    private readonly Dictionary<string, object?> _values;

    /// <param name="table">The table's plain values.</param>
    /// <param name="keys">The keys the table takes; any other is refused, listing these.</param>
    /// <param name="errorId">The id of every failure.</param>
    /// <param name="subject">What failures start with, e.g. "The scenario '/t/a.scenario.psd1'".</param>
    /// <param name="path">The file, for the failure's path; null for a table given directly.</param>
    /// <param name="prefix">What key names start with in messages: empty, or the outer key and a dot ("Expect.").</param>
    public DataFileTable(IDictionary table, IReadOnlyList<string> keys, SpsPluginErrorId errorId, string subject, string? path, string prefix = "")
    {
        _errorId = errorId;
        _subject = subject;
        _path = path;
        _prefix = prefix;
        _values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table)
        {
            _values[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
        }
        var unknown = _values.Keys.Where(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            var owner = prefix.Length == 0 ? "the keys are" : prefix.TrimEnd('.') + " takes";
            throw Invalid($"has the unknown key(s) {string.Join(", ", unknown.Select(k => prefix + k))}; {owner} {string.Join(", ", keys)}");
        }
    }

    /// <summary>The table under <paramref name="key"/> (empty when absent), read with the same subject.</summary>
    public DataFileTable Nested(string key, IReadOnlyList<string> keys) =>
        new(Table(key) ?? new Hashtable(), keys, _errorId, _subject, _path, _prefix + key + ".");

    /// <summary>A text value (a number is taken as its digits); null when absent.</summary>
    public string? Text(string key) => Value(key) is object value ? TextOf(key, value, "text") : null;

    /// <summary>Texts: a list of texts, or one text as a list of one; null when absent.</summary>
    public IReadOnlyList<string>? Texts(string key) =>
        Value(key) switch
        {
            null => null,
            IEnumerable items and not string and not IDictionary => items.Cast<object?>().Select(item => TextOf(key, item, TextOrTexts)).ToArray(),
            var one => new[] { TextOf(key, one, TextOrTexts) },
        };

    /// <summary>One of <paramref name="choices"/> (any case), spelt as the choice is; null when absent.</summary>
    public string? Choice(string key, IReadOnlyList<string> choices)
    {
        var text = Text(key);
        return text == null ? null : choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase)) ?? throw WrongKind(key, Value(key), "one of " + string.Join(", ", choices));
    }

    /// <summary>A switch: $true or $false (a text such as 'false' is refused, since PowerShell would read it as true); null when absent.</summary>
    public bool? Flag(string key) =>
        Value(key) switch
        {
            null => null,
            bool flag => flag,
            var other => throw WrongKind(key, other, "$true or $false"),
        };

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/> (also written as text, '2222'); null when absent.</summary>
    public int? Whole(string key, int minimum, int maximum)
    {
        var value = Value(key);
        if (value == null)
        {
            return null;
        }
        var number = Number(value, NumberStyles.Integer);
        // NaN (not a number) fails every comparison, so it lands here too.
        if (!(number >= minimum && number <= maximum && number == Math.Floor(number)))
        {
            throw WrongKind(key, value, $"a whole number from {minimum} to {maximum}");
        }
        return (int)number;
    }

    /// <summary>A number of milliseconds above 0 (also written as text); null when absent.</summary>
    public TimeSpan? Milliseconds(string key)
    {
        var value = Value(key);
        if (value == null)
        {
            return null;
        }
        var number = Number(value, NumberStyles.Float);
        if (!(number > 0 && number <= TimeSpan.MaxValue.TotalMilliseconds))
        {
            throw WrongKind(key, value, "a number of milliseconds above 0");
        }
        return TimeSpan.FromMilliseconds(number);
    }

    /// <summary>A table (@{ … }); null when absent.</summary>
    public IDictionary? Table(string key) =>
        Value(key) switch
        {
            null => null,
            IDictionary table => table,
            var other => throw WrongKind(key, other, "a table @{ … }"),
        };

    /// <summary>A table whose values are texts or lists of texts, e.g. answers: one pair per text, in order.</summary>
    public List<KeyValuePair<string, string>> TextsByKey(string key)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Table(key) ?? new Hashtable())
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            var items = entry.Value is IEnumerable list and not string and not IDictionary ? list.Cast<object?>() : new[] { entry.Value };
            result.AddRange(items.Select(item => new KeyValuePair<string, string>(name, TextOf($"{key}.{name}", item, TextOrTexts))));
        }
        return result;
    }

    /// <summary>The failure for this file.</summary>
    public SpsPluginException Invalid(string problem) => new(_errorId, $"{_subject} {problem}.", _path);

    /// <summary>The failure for <paramref name="value"/> under <paramref name="key"/>, which takes <paramref name="expected"/>.</summary>
    public SpsPluginException WrongKind(string key, object? value, string expected) =>
        Invalid($"has {_prefix}{key} = {Show(value)}; {_prefix}{key} takes {expected}");

    /// <summary>The failure for a value that a check further on refused (a login name, a configuration path).</summary>
    public SpsPluginException Refused(string key, SpsPluginException failure) => Refused(key, Value(key), failure);

    /// <summary>As <see cref="Refused(string, SpsPluginException)"/>, for a value inside a table (Environment.NAME).</summary>
    public SpsPluginException Refused(string key, object? value, SpsPluginException failure) =>
        new(_errorId, $"{_subject} has {_prefix}{key} = {Show(value)}: {failure.Message}", _path, innerException: failure);

    private const string TextOrTexts = "text or a list of texts";

    private object? Value(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Text, a number as its digits (a data file says SessionId = 42 as readily as '42'), an enum value as its name.</summary>
    private string TextOf(string key, object? value, string expected) =>
        value switch
        {
            string text => text,
            Enum name => name.ToString(),
            IFormattable number when IsNumber(number) => number.ToString(null, CultureInfo.InvariantCulture),
            _ => throw WrongKind(key, value, expected),
        };

    /// <summary>The value as a number: a number, or text in the invariant culture; NaN for anything else.</summary>
    private static double Number(object value, NumberStyles styles) =>
        value switch
        {
            string text => double.TryParse(text, styles, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN,
            _ when IsNumber(value) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => double.NaN,
        };

    private static bool IsNumber(object? value) =>
        value is int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal;

    /// <summary>The value as the file would spell it, so the message points at what to change.</summary>
    private static string Show(object? value) => value switch
    {
        null => "$null",
        string text => "'" + text.Replace("'", "''") + "'",
        bool flag => flag ? "$true" : "$false",
        IDictionary => "a table @{ … }",
        IEnumerable => "a list @( … )",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
