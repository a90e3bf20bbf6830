using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Describes a plugin folder or zip: its entries, sizes, SHA-256 and MANIFEST. A zip is read from
/// its central directory only: nothing is extracted and the archive is never loaded whole.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginBundle", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginBundle))]
public sealed class GetSpsPluginBundleCommand : SpsPluginCmdletBase
{
    #region Parameters

    /// <summary>A plugin folder or zip; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>A plugin folder or zip, taken literally (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in ResolvePaths(literal ? LiteralPath : Path, literal))
        {
            try
            {
                var bundle = SpsPluginBundle.Open(path);
                // The bundle is described even when its MANIFEST is missing or broken (seeing the
                // entries is how one finds a wrapping folder), but the problem is still an error.
                WriteObject(bundle);
                if (bundle.Manifest == null)
                {
                    WriteFailure(bundle.MissingManifestError());
                }
                else
                {
                    WriteDiagnosticErrors(bundle.Manifest.Diagnostics);
                }
            }
            catch (SpsPluginException failure)
            {
                WriteFailure(failure);
            }
        }
    }

    #endregion
}
