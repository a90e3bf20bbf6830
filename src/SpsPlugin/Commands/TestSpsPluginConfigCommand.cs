using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Checks policy configurations for what makes the SDK fail on them: configparser syntax, '$'
/// secrets that cannot be looked up, placeholders left in, bad '%', booleans other than yes/no, log
/// levels, and (against the plugin's default.cfg) unknown sections and options.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SpsPluginConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
[OutputType(typeof(SpsPluginDiagnostic))]
public sealed class TestSpsPluginConfigCommand : PathCmdletBase
{
    private const string InputObjectSet = "InputObject";

    private SpsPluginConfig? _reference;

    /// <summary>A configuration object to test.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ConfigSnapshotTransformation]
    public SpsPluginConfig? InputObject { get; set; }

    /// <summary>The plugin's default.cfg (or plugin folder or zip) that says which sections and options exist.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Reference { get; set; }

    /// <summary>Output the findings (SpsPluginDiagnostic) instead of $true or $false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Reference != null)
        {
            _reference = ResolveConfigOrStop(Reference, nameof(Reference));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            Report(InputObject!);
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        try
        {
            Report(SpsPluginBundle.OpenConfig(path));
        }
        catch (SpsPluginException)
        {
            if (!Detailed)
            {
                WriteObject(false);
            }
            throw;
        }
    }

    private void Report(SpsPluginConfig config)
    {
        var findings = SpsPluginConfigRules.Check(config, _reference);
        if (Detailed)
        {
            WriteObject(findings, enumerateCollection: true);
            return;
        }
        foreach (var finding in findings)
        {
            WriteVerbose(finding.ToString());
        }
        WriteObject(!findings.Any(f => f.Severity == Severity.Error));
    }
}
