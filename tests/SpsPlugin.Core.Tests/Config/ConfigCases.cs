using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Config;

/// <summary>
/// Configuration texts for the differential tests: hand-written adversarial cases, texts generated
/// from a fixed seed out of fragments that hit every rule of configparser's reader, and the real
/// default.cfg files of the corpus.
/// </summary>
internal static class ConfigCases
{
    public const int GeneratedCount = 600;

    private static readonly string[] Adversarial =
    {
        "",
        "\n\n",
        "# only a comment\n",
        "[s]\n",
        "[s]\na=1\n",
        "[s]\na = 1\nb : 2\nc=\nd:\n",
        "[s]\nA = upper\n",
        "[s]\na=1\nA=2\n",
        "[s]\na=1\n[s]\nb=2\n",
        "[DEFAULT]\nx=1\n[DEFAULT]\ny=2\n[s]\n",
        "[DEFAULT]\nx=1\n[DEFAULT]\nx=2\n",
        "[default]\nx=1\n",
        "a=1\n[s]\n",
        "  \n# c\na=1\n",
        "[s]\nno delimiter\n",
        "[s]\n=value\n",
        "[s]\n=value\n=again\n",
        "[s]\n:value\n",
        "[s]\na=1\n  continued\n\n  after blank\n",
        "[s]\na=1\n\n\n",
        "[s]\na=1\n# comment inside\n  still a\n",
        "[s]\na=1\n  [not a section]\n",
        "[s]\na=1\ngarbage\n  continues a\n",
        "[s]\n  a=1\n  b=2\n    c\n",
        "[s]\n\ta=1\n\t\tb\n",
        "[s] trailing\na=1\n",
        "[a]]\nx=1\n",
        "[]\n",
        "[unclosed\n",
        "[s]\na==b\nc=:d\ne:=f\n",
        "[s]\na = x = y\n",
        "[s]\nurl = http://host:8080/x\n",
        "[s]\na=50%\n",
        "[s]\na=50%%\nb=%(a)s\n",
        "[s]\na=%(b)s\nb=%(a)s\n",
        "[s]\na=%(missing)s\n",
        "[s]\na=%(A)s\nb=%(a)s\n",
        "[DEFAULT]\nbase=/opt\n[s]\npath=%(base)s/x\n",
        "[s]\na=%(b\n",
        "[s]\na=%\n",
        "[s]\nsecret=$\nliteral=$$\nca=$[my_ca]\n",
        "[s]\na=1 ; not a comment\nb=2 # not either\n",
        "[s]\r\na=1\r\n  b\r\n",
        "[s]\na=1\rb=2\n",
        "[s]\na=1",
        "[s]\n\u00a0a=1\n",
        "[s]\na=\u00a0x\u00a0\n",
        "[s]\na=1\n\u001c b\n",
        "[s]\n\u00c9t\u00e9=1\n",
        "[s]\n\u0130d=1\n",
        "[s]\nO\u03a3=1\n",
        "[whitelist source=user_list]\nname=admins\n",
        "[s]\n; name=<placeholder>\nname=set\n",
        "\ufeff[s]\na=1\n",
        "[s]\na=1\n\f\nb=2\n",
        // configparser's MAX_INTERPOLATION_DEPTH is 10: a chain of references either side of it.
        Chain(9, "end"),
        Chain(10, "end"),
        Chain(11, "end"),
        Chain(9, "50%%"),
        Chain(10, "50%%"),
        "[DEFAULT]\n" + Chain(10, "end").Substring("[s]\n".Length) + "[s]\nv10=%%\n",
        // Fan-out well inside SpsPlugin's bounds (1,000 substitutions) must still agree.
        "[s]\na=" + Repeat("%(b)s", 10) + "\nb=" + Repeat("%(c)s", 10) + "\nc=" + Repeat("%(d)s", 10) + "\nd=x\n",
    };

    private static readonly string[] Headers =
    {
        "[s1]", "[s2]", "[S1]", "[DEFAULT]", "[default]", "[whitelist source=user_list]", "[ a ]", "[a]]", "[a] tail",
        "[]", "[unclosed", " [indented]", "\t[tab]", "[credential_store]", "[duo]",
    };

    private static readonly string[] Names = { "a", "b", "c", "B", "Key", "log_level", "x y", "ikey", "\u00e9", "name", "A" };

    private static readonly string[] Delimiters = { "=", ":", " = ", " : ", "=:", ":=", "\t=\t", "  =" };

    private static readonly string[] Values =
    {
        "1", "", "  spaced  ", "%%", "%(a)s", "%(b)s", "%", "50%", "$", "$$", "$[ca]", "a;b", "a # b", "x = y",
        "<value>", "%(A)s", "%(missing)s", "yes", "http://h:1/", "\u00a0nbsp", "tab\tinside",
    };

    private static readonly string[] Indents = { "", "", "", " ", "  ", "\t", "    " };

    private static readonly string[] Others =
    {
        "# comment", "; comment", "  # indented", "; name=<v>", "#x=1", "", "", "   ", "\t", "no delimiter",
        "=novalue", ":x", "\f", "\u001c", "\u00a0",
    };

    public static IReadOnlyList<(string Name, string Text)> All { get; } = Build();

    private static List<(string, string)> Build()
    {
        var cases = Adversarial.Select((text, i) => ($"adversarial #{i}", text)).ToList();
        var random = new Random(20261127);
        for (var i = 0; i < GeneratedCount; i++)
        {
            cases.Add(($"generated #{i}", Generate(random)));
        }
        if (TestPaths.CorpusExists)
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Corpus, "default.cfg*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                cases.Add((Path.GetRelativePath(TestPaths.Corpus, file), File.ReadAllText(file)));
            }
        }
        return cases;
    }

    private static string Generate(Random random)
    {
        var text = new StringBuilder();
        // Most texts open with a header, so that most of them get past the first line.
        if (random.Next(10) > 0)
        {
            text.Append(Pick(random, Headers.Take(6).ToArray())).Append(LineEnd(random));
        }
        var count = random.Next(2, 12);
        for (var line = 0; line < count; line++)
        {
            var roll = random.Next(100);
            string content;
            if (roll < 10)
            {
                content = Pick(random, Headers);
            }
            else if (roll < 60)
            {
                content = Pick(random, Indents.Take(3).ToArray()) + Pick(random, Names) + Pick(random, Delimiters) + Pick(random, Values);
            }
            else if (roll < 75)
            {
                content = Pick(random, Indents.Skip(3).ToArray()) + Pick(random, Values.Where(v => v.Length > 0).ToArray());
            }
            else
            {
                content = Pick(random, Indents) + Pick(random, Others);
            }
            text.Append(content);
            if (line < count - 1 || random.Next(5) > 0)
            {
                text.Append(LineEnd(random));
            }
        }
        return text.ToString();
    }

    /// <summary>[s] with v0 referring to v1, … v(links-1) to v(links), whose value is <paramref name="end"/>.</summary>
    private static string Chain(int links, string end) =>
        "[s]\n" + string.Concat(Enumerable.Range(0, links).Select(i => $"v{i}=%(v{i + 1})s\n")) + $"v{links}={end}\n";

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string LineEnd(Random random) => random.Next(10) == 0 ? "\r\n" : "\n";

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
