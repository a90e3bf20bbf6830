using System.IO;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Reads a plugin's MANIFEST from a plugin folder, a plugin zip (without extracting it) or a
/// MANIFEST file, typing every value as PyYAML's safe_load does, as SPS and the SDK read it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginManifest", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginManifest))]
public sealed class GetSpsPluginManifestCommand : SpsPluginCmdletBase
{
    #region Parameters

    /// <summary>A plugin folder, zip or MANIFEST file; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>A plugin folder, zip or MANIFEST file, taken literally (no wildcards).</summary>
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
                var manifest = ReadManifest(path);
                if (manifest == null)
                {
                    continue;
                }
                if (manifest.IsReadable)
                {
                    WriteObject(manifest);
                }
                else
                {
                    WriteDiagnosticErrors(manifest.Diagnostics);
                }
            }
            catch (SpsPluginException failure)
            {
                WriteFailure(failure);
            }
        }
    }

    #endregion

    #region Private methods

    private SpsPluginManifest? ReadManifest(string path)
    {
        if (!Directory.Exists(path) && !SpsPluginBundle.IsZipFile(path))
        {
            return SpsPluginManifest.Load(path);
        }
        var bundle = SpsPluginBundle.Open(path);
        if (bundle.Manifest == null)
        {
            WriteFailure(bundle.MissingManifestError());
        }
        return bundle.Manifest;
    }

    #endregion
}
