using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SpsPlugin.Completers;

/// <summary>Completes a parameter from a fixed list of values, each with a tooltip, by prefix and ignoring case.</summary>
public abstract class ListCompleter : IArgumentCompleter
{
    /// <summary>The values and their tooltips.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> Candidates();

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return Candidates()
            .Where(c => c.Key.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.Key, c.Key, CompletionResultType.ParameterValue, c.Value));
    }
}

/// <summary>Completes -TargetSpsVersion with the SPS releases SpsPlugin knows (6.0, 7.4, 9.0…).</summary>
public sealed class ReleaseCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsRelease.All.Select(r => new KeyValuePair<string, string>(r.Version.ToString(2), r.ToString()));
}

/// <summary>Completes rule ids for -IncludeRule, -ExcludeRule and -Id.</summary>
public sealed class RuleIdCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsPluginValidator.Catalogue.Select(r => new KeyValuePair<string, string>(r.Id, r.Title));
}

/// <summary>Completes -Template with the built-in template names.</summary>
public sealed class TemplateCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsPluginTemplate.BuiltIn.Select(t => new KeyValuePair<string, string>(t.Name, t.Description));
}

/// <summary>Completes -Type with the plugin types SPS knows.</summary>
public sealed class PluginTypeCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsPluginType.Known.Select(t => new KeyValuePair<string, string>(t.Name, $"{t.Name} plugins (reference {t.Source})"));
}

/// <summary>Completes -Operation with the operations of SPS's integrity check.</summary>
public sealed class IntegrityOperationCompleter : ListCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Candidates() =>
        SpsIntegrityOperation.All.Select(o => new KeyValuePair<string, string>(o, o));
}
