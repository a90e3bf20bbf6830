using System;

namespace SpsPlugin;

/// <summary>A Python 3 interpreter <see cref="PythonLocator"/> found and started once to learn its version.</summary>
public sealed class PythonInterpreter
{
    internal PythonInterpreter(string path, Version version, string source, string? versionWarning = null)
    {
        Path = path;
        Version = version;
        Source = source;
        VersionWarning = versionWarning;
    }

    /// <summary>The interpreter's path.</summary>
    public string Path { get; }

    /// <summary>Its version (major.minor.micro).</summary>
    public Version Version { get; }

    /// <summary>
    /// Why it was picked, in words: -PythonPath, the environment variable SPSPLUGIN_PYTHON, the project's
    /// .venv (with its folder), pipenv --venv, VIRTUAL_ENV, or the system search; with the pyenv shim it was read
    /// from when the search used the interpreter a shim runs (e.g. <c>the system search (pyenv shim python3 -> /root/.pyenv/versions/3.11.7/bin/python3)</c>).
    /// </summary>
    public string Source { get; }

    /// <summary>Set when its major.minor is not the Python of the target release: what differs and how to get a matching one.</summary>
    public string? VersionWarning { get; }

    /// <summary>A copy that carries <paramref name="warning"/>.</summary>
    internal PythonInterpreter WithVersionWarning(string? warning) => new(Path, Version, Source, warning);

    /// <summary>Path and version, e.g. <c>/usr/bin/python3 (Python 3.11.2)</c>.</summary>
    public override string ToString() => $"{Path} (Python {Version})";

    /// <summary>Path, version and why it was picked, as -Verbose and results say it.</summary>
    public string Describe() => $"{this}, {Source}";
}
