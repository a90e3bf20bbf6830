using System.Collections.Generic;

namespace SpsPlugin.Validation;

/// <summary>How a parameter of a Python function takes its argument.</summary>
internal enum PythonParameterKind
{
    /// <summary>Before a '/': cannot be passed by name.</summary>
    PositionalOnly,

    /// <summary>An ordinary parameter: by position or by name.</summary>
    Positional,

    /// <summary>*args.</summary>
    VarPositional,

    /// <summary>After '*' or *args: only by name.</summary>
    KeywordOnly,

    /// <summary>**kwargs.</summary>
    VarKeyword,
}

/// <summary>One parameter of a method of Plugin, as check_bundle.py read it from the AST.</summary>
internal sealed class PythonParameter
{
    public PythonParameter(string name, PythonParameterKind kind, bool hasDefault)
    {
        Name = name;
        Kind = kind;
        HasDefault = hasDefault;
    }

    public string Name { get; }

    public PythonParameterKind Kind { get; }

    /// <summary>True when a call may leave it out (a default, or *args/**kwargs).</summary>
    public bool HasDefault { get; }
}

/// <summary>A string literal and its line.</summary>
internal sealed class PythonLiteral
{
    public PythonLiteral(string value, int? line)
    {
        Value = value;
        Line = line;
    }

    public string Value { get; }

    public int? Line { get; }
}

/// <summary>
/// A public method of Plugin (its own or inherited from a class in the bundle): where it is, its
/// signature, its decorators and the verdict literals it spells.
/// </summary>
internal sealed class PythonMethod
{
    public PythonMethod(string name, string file, int? line, IReadOnlyList<PythonParameter> parameters, IReadOnlyList<string> decorators, IReadOnlyList<PythonLiteral> verdicts)
    {
        Name = name;
        File = file;
        Line = line;
        Parameters = parameters;
        Decorators = decorators;
        Verdicts = verdicts;
    }

    public string Name { get; }

    public string File { get; }

    public int? Line { get; }

    public IReadOnlyList<PythonParameter> Parameters { get; }

    /// <summary>The decorators' names (staticmethod, classmethod, or anything that may change the signature).</summary>
    public IReadOnlyList<string> Decorators { get; }

    /// <summary>Literal verdicts: {"verdict": "X"} or verdict="X" in a call.</summary>
    public IReadOnlyList<PythonLiteral> Verdicts { get; }
}
