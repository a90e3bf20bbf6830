using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Cancels the session's configuration transaction (DELETE /api/transaction), dropping its pending changes.</summary>
[Cmdlet(VerbsCommon.Undo, "SpsPluginTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SpsApplianceTransaction))]
public sealed class UndoSpsPluginTransactionCommand : TransactionCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => Run("Cancel the configuration transaction and drop its pending changes", session => session.CancelTransaction());
}
