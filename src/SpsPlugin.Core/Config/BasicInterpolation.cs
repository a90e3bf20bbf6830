using System.Collections.Generic;
using System.Text;

namespace SpsPlugin.Config;

/// <summary>What interpolating one value gave: the value, or why configparser (or the budget) refuses it.</summary>
internal readonly struct InterpolationOutcome
{
    private InterpolationOutcome(string? value, string? error, string? errorId)
    {
        Value = value;
        Error = error;
        ErrorId = errorId;
    }

    public string? Value { get; }

    public string? Error { get; }

    /// <summary><see cref="SpsPluginConfigRules.Interpolation"/> or <see cref="SpsPluginConfigRules.InterpolationTooLarge"/>; null when it worked.</summary>
    public string? ErrorId { get; }

    public static InterpolationOutcome Interpolated(string value) => new(value, null, null);

    public static InterpolationOutcome Failed(string ruleId, string error) => new(null, error, ruleId);
}

/// <summary>What <c>%(name)s</c> sees from one section: its own options (lower-cased names to raw values) over DEFAULT's.</summary>
internal sealed class InterpolationScope
{
    private readonly IReadOnlyDictionary<string, string> _own;
    private readonly IReadOnlyDictionary<string, string> _defaults;

    public InterpolationScope(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> defaults)
    {
        _own = own;
        _defaults = defaults;
    }

    public bool TryGetValue(string name, out string value) => _own.TryGetValue(name, out value!) || _defaults.TryGetValue(name, out value!);
}

/// <summary>
/// configparser's BasicInterpolation, as <c>ConfigParser.get()</c> applies it when the SDK reads a
/// value: <c>%%</c> is a literal <c>%</c>, <c>%(name)s</c> is replaced by the option <c>name</c> of the
/// same section (or DEFAULT), any other <c>%</c> is an error; references nest at most 10 deep.
/// Unlike configparser it also stops, as soon as the count passes, at <see cref="MaxSubstitutions"/>
/// substitutions, <see cref="MaxLength"/> characters of result or <see cref="MaxReferenceCharacters"/>
/// characters of references read: ten options that each name the next ten times expand 10^10-fold
/// within the depth limit, which configparser (and so the SDK on SPS) computes for minutes and
/// gigabytes before it answers, if it ever does.
/// </summary>
internal static class BasicInterpolation
{
    /// <summary>configparser's MAX_INTERPOLATION_DEPTH.</summary>
    private const int MaxDepth = 10;

    /// <summary>
    /// Substitutions for one value. A real option refers to a handful of others (a URL built from a host
    /// and a port); a value needing 100,000 is an expansion, and costs configparser about a tenth of a second.
    /// </summary>
    public const int MaxSubstitutions = 100_000;

    /// <summary>
    /// Characters of one interpolated value: 1 MiB. Real values are at most a few KB (a PEM chain);
    /// a value this long is an expansion, not a setting, and the SDK would hold it in memory per read.
    /// </summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>
    /// Characters of <c>%(name)s</c> references parsed for one value: a long option name referred to
    /// over and over is parsed each time without adding to the result, so it is counted on its own.
    /// </summary>
    public const int MaxReferenceCharacters = 16 * 1024 * 1024;

    /// <summary>
    /// Interpolates <paramref name="value"/> of <paramref name="option"/> in <paramref name="lookup"/>.
    /// </summary>
    public static InterpolationOutcome Interpolate(string option, string value, InterpolationScope lookup)
    {
        var work = new Work(option, lookup);
        var failure = work.InterpolateSome(value, 1);
        return failure ?? InterpolationOutcome.Interpolated(work.Result.ToString());
    }

    /// <summary>One value's interpolation: configparser's <c>_interpolate_some</c> with the counts it lacks.</summary>
    private sealed class Work
    {
        private readonly string _option;
        private readonly InterpolationScope _lookup;
        private int _substitutions;
        private long _referenceCharacters;

        public Work(string option, InterpolationScope lookup)
        {
            _option = option;
            _lookup = lookup;
        }

        public StringBuilder Result { get; } = new();

        public InterpolationOutcome? InterpolateSome(string rest, int depth)
        {
            if (depth > MaxDepth)
            {
                return Syntax($"references nest more than {MaxDepth} deep (InterpolationDepthError): look for a %(name)s that refers back to '{_option}'");
            }
            var at = 0;
            while (at < rest.Length)
            {
                var percent = rest.IndexOf('%', at);
                var literalEnd = percent < 0 ? rest.Length : percent;
                if (!Append(rest, at, literalEnd - at))
                {
                    return TooLarge();
                }
                if (percent < 0)
                {
                    return null;
                }
                var next = percent + 1 < rest.Length ? rest[percent + 1] : '\0';
                if (next == '%')
                {
                    if (!Append("%", 0, 1))
                    {
                        return TooLarge();
                    }
                    at = percent + 2;
                }
                else if (next == '(')
                {
                    // KEYCRE, %\(([^)]+)\)s, matched by hand: it runs up to 100,000 times per value.
                    var close = rest.IndexOf(')', percent + 2);
                    if (close <= percent + 2 || close + 1 >= rest.Length || rest[close + 1] != 's')
                    {
                        return Syntax($"bad interpolation variable reference '{Shorten(rest.Substring(percent))}' (InterpolationSyntaxError): write %(name)s, or %% for a literal %");
                    }
                    at = close + 2;
                    _referenceCharacters += at - percent;
                    if (++_substitutions > MaxSubstitutions || _referenceCharacters > MaxReferenceCharacters)
                    {
                        return TooLarge();
                    }
                    var rawName = rest.Substring(percent + 2, close - percent - 2);
                    var name = PyText.Lower(rawName);
                    if (!_lookup.TryGetValue(name, out var referenced))
                    {
                        return Syntax($"'%({Shorten(rawName)})s' refers to an option '{Shorten(name)}' that is not in this section or [DEFAULT] (InterpolationMissingOptionError): add it, or write %% for a literal %");
                    }
                    var nested = referenced.IndexOf('%') >= 0
                        ? InterpolateSome(referenced, depth + 1)
                        : Append(referenced, 0, referenced.Length) ? null : TooLarge();
                    if (nested != null)
                    {
                        return nested;
                    }
                }
                else
                {
                    return Syntax($"'%' must be followed by '%' or '(' (InterpolationSyntaxError), found '{Shorten(rest.Substring(percent))}': write %% for a literal %");
                }
            }
            return null;
        }

        /// <summary>Appends unless the result would pass <see cref="MaxLength"/>; false when it would.</summary>
        private bool Append(string text, int start, int count)
        {
            if (Result.Length + (long)count > MaxLength)
            {
                return false;
            }
            Result.Append(text, start, count);
            return true;
        }

        private static InterpolationOutcome Syntax(string error) => InterpolationOutcome.Failed(SpsPluginConfigRules.Interpolation, error);

        private InterpolationOutcome TooLarge() => InterpolationOutcome.Failed(SpsPluginConfigRules.InterpolationTooLarge,
            $"interpolating '{_option}' passes SpsPlugin's bounds ({MaxSubstitutions:N0} substitutions, {MaxLength:N0} characters of result, {MaxReferenceCharacters:N0} characters of references read): references that repeat other references multiply, and " +
            "configparser, and so the SDK on SPS, would spend minutes and gigabytes on this value, if it finished at all");

        // An error quotes the rest of the value; a long one is cut so that the message stays readable.
        private static string Shorten(string text) => text.Length > 80 ? text.Substring(0, 77) + "..." : text;
    }
}
