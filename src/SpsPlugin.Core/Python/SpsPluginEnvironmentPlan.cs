using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>What setting up a plugin project's environment will do, worked out before anything is written (for -WhatIf).</summary>
public sealed class SpsPluginEnvironmentPlan
{
    internal SpsPluginEnvironmentPlan(Pipfile pipfile, string environmentPath, PythonInterpreter interpreter, bool exists, bool recreate,
        IReadOnlyList<string> pipOptions, string index)
    {
        Pipfile = pipfile;
        EnvironmentPath = environmentPath;
        Interpreter = interpreter;
        Exists = exists;
        Recreate = recreate;
        PipOptions = pipOptions;
        Index = index;
    }

    /// <summary>The project's Pipfile, read.</summary>
    public Pipfile Pipfile { get; }

    /// <summary>The .venv folder beside the Pipfile.</summary>
    public string EnvironmentPath { get; }

    /// <summary>The interpreter that creates the .venv, with why it was chosen and a version warning when it is not the Pipfile's Python.</summary>
    public PythonInterpreter Interpreter { get; }

    /// <summary>True when the .venv exists already.</summary>
    public bool Exists { get; }

    /// <summary>True when an existing .venv is deleted and created anew (-Force).</summary>
    public bool Recreate { get; }

    /// <summary>[packages] then [dev-packages], as pip requirements.</summary>
    public IReadOnlyList<string> Requirements => Pipfile.Packages.Concat(Pipfile.DevPackages).ToArray();

    /// <summary>The index options given to pip (--index-url, --find-links, --no-index, --retries).</summary>
    public IReadOnlyList<string> PipOptions { get; }

    /// <summary>The index pip installs from, in words (credentials in a URL left out).</summary>
    public string Index { get; }

    /// <summary>The -WhatIf text.</summary>
    public string Description =>
        (Exists ? Recreate ? $"Delete and create {EnvironmentPath} with {Interpreter}" : $"Keep {EnvironmentPath}" : $"Create {EnvironmentPath} with {Interpreter}") +
        (Requirements.Count == 0 ? "; the Pipfile lists no packages" : $", and install {string.Join(" ", Requirements)} from {Index}");
}
