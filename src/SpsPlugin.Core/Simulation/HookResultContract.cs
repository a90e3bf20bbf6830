using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Checks a hook's result as SPS reads it (the table in <see cref="SpsResultKey"/>): a verdict SPS does
/// not know, a malformed question, a gateway user that is not a text, a credential list of the wrong
/// shape. SPS cannot act on such a result, so the hook counts as failed (<see cref="HookFailureKind.WrongResult"/>)
/// and a simulated connection stops there: it is never read as ACCEPT, and a store's credentials are not tried.
/// </summary>
internal static class HookResultContract
{
    /// <summary>
    /// The first problem of <paramref name="result"/>, in a sentence naming the key, the value and what SPS
    /// takes, with the parts of it that are the plugin's text (for masking); null when SPS can read it.
    /// </summary>
    public static (string Message, IReadOnlyList<string> PluginText)? Problem(string hook, IReadOnlyDictionary<string, object?> result)
    {
        foreach (var key in SpsResultKey.For(hook))
        {
            if (!result.TryGetValue(key.Name, out var value) || value == null)
            {
                continue;
            }
            var problem = key.Shape switch
            {
                SpsResultShape.Verdict => Fixed(VerdictProblem(value)),
                SpsResultShape.Question => Fixed(QuestionProblem(value)),
                SpsResultShape.Text => value is string ? null : Fixed($"is {Kind(value)}; it takes a text"),
                SpsResultShape.TextList => value is List<object?> items && items.All(i => i is string) ? null : Fixed($"is {Kind(value)}; it takes a list of texts"),
                SpsResultShape.Dict => value is Dictionary<string, object?> ? null : Fixed($"is {Kind(value)}; it takes a dict"),
                _ => PrivateKeysProblem(value),
            };
            if (problem != null)
            {
                var shown = key.HoldsCredentials ? Kind(value) : Show(value);
                return ($"{hook} returned {key.Name} = {shown}, which SPS cannot use: {key.Name} {problem.Value.Text} (reference {key.Reference}).",
                    new[] { shown }.Concat(problem.Value.PluginText).ToArray());
            }
        }
        // A NEEDINFO without a question leaves SPS nothing to ask.
        if (result.TryGetValue(SpsVerdict.ResultKey, out var verdict) && verdict as string == SpsVerdict.NeedInfo && !(result.TryGetValue("question", out var question) && question != null))
        {
            return ($"{hook} returned {SpsVerdict.NeedInfo} without a question, so SPS has nothing to ask: return question = (key, prompt[, disable_echo]) (reference §3.4).", new string[0]);
        }
        return null;
    }

    private static string? VerdictProblem(object value)
    {
        if (value is string text && SpsVerdict.IsKnown(text))
        {
            return null;
        }
        var near = value is string word ? EditDistance.ClosestInUpperCase(word, SpsVerdict.Known, SpsVerdict.SuggestionLimit) : null;
        var known = string.Join(", ", SpsVerdict.Known.Take(SpsVerdict.Known.Count - 1)) + " or " + SpsVerdict.Known.Last();
        return $"must be {known}, spelt so: SPS does not let the connection through on another verdict{(near != null ? $"; did you mean {near}?" : string.Empty)}";
    }

    private static string? QuestionProblem(object value)
    {
        if (value is not List<object?> parts || parts.Count < SpsQuestionShape.MinimumParts || parts.Count > SpsQuestionShape.DisableEcho + 1)
        {
            return $"is {Kind(value)}; it takes a tuple (key, prompt) or (key, prompt, disable_echo)";
        }
        if (parts[SpsQuestionShape.Key] is not string key || key.Length == 0)
        {
            return "has no key text first; the answer comes back as key_value_pairs[key]";
        }
        if (parts[SpsQuestionShape.Prompt] is not string)
        {
            return "has no prompt text second";
        }
        return parts.Count > SpsQuestionShape.DisableEcho && parts[SpsQuestionShape.DisableEcho] is not bool ? "has a third part that is not True or False (disable_echo)" : null;
    }

    private static (string Text, string[] PluginText)? PrivateKeysProblem(object value)
    {
        if (value is not List<object?> items)
        {
            return Fixed($"is {Kind(value)}; it takes a list of (key_type, key) pairs");
        }
        foreach (var item in items)
        {
            if (item is not List<object?> pair || pair.Count != 2 || pair[0] is not string type || pair[1] is not string)
            {
                return Fixed($"holds {Kind(item)}; each entry is a (key_type, key) pair of texts");
            }
            if (!SpsResultKey.PrivateKeyTypes.Contains(type))
            {
                return ($"holds the key type '{type}'; SPS takes {string.Join(" or ", SpsResultKey.PrivateKeyTypes)}", new[] { type });
            }
        }
        return null;
    }

    // A problem in SpsPlugin's own words only: nothing of it is masked.
    private static (string Text, string[] PluginText)? Fixed(string? text) => text == null ? null : (text, new string[0]);

    // The value's kind as Python names it; a short text is shown itself (never a credential: see the caller).
    private static string Kind(object? value) => value switch
    {
        null => "None",
        string => "a str",
        bool => "a bool",
        long or System.Numerics.BigInteger => "an int",
        double => "a float",
        List<object?> => "a list",
        Dictionary<string, object?> => "a dict",
        _ => "a " + value.GetType().Name,
    };

    private static string Show(object value) => value is string text && text.Length <= 40 ? "'" + text + "'" : Kind(value);
}
