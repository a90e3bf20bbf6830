using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Scaffolding;

/// <summary>
/// Fills <c>{{placeholder}}</c> tokens in template paths and text. <c>{{name:yaml}}</c> writes the value
/// as a YAML scalar that PyYAML reads back as the same string (for MANIFEST). A token naming no known
/// value is an error, so a typo in a template never reaches a generated file.
/// </summary>
internal sealed class TemplateText
{
    private static readonly Regex Token = new(@"\{\{\s*([A-Za-z_]+)(?::([a-z]+))?\s*\}\}", RegexOptions.CultureInvariant);
    private readonly IReadOnlyDictionary<string, string> _values;

    public TemplateText(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>Fills the tokens of <paramref name="text"/>; <paramref name="where"/> names the template file in errors.</summary>
    public string Fill(string text, string where) => Token.Replace(text, match =>
    {
        var key = match.Groups[1].Value;
        if (!_values.TryGetValue(key, out var value))
        {
            throw Invalid(where, text, match.Index, $"uses the unknown placeholder {match.Value}; the placeholders are {string.Join(", ", _values.Keys.Select(k => "{{" + k + "}}"))}");
        }
        return match.Groups[2].Value switch
        {
            "" => value,
            "yaml" => ManifestYamlWriter.FormatString(value),
            var filter => throw Invalid(where, text, match.Index, $"uses the unknown filter ':{filter}' in {match.Value}; the only filter is ':yaml'"),
        };
    });

    private static SpsPluginException Invalid(string where, string text, int index, string why)
    {
        var line = text.Take(index).Count(c => c == '\n') + 1;
        return new SpsPluginException(SpsPluginErrorId.TemplateInvalid, $"Template file {where}, line {line}: {why}.", where);
    }
}
