using System;

namespace SpsPlugin;

/// <summary>A Python 3 interpreter <see cref="PythonLocator"/> found and started once to learn its version.</summary>
public sealed class PythonInterpreter
{
    internal PythonInterpreter(string path, Version version, string source)
    {
        Path = path;
        Version = version;
        Source = source;
    }

    /// <summary>The interpreter's path.</summary>
    public string Path { get; }

    /// <summary>Its version (major.minor.micro).</summary>
    public Version Version { get; }

    /// <summary>Why it was picked: -PythonPath, the environment variable, or the search.</summary>
    public string Source { get; }

    /// <summary>Path and version, e.g. <c>/usr/bin/python3 (Python 3.11.2)</c>.</summary>
    public override string ToString() => $"{Path} (Python {Version})";
}
