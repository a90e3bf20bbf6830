using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SpsPlugin.Tests.Architecture;

/// <summary>
/// What the architecture test needs to know about one C# source, read from its text without a compiler:
/// the code's tokens (comments and string text left out, code inside interpolation holes kept), the
/// top-level types it declares, the namespaces it declares and the namespaces its using directives import.
/// Nested types are not top-level: outside their declaring type they are only reachable through its name.
/// </summary>
internal sealed class CSharpSource
{
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "enum", "record" };

    // Reserved words, and the contextual ones that can follow a type keyword ("where T : class where U : …",
    // "foreach (var record in …)"), are never a declared type's name.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "where", "when", "var", "record", "notnull", "unmanaged",
    };

    private CSharpSource(IReadOnlyList<string> tokens)
    {
        Tokens = tokens;
        var types = new List<string>();
        var declaredNamespaces = new List<string>();
        var usings = new List<string>();
        var braces = new Stack<bool>(); // true: a namespace's braces
        var headStart = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var topLevel = braces.All(isNamespace => isNamespace);
            switch (token)
            {
                case "{":
                    braces.Push(tokens[headStart] == "namespace");
                    headStart = i + 1;
                    continue;
                case "}":
                    if (braces.Count > 0)
                    {
                        braces.Pop();
                    }
                    headStart = i + 1;
                    continue;
                case ";":
                    headStart = i + 1;
                    continue;
            }
            if (!topLevel)
            {
                continue;
            }
            if (token == "namespace")
            {
                declaredNamespaces.Add(DottedName(tokens, i + 1));
            }
            else if (token == "using" && i == headStart && DottedName(tokens, i + 1) is { Length: > 0 } imported && Next(tokens, i + 1 + (imported.Count(c => c == '.') * 2) + 1) == ";")
            {
                usings.Add(imported);
            }
            else if (TypeKeywords.Contains(token) && IsName(Next(tokens, i + 1)))
            {
                types.Add(tokens[i + 1]);
            }
            else if (token == "delegate" && DelegateName(tokens, i) is { } name)
            {
                types.Add(name);
            }
        }
        TopLevelTypes = types.Distinct().ToArray();
        DeclaredNamespaces = declaredNamespaces.Distinct().ToArray();
        UsingNamespaces = usings.Distinct().ToArray();
    }

    /// <summary>Identifiers and punctuation of the code, in order; comments and the text of strings and characters are gone.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<string> TopLevelTypes { get; }

    public IReadOnlyList<string> DeclaredNamespaces { get; }

    /// <summary>The namespaces of plain using directives (not aliases, not <c>using static</c>, whose type name is a token anyway).</summary>
    public IReadOnlyList<string> UsingNamespaces { get; }

    public IEnumerable<string> Identifiers => Tokens.Where(t => IsIdentifierStart(t[0]));

    public static CSharpSource Parse(string text)
    {
        var tokens = new List<string>();
        var at = 0;
        new Lexer(text, tokens).Code(ref at, hole: false);
        return new CSharpSource(tokens);
    }

    private static bool IsName(string? token) => token != null && IsIdentifierStart(token[0]) && !Keywords.Contains(token);

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static string? Next(IReadOnlyList<string> tokens, int index) => index < tokens.Count ? tokens[index] : null;

    private static string DottedName(IReadOnlyList<string> tokens, int start)
    {
        var name = new StringBuilder();
        for (var i = start; i < tokens.Count && IsName(tokens[i]); i += 2)
        {
            name.Append(name.Length > 0 ? "." : string.Empty).Append(tokens[i]);
            if (Next(tokens, i + 1) != ".")
            {
                break;
            }
        }
        return name.ToString();
    }

    // "delegate R Name<T>(…)": the name is the last identifier outside angle brackets before the "(".
    private static string? DelegateName(IReadOnlyList<string> tokens, int at)
    {
        string? name = null;
        var angles = 0;
        for (var i = at + 1; i < tokens.Count && tokens[i] != "(" && tokens[i] != ";" && tokens[i] != "{"; i++)
        {
            angles += tokens[i] == "<" ? 1 : tokens[i] == ">" ? -1 : 0;
            if (angles == 0 && IsName(tokens[i]))
            {
                name = tokens[i];
            }
        }
        return name;
    }

    /// <summary>A hand-written C# lexer that knows exactly where comments and literals begin and end.</summary>
    private sealed class Lexer
    {
        private readonly string _s;
        private readonly List<string> _tokens;

        public Lexer(string text, List<string> tokens)
        {
            _s = text;
            _tokens = tokens;
        }

        /// <summary>
        /// Reads code up to the end, or for an interpolation hole up to its closing brace (left unread)
        /// or the colon of a format specifier (the specifier is skipped).
        /// </summary>
        public void Code(ref int at, bool hole)
        {
            var depth = 0;
            while (at < _s.Length)
            {
                var c = _s[at];
                if (hole && depth == 0 && (c == '}' || c == ':'))
                {
                    if (c == ':')
                    {
                        while (at < _s.Length && _s[at] != '}')
                        {
                            at++;
                        }
                    }
                    return;
                }
                if (c == '/' && Peek(at + 1) == '/')
                {
                    while (at < _s.Length && _s[at] != '\n')
                    {
                        at++;
                    }
                }
                else if (c == '/' && Peek(at + 1) == '*')
                {
                    var end = _s.IndexOf("*/", at + 2, StringComparison.Ordinal);
                    at = end < 0 ? _s.Length : end + 2;
                }
                else if (c == '\'')
                {
                    at = SkipQuoted(at + 1, '\'');
                }
                else if (c == '"' || ((c == '$' || c == '@') && StringStart(at) > at))
                {
                    Literal(ref at);
                }
                else if (IsIdentifierStart(c) || (c == '@' && at + 1 < _s.Length && IsIdentifierStart(_s[at + 1])))
                {
                    var start = c == '@' ? at + 1 : at;
                    at = start;
                    while (at < _s.Length && (char.IsLetterOrDigit(_s[at]) || _s[at] == '_'))
                    {
                        at++;
                    }
                    _tokens.Add(_s.Substring(start, at - start));
                }
                else if (char.IsDigit(c))
                {
                    while (at < _s.Length && (char.IsLetterOrDigit(_s[at]) || _s[at] == '_' || (_s[at] == '.' && char.IsDigit(Peek(at + 1)))))
                    {
                        at++;
                    }
                }
                else
                {
                    if (!char.IsWhiteSpace(c))
                    {
                        _tokens.Add(c.ToString());
                        depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
                    }
                    at++;
                }
            }
        }

        private char Peek(int at) => at < _s.Length ? _s[at] : '\0';

        // The index of the first quote after a run of '$' and '@' prefixes at at; at itself when there is none.
        private int StringStart(int at)
        {
            var i = at;
            while (i < _s.Length && (_s[i] == '$' || _s[i] == '@'))
            {
                i++;
            }
            return Peek(i) == '"' ? i : at;
        }

        private void Literal(ref int at)
        {
            var quote = StringStart(at);
            var prefix = _s.Substring(at, quote - at);
            var dollars = prefix.Count(ch => ch == '$');
            var verbatim = prefix.Contains('@');
            var quotes = 0;
            while (Peek(quote + quotes) == '"')
            {
                quotes++;
            }
            if (verbatim)
            {
                at = Delimited(quote + 1, verbatim: true, dollars > 0);
            }
            else if (quotes >= 3)
            {
                at = Raw(quote + quotes, quotes, dollars);
            }
            else if (quotes == 2)
            {
                at = quote + 2; // the empty string
            }
            else
            {
                at = Delimited(quote + 1, verbatim: false, dollars > 0);
            }
        }

        private int SkipQuoted(int at, char quote)
        {
            while (at < _s.Length && _s[at] != quote)
            {
                at += _s[at] == '\\' ? 2 : 1;
            }
            return at + 1;
        }

        // A regular or verbatim string, interpolated or not; returns the index after its closing quote.
        private int Delimited(int at, bool verbatim, bool interpolated)
        {
            while (at < _s.Length)
            {
                var c = _s[at];
                if (c == '"')
                {
                    if (verbatim && Peek(at + 1) == '"')
                    {
                        at += 2;
                        continue;
                    }
                    return at + 1;
                }
                if (!verbatim && c == '\\')
                {
                    at += 2;
                }
                else if (interpolated && c == '{')
                {
                    at = Peek(at + 1) == '{' ? at + 2 : Hole(at + 1, 1);
                }
                else
                {
                    at++;
                }
            }
            return at;
        }

        // A raw string of quotes quote characters; with dollars '$', holes open with that many braces.
        private int Raw(int at, int quotes, int dollars)
        {
            var close = new string('"', quotes);
            while (at < _s.Length)
            {
                if (string.CompareOrdinal(_s, at, close, 0, quotes) == 0)
                {
                    return at + quotes;
                }
                if (dollars > 0 && _s[at] == '{' && string.CompareOrdinal(_s, at, new string('{', dollars), 0, dollars) == 0)
                {
                    var run = 0;
                    while (Peek(at + run) == '{')
                    {
                        run++;
                    }
                    // The last dollars braces of a run open the hole; braces before them are text.
                    at = Hole(at + run, dollars);
                    continue;
                }
                at++;
            }
            return at;
        }

        // Code of a hole starting at at; returns the index after its closing brace(s).
        private int Hole(int at, int closingBraces)
        {
            Code(ref at, hole: true);
            return Math.Min(_s.Length, at + closingBraces);
        }
    }
}
