namespace SpsPlugin;

/// <summary>What a publish did on one appliance.</summary>
public enum SpsPluginPublishAction
{
    /// <summary>The bundle was uploaded (and committed, unless -NoCommit).</summary>
    Uploaded,

    /// <summary>The same version and checksum is installed already; nothing was sent.</summary>
    Skipped,

    /// <summary>-WhatIf: what would happen, nothing was sent.</summary>
    WhatIf,

    /// <summary>A step failed; the Reason says which, and what happened to the transaction.</summary>
    Failed,
}
