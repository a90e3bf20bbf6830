using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace SpsPlugin.Config;

/// <summary>
/// configparser's BasicInterpolation, as <c>ConfigParser.get()</c> applies it when the SDK reads a
/// value: <c>%%</c> is a literal <c>%</c>, <c>%(name)s</c> is replaced by the option <c>name</c> of the
/// same section (or DEFAULT), any other <c>%</c> is an error; references nest at most 10 deep.
/// </summary>
internal static class BasicInterpolation
{
    private const int MaxDepth = 10;

    private static readonly Regex KeyPattern = new(@"\G%\(([^)]+)\)s", RegexOptions.CultureInvariant);

    /// <summary>
    /// Interpolates <paramref name="value"/> of <paramref name="option"/>; <paramref name="lookup"/>
    /// maps lower-cased option names to raw values (the section's over DEFAULT's). Returns null and an
    /// error message when configparser would raise.
    /// </summary>
    public static string? Interpolate(string option, string value, IReadOnlyDictionary<string, string> lookup, out string? error)
    {
        var result = new StringBuilder();
        error = InterpolateSome(option, value, lookup, result, 1);
        return error == null ? result.ToString() : null;
    }

    private static string? InterpolateSome(string option, string rest, IReadOnlyDictionary<string, string> lookup, StringBuilder accum, int depth)
    {
        if (depth > MaxDepth)
        {
            return $"references nest more than {MaxDepth} deep (InterpolationDepthError): look for a %(name)s that refers back to '{option}'";
        }
        var at = 0;
        while (at < rest.Length)
        {
            var percent = rest.IndexOf('%', at);
            if (percent < 0)
            {
                accum.Append(rest, at, rest.Length - at);
                return null;
            }
            accum.Append(rest, at, percent - at);
            var next = percent + 1 < rest.Length ? rest[percent + 1] : '\0';
            if (next == '%')
            {
                accum.Append('%');
                at = percent + 2;
            }
            else if (next == '(')
            {
                var match = KeyPattern.Match(rest, percent);
                if (!match.Success)
                {
                    return $"bad interpolation variable reference '{rest.Substring(percent)}' (InterpolationSyntaxError): write %(name)s, or %% for a literal %";
                }
                var name = PyText.Lower(match.Groups[1].Value);
                at = match.Index + match.Length;
                if (!lookup.TryGetValue(name, out var referenced))
                {
                    return $"'%({match.Groups[1].Value})s' refers to an option '{name}' that is not in this section or [DEFAULT] (InterpolationMissingOptionError): add it, or write %% for a literal %";
                }
                if (referenced.IndexOf('%') >= 0)
                {
                    var nested = InterpolateSome(option, referenced, lookup, accum, depth + 1);
                    if (nested != null)
                    {
                        return nested;
                    }
                }
                else
                {
                    accum.Append(referenced);
                }
            }
            else
            {
                return $"'%' must be followed by '%' or '(' (InterpolationSyntaxError), found '{rest.Substring(percent)}': write %% for a literal %";
            }
        }
        return null;
    }
}
