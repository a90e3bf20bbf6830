using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>
/// The state of the appliance's configuration transaction (GET /api/transaction), read from either
/// documented shape: <c>.transaction.status</c> or <c>.body.status</c> with <c>.meta.remaining_seconds</c>
/// and <c>.meta.changes</c> (reference §7).
/// </summary>
public sealed class SpsApplianceTransaction
{
    internal SpsApplianceTransaction(SpsApplianceSession session, string appliance, string status, long? remainingSeconds,
        IReadOnlyList<object?>? changes, string? commitMessage)
    {
        Session = session;
        Appliance = appliance;
        Status = status;
        RemainingSeconds = remainingSeconds;
        Changes = changes;
        CommitMessage = commitMessage;
    }

    /// <summary>The session it was read through, so the object pipes into the other transaction cmdlets.</summary>
    public SpsApplianceSession Session { get; }

    /// <summary>The appliance (host:port).</summary>
    public string Appliance { get; }

    /// <summary>As SPS reports it: <c>open</c> or <c>closed</c>.</summary>
    public string Status { get; }

    /// <summary>Whether a transaction is open.</summary>
    public bool IsOpen => Status == "open";

    /// <summary>Seconds until SPS drops the open transaction, where reported.</summary>
    public long? RemainingSeconds { get; }

    /// <summary>
    /// The pending changes as SPS lists them (JSON values), read from GET /api/transaction/changes when the
    /// transaction only links them; null when the appliance did not say or the list could not be read.
    /// </summary>
    public IReadOnlyList<object?>? Changes { get; }

    /// <summary>The commit message, where reported.</summary>
    public string? CommitMessage { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: transaction {Status}";
}
