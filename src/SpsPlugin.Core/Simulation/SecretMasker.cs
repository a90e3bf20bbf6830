using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// Replaces secrets with ******** in text that leaves SpsPlugin. A plugin rarely shows a secret as
/// typed: it logs repr(value) or json.dumps(value), which escape quotes, backslashes and control
/// characters, so those spellings are masked too. Longer secrets go first, so a secret that
/// contains another is masked whole.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = SecretMask.Text;

    private readonly string[] _spellings;

    public SecretMasker(IEnumerable<string> secrets)
    {
        _spellings = secrets.Where(s => s.Length > 0)
            .SelectMany(s => new[] { s, JsonEscaped(s), PythonFormat.StringReprBody(s, '\''), PythonFormat.StringReprBody(s, '"') })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>True when there is nothing to mask.</summary>
    public bool IsEmpty => _spellings.Length == 0;

    /// <summary>The text with every spelling of every secret replaced.</summary>
    public string? Apply(string? text)
    {
        if (text == null || IsEmpty)
        {
            return text;
        }
        foreach (var spelling in _spellings)
        {
            text = text.Replace(spelling, Mask);
        }
        return text;
    }

    /// <summary>
    /// <paramref name="text"/> made of SpsPlugin's words and the plugin's <paramref name="pluginText"/> (in
    /// order): only the plugin's parts are masked, so a secret equal to an ordinary word ("bytes") leaves
    /// SpsPlugin's sentence intact. A part that cannot be found masks the whole text: a secret never leaks.
    /// </summary>
    public string? ApplyToParts(string? text, IReadOnlyList<string> pluginText)
    {
        if (text == null || IsEmpty)
        {
            return text;
        }
        var masked = new StringBuilder();
        var from = 0;
        foreach (var part in pluginText.Where(p => p.Length > 0))
        {
            var at = text.IndexOf(part, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return Apply(text);
            }
            masked.Append(text, from, at - from).Append(Apply(part));
            from = at + part.Length;
        }
        return masked.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>A JSON value (dicts, lists, strings) with every string, keys included, masked.</summary>
    public object? ApplyToValue(object? value) => value switch
    {
        string text => Apply(text),
        Dictionary<string, object?> map => map.ToDictionary(p => Apply(p.Key)!, p => ApplyToValue(p.Value), StringComparer.Ordinal),
        List<object?> items => items.Select(ApplyToValue).ToList(),
        _ => value,
    };

    private static string JsonEscaped(string secret)
    {
        var quoted = IO.MiniJson.Quote(secret);
        return quoted.Substring(1, quoted.Length - 2);
    }
}
