using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// The environment variables the interpreter search reads (SPSPLUGIN_PYTHON, VIRTUAL_ENV,
/// PIPENV_VENV_IN_PROJECT, PATH), from the process or given, so tests need not change the process's
/// environment that parallel tests share.
/// </summary>
internal sealed class PythonSearchEnvironment
{
    private readonly Func<string, string?> _get;

    private PythonSearchEnvironment(Func<string, string?> get) => _get = get;

    /// <summary>The current process's variables.</summary>
    public static PythonSearchEnvironment Current { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Only <paramref name="variables"/>; any other name is unset.</summary>
    public static PythonSearchEnvironment Of(IReadOnlyDictionary<string, string> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>The value of <paramref name="name"/>, null when unset or empty.</summary>
    public string? Get(string name) => _get(name) is { Length: > 0 } value ? value : null;
}
