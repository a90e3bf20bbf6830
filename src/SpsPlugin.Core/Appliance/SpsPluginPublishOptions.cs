using System;

namespace SpsPlugin;

/// <summary>How Publish-SpsPluginBundle resolves, validates and uploads a bundle.</summary>
public sealed class SpsPluginPublishOptions
{
    /// <summary>The release to validate against when the appliance does not report one SpsPlugin knows.</summary>
    public SpsRelease? TargetRelease { get; set; }

    /// <summary>Upload despite validation errors, and even when the same version and checksum is installed.</summary>
    public bool Force { get; set; }

    /// <summary>Upload into the caller's transaction and leave it open (never commit or cancel it).</summary>
    public bool NoCommit { get; set; }

    /// <summary>The commit message of the transaction the publish opens.</summary>
    public string? CommitMessage { get; set; }

    /// <summary>Whether validation runs Python's checks (false: the lexical fallback only).</summary>
    public bool UsePython { get; set; } = true;

    /// <summary>The Python interpreter validation uses; found as Test-SpsPluginBundle finds it when null.</summary>
    public string? PythonPath { get; set; }

    /// <summary>Receives what happened, for -Verbose; never a secret. Called from the thread that runs the step.</summary>
    public Action<string>? Verbose { get; set; }
}
