using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The Python type PyYAML's <c>safe_load</c> gives a MANIFEST value.</summary>
public enum PyYamlType
{
    /// <summary><c>str</c>: quoted scalars and plain scalars no resolver claims.</summary>
    String,

    /// <summary><c>bool</c>: yes/no/true/false/on/off in their three casings.</summary>
    Boolean,

    /// <summary><c>int</c>: decimal, octal (leading 0), hex, binary and base-60 forms.</summary>
    Integer,

    /// <summary><c>float</c>: <c>1.6</c>, <c>1.10</c> (which is 1.1), <c>.inf</c>, <c>1.0e+5</c>.</summary>
    Float,

    /// <summary><c>None</c>: empty, <c>~</c>, <c>null</c>.</summary>
    Null,

    /// <summary><c>datetime.date</c>: <c>2019-04-25</c>.</summary>
    Date,

    /// <summary><c>datetime.datetime</c>: <c>2019-04-25 10:00:00</c>.</summary>
    DateTime,

    /// <summary><c>list</c>: a flow sequence such as <c>[a, b]</c>.</summary>
    Sequence,
}

/// <summary>
/// A value as PyYAML types it: the Python type, a .NET value and the text Python's <c>str()</c>
/// gives, which is what the SDK checks (it runs <c>str(version)</c> and <c>str(api)</c>).
/// </summary>
public sealed class PyYamlValue
{
    internal PyYamlValue(PyYamlType type, object? value, string pythonText)
    {
        Type = type;
        Value = value;
        PythonText = pythonText;
    }

    /// <summary>The Python type.</summary>
    public PyYamlType Type { get; }

    /// <summary>
    /// The value: <see cref="string"/>, <see cref="bool"/>, <see cref="System.Numerics.BigInteger"/>,
    /// <see cref="double"/>, null, <see cref="System.DateTime"/>, <see cref="DateTimeOffset"/>, or a
    /// read-only list of <see cref="PyYamlValue"/>. A timestamp whose UTC offset is beyond the 14 hours
    /// DateTimeOffset allows (Python allows up to 24) is a UTC <see cref="System.DateTime"/>.
    /// </summary>
    public object? Value { get; }

    /// <summary>What Python's <c>str()</c> prints for the value, e.g. <c>1.1</c> for <c>1.10</c>.</summary>
    public string PythonText { get; }

    /// <summary>The Python type name as Python prints it (<c>str</c>, <c>float</c>, <c>NoneType</c>…).</summary>
    public string PythonTypeName => Type switch
    {
        PyYamlType.String => "str",
        PyYamlType.Boolean => "bool",
        PyYamlType.Integer => "int",
        PyYamlType.Float => "float",
        PyYamlType.Null => "NoneType",
        PyYamlType.Date => "date",
        PyYamlType.DateTime => "datetime",
        _ => "list",
    };

    /// <summary>
    /// Python's truth value: None, False, 0, 0.0, '' and [] are false, every date and timestamp true.
    /// The SDK skips falsy author_email and entry_point values (<c>if data.get(key)</c>).
    /// </summary>
    internal bool IsTruthy => Value switch
    {
        null => false,
        bool flag => flag,
        System.Numerics.BigInteger number => !number.IsZero,
        double number => number != 0.0,
        string text => text.Length > 0,
        IReadOnlyList<PyYamlValue> items => items.Count > 0,
        _ => true,
    };

    /// <summary>What Python's <c>repr()</c> prints (strings quoted), as used inside lists.</summary>
    internal string PythonRepr => Type == PyYamlType.String ? PythonFormat.StringRepr((string)Value!) : PythonText;

    internal static PyYamlValue String(string text) => new(PyYamlType.String, text, text);

    internal static readonly PyYamlValue Null = new(PyYamlType.Null, null, "None");

    internal static PyYamlValue Sequence(IReadOnlyList<PyYamlValue> items) =>
        new(PyYamlType.Sequence, items, "[" + string.Join(", ", items.Select(i => i.PythonRepr)) + "]");

    /// <inheritdoc />
    public override string ToString() => PythonText;
}
