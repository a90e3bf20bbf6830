using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SpsPlugin.Completers;

/// <summary>Completes -Hook with the hooks SPS calls (AA and credential store).</summary>
public sealed class HookCompleter : IArgumentCompleter
{
    internal static readonly string[] Hooks =
    {
        "authenticate", "authorize", "session_ended", "get_password_list", "get_private_key_list", "authentication_completed",
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Hooks.Where(h => h.StartsWith(wordToComplete.Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
            .Select(h => new CompletionResult(h, h, CompletionResultType.ParameterValue, h));
}
