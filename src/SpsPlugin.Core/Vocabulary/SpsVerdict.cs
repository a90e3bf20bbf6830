using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The verdicts an AA hook returns in its result's <c>verdict</c> key (reference §3.3, §3.4, §6.5).</summary>
public static class SpsVerdict
{
    /// <summary>The key of a hook's result that holds the verdict (reference §3.3).</summary>
    public const string ResultKey = "verdict";

    /// <summary>The connection goes on (reference §3.3).</summary>
    public const string Accept = "ACCEPT";

    /// <summary>The connection is refused; <c>reason</c> is shown to the user (reference §3.3).</summary>
    public const string Deny = "DENY";

    /// <summary>Ask the user the result's <c>question</c> and call the hook again with the answer (reference §3.3, §3.4).</summary>
    public const string NeedInfo = "NEEDINFO";

    /// <summary>The plugin performed no gateway authentication, as a result of None does (reference §3.3).</summary>
    public const string None = "NONE";

    /// <summary>
    /// Not SPS's: the verdict of a simulation (<c>SpsPluginSimulationResult.Verdict</c>) in which a
    /// hook failed, so SPS's own verdict cannot be known. Not in <see cref="Known"/>.
    /// </summary>
    public const string SimulationError = "ERROR";

    /// <summary>Every verdict SPS reads from a hook's result.</summary>
    public static IReadOnlyList<string> Known { get; } = new[] { Accept, Deny, NeedInfo, None };

    /// <summary>How many edits from a known verdict a misspelt one may be for a "did you mean" (ACCEPTED, REJECT…).</summary>
    public const int SuggestionLimit = 3;

    /// <summary>True when <paramref name="text"/> is a verdict SPS knows, spelt as SPS compares it (upper case).</summary>
    public static bool IsKnown(string? text) => Known.Contains(text);
}
