using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Opens a configuration transaction on the appliance (POST /api/transaction): later changes of the session wait in it until committed or cancelled.</summary>
[Cmdlet(VerbsCommon.Open, "SpsPluginTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SpsApplianceTransaction))]
public sealed class OpenSpsPluginTransactionCommand : TransactionCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => Run("Open a configuration transaction", session => session.OpenTransaction());
}
