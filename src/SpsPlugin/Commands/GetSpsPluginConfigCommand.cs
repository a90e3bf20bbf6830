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

    /// <summary>Configuration text to parse instead of a file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContentSet)]
    [AllowEmptyString]
    public string? Content { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ContentSet)
        {
            var config = SpsPluginConfig.Parse(Content ?? string.Empty);
            if (!config.IsReadable)
            {
                // No file to name: the errors say the text came from -Content.
                WriteDiagnosticErrors(config.Diagnostics.Select(d => new SpsPluginDiagnostic(
                    d.RuleId, d.Severity, d.Message, null, "-Content", d.Line, d.Column, d.SuggestedFix)));
                return;
            }
            WriteObject(config);
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    protected override void ProcessPath(string path) => Emit(SpsPluginBundle.OpenConfig(path));

    private void Emit(SpsPluginConfig config)
    {
        if (config.IsReadable)
        {
            WriteObject(config);
        }
        else
        {
            WriteDiagnosticErrors(config.Diagnostics);
        }
    }
}
