using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpsPlugin.Packing;

/// <summary>
/// Patterns in gitignore syntax, as <c>.spsignore</c>, <c>-Exclude</c> and the default exclude list
/// use them: '#' comments, '!' negation, a trailing '/' for folders only, a leading or inner '/'
/// anchoring the pattern at the plugin root, '*', '?', '[…]' and '**'. The last pattern that matches
/// decides; as in git, nothing inside an excluded folder can be re-included by a later pattern.
/// Case is ignored where the file system ignores it (Windows), as git does there with core.ignorecase.
/// </summary>
internal sealed class IgnorePatterns
{
    private readonly List<Pattern> _patterns = new();
    private readonly bool _ignoreCase;

    public IgnorePatterns(bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
    }

    /// <summary>Adds the lines of an ignore file or the items of a pattern list.</summary>
    public IgnorePatterns Add(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var pattern = Pattern.Parse(raw, _ignoreCase);
            if (pattern != null)
            {
                _patterns.Add(pattern);
            }
        }
        return this;
    }

    /// <summary>True when the last pattern matching <paramref name="path"/> (relative, '/' separators) excludes it.</summary>
    public bool IsExcluded(string path, bool isDirectory)
    {
        var excluded = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.Matches(path, isDirectory))
            {
                excluded = !pattern.Negated;
            }
        }
        return excluded;
    }

    /// <summary>True when any pattern matches (used for -Include, which forces entries back).</summary>
    public bool AnyMatches(string path, bool isDirectory) => _patterns.Any(p => !p.Negated && p.Matches(path, isDirectory));

    public bool IsEmpty => _patterns.Count == 0;

    private sealed class Pattern
    {
        private readonly Regex _regex;
        private readonly bool _directoryOnly;

        private Pattern(Regex regex, bool negated, bool directoryOnly)
        {
            _regex = regex;
            Negated = negated;
            _directoryOnly = directoryOnly;
        }

        public bool Negated { get; }

        public bool Matches(string path, bool isDirectory) => (!_directoryOnly || isDirectory) && _regex.IsMatch(path);

        public static Pattern? Parse(string raw, bool ignoreCase)
        {
            var text = raw.TrimEnd('\r');
            // Trailing spaces are ignored unless escaped.
            while (text.EndsWith(" ", StringComparison.Ordinal) && !text.EndsWith("\\ ", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 1);
            }
            if (text.Length == 0 || text.StartsWith("#", StringComparison.Ordinal))
            {
                return null;
            }
            var negated = text.StartsWith("!", StringComparison.Ordinal);
            if (negated)
            {
                text = text.Substring(1);
            }
            else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
            {
                text = text.Substring(1);
            }
            var directoryOnly = text.EndsWith("/", StringComparison.Ordinal);
            text = text.TrimEnd('/');
            if (text.Length == 0)
            {
                return null;
            }
            // A slash at the start or in the middle anchors the pattern at the root; otherwise it matches at any depth.
            var anchored = text.IndexOf('/') >= 0;
            text = text.TrimStart('/');
            var regex = new StringBuilder(anchored || text.StartsWith("**", StringComparison.Ordinal) ? "^" : "^(?:.*/)?");
            regex.Append(Translate(text)).Append('$');
            return new Pattern(new Regex(regex.ToString(), RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None)), negated, directoryOnly);
        }

        private static string Translate(string glob)
        {
            var regex = new StringBuilder();
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    var followedBySlash = i + 2 < glob.Length && glob[i + 2] == '/';
                    if (followedBySlash)
                    {
                        // "**/" : zero or more folders.
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        // "/**" at the end, or "**" alone: everything below.
                        regex.Append(".*");
                        i += 1;
                    }
                }
                else if (c == '*')
                {
                    regex.Append("[^/]*");
                }
                else if (c == '?')
                {
                    regex.Append("[^/]");
                }
                else if (c == '[')
                {
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        continue;
                    }
                    var set = glob.Substring(i + 1, close - i - 1);
                    if (set.StartsWith("!", StringComparison.Ordinal))
                    {
                        set = "^" + set.Substring(1);
                    }
                    regex.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                    i = close;
                }
                else if (c == '\\' && i + 1 < glob.Length)
                {
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }
            return regex.ToString();
        }
    }
}
