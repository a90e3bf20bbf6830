using System;
using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>What Initialize-SpsPluginEnvironment is asked to do.</summary>
public sealed class SpsPluginEnvironmentOptions
{
    /// <summary>The plugin folder; the nearest Pipfile in it or above it names the project.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The interpreter that creates the .venv; null to find one (the Pipfile's python_version first).</summary>
    public string? PythonPath { get; set; }

    /// <summary>Delete an existing .venv and create it anew; without it an existing .venv is kept and the packages installed into it.</summary>
    public bool Force { get; set; }

    /// <summary>pip's --index-url; null for the Pipfile's first [[source]] url, else pip's own configuration.</summary>
    public string? IndexUrl { get; set; }

    /// <summary>pip's --find-links: folders or pages of wheels.</summary>
    public IList<string> FindLinks { get; set; } = new List<string>();

    /// <summary>pip's --no-index: only what FindLinks offers.</summary>
    public bool NoIndex { get; set; }

    /// <summary>pip's --retries; null for pip's default (5, with growing pauses).</summary>
    public int? Retries { get; set; }

    /// <summary>How long creating the .venv and installing the packages may each take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);
}
