using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Describes a plugin folder or zip: its entries, sizes, SHA-256 and MANIFEST. A zip is read from
/// its central directory only: nothing is extracted and the archive is never loaded whole.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginBundle", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginBundle))]
public sealed class GetSpsPluginBundleCommand : PathCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var bundle = SpsPluginBundle.Open(path);
        // The bundle is described even when its MANIFEST is missing or broken (seeing the entries
        // is how one finds a wrapping folder), but the problem is still reported as an error.
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
}
