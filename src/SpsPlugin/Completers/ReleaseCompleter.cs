using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SpsPlugin.Completers;

/// <summary>Completes -TargetSpsVersion with the SPS releases SpsPlugin knows (6.0, 7.4, 9.0…).</summary>
public sealed class ReleaseCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return SpsRelease.All
            .Select(r => r.Version.ToString(2))
            .Where(v => v.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, SpsRelease.Find(v)!.ToString()));
    }
}

/// <summary>Completes rule ids for -IncludeRule, -ExcludeRule and -Id.</summary>
public sealed class RuleIdCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return SpsPluginValidator.Catalogue
            .Where(r => r.Id.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r.Id, r.Id, CompletionResultType.ParameterValue, r.Title));
    }
}
