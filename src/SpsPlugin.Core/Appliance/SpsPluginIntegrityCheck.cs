namespace SpsPlugin;

/// <summary>One operation of an integrity check as the appliance answered it: <c>{"verdict", "reason"}</c>.</summary>
public sealed class SpsPluginIntegrityCheck
{
    internal SpsPluginIntegrityCheck(string operation, string? verdict, string? reason)
    {
        Operation = operation;
        Verdict = verdict;
        Reason = reason;
    }

    /// <summary>zip_checksum, zip_content or unregistered.</summary>
    public string Operation { get; }

    /// <summary>As SPS reports it (<c>passed</c>, <c>failed</c>, ...); null when the appliance did not answer this operation.</summary>
    public string? Verdict { get; }

    /// <summary>SPS's reason, or why the check counts as failed.</summary>
    public string? Reason { get; }

    /// <summary>Only a <c>passed</c> verdict passes: an unknown or missing verdict is not proof of integrity.</summary>
    public bool Passed => Verdict == SpsIntegrityOperation.PassedVerdict;

    /// <inheritdoc />
    public override string ToString() => $"{Operation}: {Verdict ?? "no answer"}{(Reason == null ? string.Empty : " (" + Reason + ")")}";
}
