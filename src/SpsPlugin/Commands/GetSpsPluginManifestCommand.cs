using System.IO;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Reads a plugin's MANIFEST from a plugin folder, a plugin zip (without extracting it) or a
/// MANIFEST file, typing every value as PyYAML's safe_load does, as SPS and the SDK read it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginManifest", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginManifest))]
public sealed class GetSpsPluginManifestCommand : PathCmdletBase
{
    /// <inheritdoc />
    // Null: a Get-* cmdlet only reads, so like Get-Item it answers a pattern that matches nothing with nothing.
    protected override string? NothingDone => null;

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        SpsPluginManifest? manifest;
        if (!Directory.Exists(path) && !SpsPluginBundle.IsZipFile(path))
        {
            manifest = SpsPluginManifest.Load(path);
        }
        else
        {
            var bundle = SpsPluginBundle.Open(path);
            manifest = bundle.Manifest ?? throw bundle.MissingManifestError();
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
}
