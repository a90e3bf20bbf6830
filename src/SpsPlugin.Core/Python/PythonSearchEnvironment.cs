using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// What the interpreter search reads: environment variables (SPSPLUGIN_PYTHON, VIRTUAL_ENV,
/// PIPENV_VENV_IN_PROJECT, PATH, LOCALAPPDATA, WINDIR), whether it runs on Windows, which files exist,
/// the registry (PEP 514) and the py launcher's answer. From this process, or given, so tests need not
/// change the process's environment that parallel tests share, and Windows searches are tested on Linux.
/// </summary>
internal sealed class PythonSearchEnvironment
{
    private readonly Func<string, string?> _get;

    private PythonSearchEnvironment(Func<string, string?> get, bool windows, Func<string, bool> fileExists, IPythonRegistry? registry, Func<string, string, string?> askLauncher)
    {
        _get = get;
        Windows = windows;
        FileExists = fileExists;
        Registry = registry;
        AskLauncher = askLauncher;
    }

    /// <summary>The current process's variables, on this machine.</summary>
    public static PythonSearchEnvironment Current { get; } = new(Environment.GetEnvironmentVariable, PlatformPaths.IsWindows, File.Exists, MachineRegistry(), PyLauncher.Ask);

    /// <summary>Only <paramref name="variables"/> (any other name is unset), on this machine.</summary>
    public static PythonSearchEnvironment Of(IReadOnlyDictionary<string, string> variables) =>
        new(Lookup(variables), PlatformPaths.IsWindows, File.Exists, MachineRegistry(), PyLauncher.Ask);

    /// <summary>A made-up machine: <paramref name="variables"/>, the files in <paramref name="files"/>, a registry and a py launcher.</summary>
    internal static PythonSearchEnvironment Of(IReadOnlyDictionary<string, string> variables, bool windows, ICollection<string> files,
        IPythonRegistry? registry = null, Func<string, string, string?>? askLauncher = null) =>
        new(Lookup(variables), windows, files.Contains, registry, askLauncher ?? ((_, _) => null));

    /// <summary>True when the search is for Windows: python.exe, ';' in PATH, the registry, the py launcher, Store aliases.</summary>
    public bool Windows { get; }

    /// <summary>Whether a file exists at a path.</summary>
    public Func<string, bool> FileExists { get; }

    /// <summary>The PEP 514 registry; null where there is none.</summary>
    public IPythonRegistry? Registry { get; }

    /// <summary>What the py launcher at the first path answers for the version selector (<c>-3.12</c>, <c>-3</c>): an interpreter's path, or null.</summary>
    public Func<string, string, string?> AskLauncher { get; }

    /// <summary>The value of <paramref name="name"/>, null when unset or empty.</summary>
    public string? Get(string name) => _get(name) is { Length: > 0 } value ? value : null;

    private static Func<string, string?> Lookup(IReadOnlyDictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    private static IPythonRegistry? MachineRegistry() => PlatformPaths.IsWindows ? new WindowsRegistryReader() : null;
}
