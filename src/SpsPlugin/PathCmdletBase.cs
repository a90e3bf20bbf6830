using System.Management.Automation;
using SpsPlugin.Commands;

namespace SpsPlugin;

/// <summary>
/// A cmdlet whose input is plugin paths: -Path (wildcards, by value and by property name) or
/// -LiteralPath (PSPath, LP, FullName). Each resolved path is handed to <see cref="ProcessPath"/>;
/// a Core failure for one path becomes an error record and the pipeline goes on.
/// </summary>
public abstract class PathCmdletBase : SpsPluginCmdletBase
{
    /// <summary>The paths to read; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The paths to read, taken literally (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>True when the current parameter set is -Path or -LiteralPath (derived cmdlets may add others).</summary>
    protected bool IsPathSet => ParameterSetName == PathSet || ParameterSetName == LiteralPathSet;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!IsPathSet)
        {
            return;
        }
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in ResolvePaths(literal ? LiteralPath : Path, literal))
        {
            try
            {
                ProcessPath(path);
            }
            catch (SpsPluginException failure)
            {
                WriteFailure(failure);
            }
        }
    }

    /// <summary>Does the cmdlet's work for one resolved file-system path.</summary>
    protected abstract void ProcessPath(string path);

    /// <summary>
    /// What a -Path wildcard that matches nothing leaves undone, as a clause ("nothing was packed"), or
    /// null for a Get-* cmdlet that only reads: like Get-Item and Get-ChildItem it answers a pattern that
    /// matches nothing with nothing, which is a true answer. A cmdlet that acts must name what it did not
    /// do, since silence would read as success; abstract, so that every new cmdlet decides.
    /// </summary>
    protected abstract string? NothingDone { get; }

    /// <summary>The one rule for every cmdlet that acts: a non-terminating PathNotFound (ObjectNotFound) naming the pattern.</summary>
    protected override void WriteNothingMatched(string path)
    {
        if (NothingDone != null)
        {
            WriteError(ErrorRecords.From(NothingMatched(path)));
        }
    }

    /// <summary>
    /// The failure for a -Path wildcard that matches nothing; a cmdlet that answers for every path
    /// (Test-SpsPluginConfig's $false, a scenario report's error) answers with it instead of writing it.
    /// </summary>
    protected SpsPluginException NothingMatched(string path) =>
        new(SpsPluginErrorId.PathNotFound, $"-Path '{path}' matches no file or folder, so {NothingDone ?? "nothing was done"}. Check the pattern (Get-ChildItem '{path}').", FullPath(path));
}
