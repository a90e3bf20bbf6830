using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;

namespace SpsPlugin.Commands;

/// <summary>
/// Sets up a plugin project's own Python environment as `pipenv install --dev` would: a .venv beside
/// the Pipfile, with [packages] and [dev-packages] (the SDK pin) installed by pip. The simulator and
/// the validator then run the plugin with that interpreter.
/// </summary>
[Cmdlet(VerbsData.Initialize, "SpsPluginEnvironment", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(PythonInterpreter))]
public sealed class InitializeSpsPluginEnvironmentCommand : PathCmdletBase
{
    private const string Activity = "Setting up the plugin's Python environment";

    /// <summary>The Python 3 to create the .venv with; by default the Pipfile's python_version, else the system's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PythonPath { get; set; }

    /// <summary>Delete an existing .venv and create it again.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The package index pip installs from (by default the Pipfile's first [[source]], else pip's own setting: PyPI).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IndexUrl { get; set; }

    /// <summary>Folders or pages of wheels pip may install from (pip --find-links).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? FindLinks { get; set; }

    /// <summary>Install only from -FindLinks, never from an index (pip --no-index): for machines without network.</summary>
    [Parameter]
    public SwitchParameter NoIndex { get; set; }

    /// <summary>How often pip retries a connection (pip --retries); pip's default is 5.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int? Retries { get; set; }

    /// <inheritdoc />
    protected override string? NothingDone => "no environment was set up";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var options = new SpsPluginEnvironmentOptions
        {
            ProjectPath = path,
            PythonPath = PythonPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(PythonPath),
            Force = Force,
            IndexUrl = IndexUrl,
            NoIndex = NoIndex,
            Retries = Retries,
        };
        foreach (var links in FindLinks ?? Array.Empty<string>())
        {
            options.FindLinks.Add(links.Contains("://") ? links : SessionState.Path.GetUnresolvedProviderPathFromPSPath(links));
        }
        var plan = SpsPluginEnvironmentSetup.Plan(options);
        WriteVerbose($"Pipfile: {plan.Pipfile.Path}; interpreter: {plan.Interpreter.Describe()}");
        if (plan.Interpreter.VersionWarning is { } warning)
        {
            WriteWarning(warning);
        }
        if (plan.Exists && !plan.Recreate)
        {
            WriteVerbose($"{plan.EnvironmentPath} exists: packages are installed into it (-Force creates it again).");
        }
        if (!ShouldProcess(plan.EnvironmentPath, plan.Description))
        {
            return;
        }
        WriteObject(RunWithProgress(plan, options));
    }

    /// <summary>
    /// Runs the set-up on a worker and shows each line pip prints as progress from this thread: the
    /// PowerShell host accepts progress and verbose records only from the pipeline thread.
    /// </summary>
    private PythonInterpreter RunWithProgress(SpsPluginEnvironmentPlan plan, SpsPluginEnvironmentOptions options)
    {
        using var lines = new BlockingCollection<string>();
        var work = Task.Run(() =>
        {
            try
            {
                return SpsPluginEnvironmentSetup.Run(plan, options, lines.Add);
            }
            finally
            {
                lines.CompleteAdding();
            }
        });
        foreach (var line in lines.GetConsumingEnumerable())
        {
            WriteProgress(new ProgressRecord(1, Activity, plan.EnvironmentPath) { CurrentOperation = line });
            WriteVerbose(line);
        }
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        // A failure (PackageIndexUnreachable, EnvironmentSetupFailed) comes out as it was thrown, for this path's error record.
        return work.GetAwaiter().GetResult();
    }
}
