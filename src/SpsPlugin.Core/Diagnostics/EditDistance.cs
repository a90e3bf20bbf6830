using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>Levenshtein distance, for the "did you mean" of findings (authorise for authorize, sessionid for session_id, a misspelt option name).</summary>
internal static class EditDistance
{
    /// <summary>The insertions, deletions and substitutions that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Between(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The candidate nearest to <paramref name="word"/> (the first of equals), when it is at most
    /// <paramref name="limit"/> edits away and not the word itself; else null.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates, int limit) =>
        candidates.Select(c => (Candidate: c, Distance: Between(word, c)))
            .Where(c => c.Distance > 0 && c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();

    /// <summary>
    /// For words compared in upper case (verdicts): the candidate <paramref name="word"/> spells in
    /// another case, else the nearest to its upper-case form within <paramref name="limit"/> edits; else null.
    /// </summary>
    public static string? ClosestInUpperCase(string word, IReadOnlyCollection<string> candidates, int limit)
    {
        var upper = word.ToUpperInvariant();
        return candidates.FirstOrDefault(c => c == upper) ?? Closest(upper, candidates, limit);
    }
}
