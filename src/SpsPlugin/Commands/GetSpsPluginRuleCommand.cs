using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>Lists the rules Test-SpsPluginBundle checks, with their ids, severities, descriptions and fixes.</summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginRule")]
[OutputType(typeof(SpsPluginRule))]
public sealed class GetSpsPluginRuleCommand : SpsPluginCmdletBase
{
    /// <summary>Only rules whose ids match (wildcards).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RuleId")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RuleIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only rules of these areas: Manifest, Release, Python, Structure, Config, Zip.</summary>
    [Parameter]
    [ValidateSet("Manifest", "Release", "Python", "Structure", "Config", "Zip", IgnoreCase = true)]
    public string[]? Area { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var rule in SpsPluginValidator.Catalogue)
        {
            if ((Id == null || Id.Any(p => SpsPluginValidator.MatchesWildcard(rule.Id, p))) &&
                (Area == null || Area.Any(a => string.Equals(a, rule.Area, System.StringComparison.OrdinalIgnoreCase))))
            {
                WriteObject(rule);
            }
        }
    }
}
