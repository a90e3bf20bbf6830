using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Reads a plugin policy configuration (a .cfg file, or the default.cfg of a plugin folder or zip,
/// read without extracting) exactly as the SDK's configparser reads it, keeping every byte.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginConfig))]
public sealed class GetSpsPluginConfigCommand : PathCmdletBase
{
    private const string ContentSet = "Content";

    // Where errors in -Content text are said to be: "-Content:3: …".
    private const string ContentSource = "-Content";

    /// <summary>Configuration text to parse instead of a file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContentSet)]
    [AllowEmptyString]
    public string? Content { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContentSet)
        {
            Emit(SpsPluginConfig.Parse(Content ?? string.Empty), ContentSource);
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    // Null: a Get-* cmdlet only reads, so like Get-Item it answers a pattern that matches nothing with nothing.
    protected override string? NothingDone => null;

    /// <inheritdoc />
    protected override void ProcessPath(string path) => Emit(SpsPluginBundle.OpenConfig(path));

    private void Emit(SpsPluginConfig config, string? source = null)
    {
        if (config.IsReadable)
        {
            WriteObject(config);
        }
        else
        {
            // Text has no path: its errors say they came from -Content (and that is their target).
            WriteDiagnosticErrors(source == null ? config.Diagnostics : config.Diagnostics.Select(d => d.At(null, source)));
        }
    }
}
