using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>Gets the state of the session's configuration transaction (GET /api/transaction): open or closed, seconds left, pending changes.</summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginTransaction")]
[OutputType(typeof(SpsApplianceTransaction))]
public sealed class GetSpsPluginTransactionCommand : TransactionCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => Run(null, session => session.GetTransaction());
}
