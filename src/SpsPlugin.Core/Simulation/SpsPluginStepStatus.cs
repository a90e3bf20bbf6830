namespace SpsPlugin;

/// <summary>How one step of a simulation went.</summary>
public enum SpsPluginStepStatus
{
    /// <summary>The hook returned a result SPS reads (which may be a DENY).</summary>
    Succeeded,

    /// <summary>The hook failed: <c>Result.ErrorKind</c> says why.</summary>
    Failed,

    /// <summary>
    /// SPS goes on without the hook: the plugin does not define it and SPS skips it (authorize,
    /// session_ended…), or the plugin did not load at an earlier step, whose failure is reported there once.
    /// </summary>
    Skipped,
}
