using System.IO;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Writes a configuration object to a file, atomically, keeping its exact bytes (line ends, BOM).
/// An existing file is replaced only with -Force, except the file the configuration was read from
/// when it is unchanged since (else ConfigFileChanged).
/// </summary>
[Cmdlet(VerbsData.Save, "SpsPluginConfig", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class SaveSpsPluginConfigCommand : SpsPluginCmdletBase
{
    /// <summary>The configuration to save.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ConfigSnapshotTransformation]
    public SpsPluginConfig? InputObject { get; set; }

    /// <summary>The file to write; by default the file the configuration was read from.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Replace an existing file; also save a configuration that has parse errors.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the saved file (FileInfo) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var config = InputObject!;
        var target = Path ?? config.SourceFile;
        if (target == null)
        {
            WriteError(ErrorRecords.From(new SpsPluginException(SpsPluginErrorId.SavePathMissing,
                "This configuration was not read from a file of its own; give -Path to say where to save it."), config));
            return;
        }
        var file = ResolveFileSystemPath(target, "Path");
        if (!config.IsReadable && !Force)
        {
            WriteFailure(new SpsPluginException(SpsPluginErrorId.ConfigEditRejected,
                $"The configuration has errors (line {config.Diagnostics[0].Line}: {config.Diagnostics[0].Message}); fix them, or use -Force to save it anyway.", file));
            return;
        }
        if (!ShouldProcess(file, "Save configuration"))
        {
            return;
        }
        try
        {
            // Back to its own file: no -Force needed unless something else changed the file since it was read.
            if (config.SourceFile != null && PathsEqual(file, config.SourceFile))
            {
                _ = config.SaveToSource(Force);
            }
            else
            {
                config.Save(file, overwrite: Force);
            }
        }
        catch (SpsPluginException failure)
        {
            WriteFailure(failure);
            return;
        }
        if (PassThru)
        {
            WriteFileSystemItem(file);
        }
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b),
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux) ? System.StringComparison.Ordinal : System.StringComparison.OrdinalIgnoreCase);
}
