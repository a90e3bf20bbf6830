using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SpsPlugin.Commands;

namespace SpsPlugin;

/// <summary>
/// What the simulation cmdlets share: the interpreter and timeout parameters, a cancellation that
/// Ctrl+C (StopProcessing) triggers so the plugin's process tree is killed, and the reporting of a
/// failed hook as an error record that carries the Python traceback.
/// </summary>
public abstract class SimulationCmdletBase : PathCmdletBase
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>How long each hook may run, in seconds, before it is killed with its child processes.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double TimeoutSec { get; set; } = 30;

    /// <summary>The Python 3 interpreter to run plugins with.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PythonPath { get; set; }

    /// <summary>
    /// Variables added to the plugin's minimal environment (PATH, HOME, locale, TMPDIR, the state
    /// directories): the caller's own environment is not passed on. A SecureString value is masked in
    /// everything the command returns or shows.
    /// </summary>
    [Parameter]
    public IDictionary? Environment { get; set; }

    /// <summary>The SPS release the plugin is meant for: a warning says when the interpreter's Python differs from the release's.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Completers.ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>
    /// The connection (New-SpsPluginConnection), by value or by property name from the pipeline; the
    /// same object gives the same hook arguments in every simulation cmdlet.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public SpsPluginConnection? Connection { get; set; }

    /// <summary>-Connection with <paramref name="parameters"/> over it (a copy: the piped object stays as it was); the defaults when neither is given.</summary>
    /// <exception cref="SpsPluginException">LoginNameInvalid.</exception>
    protected SpsPluginConnection ConnectionWith(ConnectionParameters parameters) => parameters.ToSettings().ApplyTo(Connection);

    private SpsRelease? _release;
    private bool _warnedAboutPython;

    /// <inheritdoc />
    protected override void BeginProcessing() => _release = ResolveRelease(TargetSpsVersion);

    /// <summary>Warns, once per command, when the interpreter's Python is not the target release's.</summary>
    protected void CheckPythonVersion(SpsPluginHookResult result)
    {
        if (_release != null && !_warnedAboutPython && result.PythonVersion != null &&
            result.PythonVersion != new Version(_release.PythonVersion.Major, _release.PythonVersion.Minor))
        {
            _warnedAboutPython = true;
            WriteWarning($"The plugin ran on Python {result.PythonVersion}; {_release} runs Python {_release.PythonVersion.ToString(2)}. Behaviour can differ (syntax, standard library); give -PythonPath to use a matching interpreter.");
        }
    }

    /// <summary>-Environment as variables; SecureString values go into <paramref name="secrets"/>.</summary>
    /// <exception cref="SpsPluginException">HookEnvironmentInvalid.</exception>
    protected Dictionary<string, string> EnvironmentVariables(ICollection<string> secrets) => SimulationInput.ToEnvironment(Environment, secrets);

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken StopToken => _stop.Token;

    /// <summary>The timeout as a TimeSpan.</summary>
    protected TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSec);

    /// <summary>The interpreter given, resolved to a file-system path.</summary>
    protected string? ResolvedPythonPath => PythonPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(PythonPath);

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Warns about stdout output and writes an error record for a failed hook.</summary>
    protected void ReportHook(SpsPluginHookResult result, string plugin)
    {
        CheckPythonVersion(result);
        if (result.Stdout.Length > 0)
        {
            WriteWarning($"{result.Hook} printed {result.Stdout.Length:N0} characters to stdout{(result.OutputTruncated ? " (cut at 1 MiB)" : string.Empty)}. SPS does not read a plugin's stdout; log to stderr, and return results from the hook.");
        }
        if (result.Succeeded)
        {
            return;
        }
        var exception = new SpsPluginException(SpsPluginErrorId.HookFailed, $"{plugin}: {result.Hook} failed ({result.ErrorKind}): {result.Error}", plugin);
        // The kind stays in the id (HookFailed.timeout, HookFailed.raised), so scripts can tell them apart;
        // the vocabulary says what to do about each kind.
        WriteError(ErrorRecords.FromFamily(exception, result.ErrorKind!,
            exception.Message + (result.Traceback == null ? string.Empty : System.Environment.NewLine + result.Traceback.TrimEnd()),
            (HookFailureKind.Find(result.ErrorKind) ?? HookFailureKind.Failed).RecommendedAction));
    }
}
