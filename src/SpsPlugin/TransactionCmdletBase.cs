using System;
using System.Management.Automation;
using SpsPlugin.Commands;

namespace SpsPlugin;

/// <summary>
/// The base of the transaction cmdlets: one call on the session (given, piped in by property name, or the
/// default), asked through ShouldProcess when it changes something, its answer written as the
/// transaction's state and its failure as an error record naming the appliance.
/// </summary>
public abstract class TransactionCmdletBase : ApplianceCmdletBase
{
    /// <summary>Runs <paramref name="step"/> on the session; <paramref name="action"/> null for a read without ShouldProcess.</summary>
    protected void Run(string? action, Func<SpsApplianceSession, SpsApplianceTransaction> step)
    {
        var session = ResolveSession();
        if (action != null && !ShouldProcess($"{session.Appliance} (session of {session.UserName})", action))
        {
            return;
        }
        try
        {
            var transaction = step(session);
            WriteVerbose($"{session.Appliance}: transaction {transaction.Status}{(transaction.RemainingSeconds is { } left ? $", {left} s left" : string.Empty)}, {(transaction.Changes is { } changes ? changes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an unknown number of")} pending change(s).");
            WriteObject(transaction);
        }
        catch (SpsPluginException failure)
        {
            WriteError(ErrorRecords.From(failure, session.Appliance));
        }
    }
}
