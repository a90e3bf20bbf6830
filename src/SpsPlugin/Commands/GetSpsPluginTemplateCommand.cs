using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>Lists the templates New-SpsPlugin makes projects from, built-in or read from template folders.</summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginTemplate", DefaultParameterSetName = BuiltInSet)]
[OutputType(typeof(SpsPluginTemplate))]
public sealed class GetSpsPluginTemplateCommand : SpsPluginCmdletBase
{
    private const string BuiltInSet = "BuiltIn";
    private const string FolderSet = "TemplatePath";

    /// <summary>Only templates whose names match (wildcards).</summary>
    [Parameter(Position = 0, ParameterSetName = BuiltInSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TemplateCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Template folders to read (each with a template.json).</summary>
    [Parameter(Mandatory = true, ParameterSetName = FolderSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] TemplatePath { get; set; } = System.Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == FolderSet)
        {
            // A pattern that matches no folder lists nothing, as Get-ChildItem does (WriteNothingMatched is not overridden).
            foreach (var folder in ResolvePaths(TemplatePath, literal: false))
            {
                try
                {
                    WriteObject(SpsPluginTemplate.Load(folder));
                }
                catch (SpsPluginException e)
                {
                    WriteFailure(e);
                }
            }
            return;
        }
        foreach (var template in SpsPluginTemplate.BuiltIn)
        {
            if (Name == null || System.Linq.Enumerable.Any(Name, p => SpsPluginValidator.MatchesWildcard(template.Name, p)))
            {
                WriteObject(template);
            }
        }
        // A plain name that matches nothing is a mistake worth saying; a wildcard that matches nothing is not.
        foreach (var name in Name ?? System.Array.Empty<string>())
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name) &&
                !System.Linq.Enumerable.Any(SpsPluginTemplate.BuiltIn, t => string.Equals(t.Name, name, System.StringComparison.OrdinalIgnoreCase)))
            {
                WriteFailure(SpsPluginTemplate.NotFound(name));
            }
        }
    }
}
