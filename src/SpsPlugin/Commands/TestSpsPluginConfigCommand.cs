using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Checks policy configurations for what makes the SDK fail on them: configparser syntax, '$'
/// secrets that cannot be looked up, placeholders left in, bad '%', booleans other than yes/no, log
/// levels, and (against the plugin's default.cfg) unknown sections and options.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SpsPluginConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
[OutputType(typeof(SpsPluginConfigTestResult))]
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

    /// <summary>Output a result per file (SpsPluginConfigTestResult: Path, Passed, counts, Findings) instead of $true or $false.</summary>
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
    protected override string? NothingDone => "nothing was tested";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        try
        {
            Report(SpsPluginBundle.OpenConfig(path));
        }
        catch (SpsPluginException failure)
        {
            // A file that is no configuration at all (binary, not UTF-8, too large) still answers for itself.
            Answer(failure, path);
        }
    }

    /// <inheritdoc />
    protected override void WritePathNotFound(string path) => Answer(PathNotFound(path), FullPath(path));

    /// <inheritdoc />
    protected override void WriteNothingMatched(string path) => Answer(NothingMatched(path), FullPath(path));

    // Every path given gets its answer ($false or a failed result), then the error record: a report
    // over many files lists the missing one with the rest.
    private void Answer(SpsPluginException failure, string path)
    {
        WriteObject(Detailed ? SpsPluginConfigTestResult.ForFailure(failure, path, _reference?.Path) : false);
        WriteFailure(failure);
    }

    private void Report(SpsPluginConfig config)
    {
        var result = SpsPluginConfigTestResult.Test(config, _reference);
        if (Detailed)
        {
            WriteObject(result);
            return;
        }
        foreach (var finding in result.Findings)
        {
            WriteVerbose(finding.ToString());
        }
        WriteObject(result.Passed);
    }
}
