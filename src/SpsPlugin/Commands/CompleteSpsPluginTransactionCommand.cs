using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Commits the session's configuration transaction (PUT /api/transaction {"status":"commit"}) and confirms that it closed.</summary>
[Cmdlet(VerbsLifecycle.Complete, "SpsPluginTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SpsApplianceTransaction))]
public sealed class CompleteSpsPluginTransactionCommand : TransactionCmdletBase
{
    /// <summary>The commit message SPS keeps with the change.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? CommitMessage { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => Run("Commit the configuration transaction", session => session.CommitTransaction(CommitMessage));
}
