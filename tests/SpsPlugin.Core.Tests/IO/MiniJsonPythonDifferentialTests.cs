using System;
using System.Linq;
using System.Threading;
using SpsPlugin.IO;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.IO;

/// <summary>
/// Holds MiniJson to Python's json module, which is what the hook host and SPS use: Python dumps a
/// set of values, MiniJson reads each and writes it back, and Python must read back a value of the
/// same type and content (1.0 stays a float, big ints stay exact, NaN stays NaN, lone surrogates
/// survive). A second set of texts must be accepted or refused by both alike.
/// </summary>
public sealed class MiniJsonPythonDifferentialTests
{
    // One script, three modes: "dump" prints json.dumps of every case (in the default style and with
    // other whitespace), "check" reads MiniJson's rewrites from stdin and prints the cases whose value
    // or type changed, "accepts" prints for each text on stdin whether json.loads takes it.
    private const string Script = @"
import json, math, sys

CASES = [
    0, -1, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 10**30, -(10**40),
    0.0, -0.0, 1.0, -2.0, 1.5, 0.1, 1e16, 1e-4, 1e-5, 123456789.123, 5e-324, 1.7976931348623157e308, 1e22,
    float('nan'), float('inf'), float('-inf'),
    '', 'plain', 'quote "" backslash \\ slash /', '\b\f\n\r\t\x00\x1f\x7f', 'é ü € 中', '\U0001F600',
    '\ud800', '\udfff', 'a\udc00b', '\ude00\ud83d', '\u2028\u0085',
    True, False, None,
    [], {}, [1, [2, [3, {}]]], {'a': {'b': [None, True, 1.0, 'x']}, '': 0},
    {'cookie': {'n': float('nan'), 'i': float('inf'), 'big': 2**70, 'f': 3.0}},
]

def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b

def lines():
    return sys.stdin.buffer.read().decode('utf-8').split('\n')

mode = sys.argv[1]
if mode == 'dump':
    for value in CASES:
        print(json.dumps(value))
    for value in CASES:
        print(json.dumps(value, separators=(' ,\t', ' :  ')))
elif mode == 'check':
    for index, text in enumerate(lines()):
        value = CASES[index % len(CASES)]
        if not same(json.loads(text), value):
            print(index, ascii(value), 'came back as', ascii(text))
else:
    for text in lines():
        try:
            json.loads(text)
            print('yes')
        except ValueError:
            print('no')
";

    // Texts at the edges of the grammar; no line breaks inside, one per line.
    private static readonly string[] Texts =
    {
        "0", "-0", "01", "-01", "1.", ".1", "1.e1", "1e", "1e+", "1E-0", "+1", "--1", "0x10", "1_000",
        "NaN", "-NaN", "+Infinity", "-Infinity", "Infinity", "nan", "inf", "Infinit",
        "\"\\u00e9\"", "\"\\u00E9\"", "\"\\u0g00\"", "\"\\U00e9\"", "\"\\'\"", "\"\\a\"", "\"\t\"", "\"\u007f\"", "\"\u0085\"",
        "[]", "[,]", "[1,]", "[1,,2]", "{}", "{,}", "{\"a\"}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\":1 \"b\":2}",
        "true", "True", "null", "nulll", " \t 1 \t ", "\u00a01", "1\u00a0", "\ufeff1", "\"a\" \"b\"", "[1]]", "{}}",
    };

    [PythonFact]
    public void WhatPythonDumpsReadsAndWritesBackAsTheSameValues()
    {
        var dumped = Run("dump", string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rewritten = string.Join("\n", dumped.Select(text => MiniJson.Write(MiniJson.Parse(text))));
        Assert.Equal(string.Empty, Run("check", rewritten));
    }

    [PythonFact]
    public void AcceptsAndRefusesTheSameTextsAsPython()
    {
        var python = Run("accepts", string.Join("\n", Texts)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = Texts.Select(text => Accepts(text) ? "yes" : "no").ToArray();
        Assert.Equal(
            Texts.Zip(python, (text, answer) => $"{text} {answer}").ToArray(),
            Texts.Zip(ours, (text, answer) => $"{text} {answer}").ToArray());
    }

    private static bool Accepts(string text)
    {
        try
        {
            MiniJson.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Run(string mode, string stdin)
    {
        var run = PythonProcess.Run(PythonLocator.Find()!, new[] { "-I", "-S", "-c", Script, mode }, null, stdin, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.Trim();
    }
}
