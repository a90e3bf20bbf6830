using System.Management.Automation;

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
}
