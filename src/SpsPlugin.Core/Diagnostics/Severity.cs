namespace SpsPlugin;

/// <summary>How serious a <see cref="SpsPluginDiagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>SPS would refuse or fail on this; it must be fixed.</summary>
    Error = 0,

    /// <summary>SPS accepts this, but it is probably a mistake or a trap.</summary>
    Warning = 1,

    /// <summary>Context worth knowing; nothing to fix.</summary>
    Information = 2,
}
