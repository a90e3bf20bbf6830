using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Validates plugin folders and zips as SPS would: MANIFEST (the SDK's checks and PyYAML's traps),
/// the target release's plugin API and Python grammar, the Plugin class and its hooks, structure and
/// size, default.cfg, and zip hazards. Returns $true/$false per bundle, or one result per bundle with
/// -Detailed, and writes JUnit, SARIF and GitHub reports for CI from one validation run.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SpsPluginBundle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(bool))]
[OutputType(typeof(SpsPluginValidationResult))]
public sealed class TestSpsPluginBundleCommand : PathCmdletBase
{
    private const string Activity = "Validating plugin bundles";

    // Every bundle of the pipeline, validated in one run at its end so the Python checks of many
    // bundles can share interpreters; a path that does not exist is here too and fails.
    private readonly List<string> _bundles = new();
    private readonly List<SpsPluginValidationResult> _results = new();
    private SpsPluginValidationOptions _options = new();
    private bool _includeInformation;

    #region Parameters

    /// <summary>Output one result per bundle (path, passed, target, counts, findings) instead of $true or $false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>Warnings fail the bundle too, as -warnaserror does for compilers.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>The SPS release to check against, e.g. 6.0, 7.4, 9.0.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>The lowest severity to report: Error, Warning (the default) or Information.</summary>
    [Parameter]
    public Severity? Severity { get; set; }

    /// <summary>Only these rules (ids, wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RuleIdCompleter))]
    public string[]? IncludeRule { get; set; }

    /// <summary>Not these rules (ids, wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RuleIdCompleter))]
    public string[]? ExcludeRule { get; set; }

    /// <summary>A settings .psd1 file (or hashtable) with the keys TargetSpsVersion, Severity, IncludeRule, ExcludeRule, PythonPath, Strict.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Settings { get; set; }

    /// <summary>The reports to write: Junit, Sarif, GitHub, one or more, paired with -OutputPath by position.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public SpsPluginReportFormat[]? OutputFormat { get; set; }

    /// <summary>The report files, one per -OutputFormat at the same position (Junit and Sarif need one; GitHub commands go to the host without one).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OutputPath { get; set; }

    /// <summary>The Python 3 interpreter for the Python checks.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PythonPath { get; set; }

    /// <summary>Skip the Python checks (syntax, Plugin class, hooks); lexical checks are used instead.</summary>
    [Parameter]
    public SwitchParameter SkipPythonCheck { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var settings = LoadSettings();
        var severity = Severity ?? settings.Severity;
        _options = new SpsPluginValidationOptions
        {
            TargetRelease = ResolveRelease(TargetSpsVersion ?? settings.TargetSpsVersion),
            // Information (the target chosen, the grammar used) is on every clean bundle: it is output,
            // like the reports, only when asked for, so the default output is the findings to act on.
            MinimumSeverity = severity ?? SpsPlugin.Severity.Warning,
            Strict = MyInvocation.BoundParameters.ContainsKey(nameof(Strict)) ? Strict.IsPresent : settings.Strict ?? false,
            IncludeRules = IncludeRule ?? settings.IncludeRule ?? Array.Empty<string>(),
            ExcludeRules = ExcludeRule ?? settings.ExcludeRule ?? Array.Empty<string>(),
            UsePython = !SkipPythonCheck,
            PythonPath = PythonPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(PythonPath) : settings.PythonPath,
        };
        _includeInformation = severity == SpsPlugin.Severity.Information;
        WarnUnmatchedRules(IncludeRule != null ? "-IncludeRule" : "The settings' IncludeRule", _options.IncludeRules,
            SpsPluginValidator.SelectedRules(_options).Count == 0 ? "no rule is checked and every bundle passes" : "it selects no rule");
        WarnUnmatchedRules(ExcludeRule != null ? "-ExcludeRule" : "The settings' ExcludeRule", _options.ExcludeRules, "it leaves no rule out");
        CheckReportPaths();
    }

    // A rule id pattern that matches no rule is most likely a typo; in a gate it would pass in silence what
    // it meant to check (or check what it meant to leave out). Warnings, as for a -Name pattern of
    // Remove-SpsPluginInstallation: the run itself is still what was asked for.
    private void WarnUnmatchedRules(string source, IEnumerable<string> patterns, string consequence)
    {
        foreach (var pattern in patterns.Where(p => !SpsPluginValidator.Catalogue.Any(rule => SpsPluginValidator.MatchesWildcard(rule.Id, p))))
        {
            WriteWarning($"{source} '{pattern}' matches no rule, so {consequence}. Get-SpsPluginRule lists the rule ids.");
        }
    }

    /// <inheritdoc />
    // Null: a pattern that matches nothing is answered as a failed bundle in the output and every report (WriteNothingMatched), not by the shared error record.
    protected override string? NothingDone => null;

    /// <inheritdoc />
    protected override void ProcessPath(string path) => _bundles.AddRange(SpsPluginBundleCollection.Members(path));

    /// <summary>A path that does not exist is a bundle that fails (PathNotFound), in the output and in every report.</summary>
    protected override void WritePathNotFound(string path) => _bundles.Add(MissingPath(path));

    /// <summary>A wildcard that matches nothing fails too: a gate over ./dist/*.zip with an empty dist must not pass.</summary>
    protected override void WriteNothingMatched(string path) => _bundles.Add(MissingPath(path));

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        IEnumerable<SpsPluginValidationResult> results;
        try
        {
            results = SpsPluginValidator.ValidateMany(_bundles, _options);
        }
        catch (SpsPluginException failure)
        {
            // An interpreter named by -PythonPath or SPSPLUGIN_PYTHON that cannot run: never a silent fallback.
            ThrowTerminatingError(ErrorRecords.From(failure));
            throw;
        }
        foreach (var result in results)
        {
            if (_bundles.Count > 1)
            {
                WriteProgress(new ProgressRecord(1, Activity, result.Path) { PercentComplete = _results.Count * 100 / _bundles.Count });
            }
            _results.Add(result);
            Write(result);
        }
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteReports();
    }

    #endregion

    #region Private methods

    private void Write(SpsPluginValidationResult result)
    {
        WriteInterpreter(result.Path, result.Interpreter);
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

    /// <summary>The full path of a path that is not there, as far as the provider can tell; else the path as given.</summary>
    private string MissingPath(string path)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception error) when (error is System.Management.Automation.DriveNotFoundException || error is ProviderNotFoundException || error is NotSupportedException)
        {
            return path;
        }
    }

    /// <summary>The report of each -OutputFormat with the -OutputPath at its position, all from the one validation run.</summary>
    private IEnumerable<(SpsPluginReportFormat Format, string? Path)> Reports() =>
        (OutputFormat ?? Array.Empty<SpsPluginReportFormat>()).Select((format, i) => (format, OutputPath != null && i < OutputPath.Length ? OutputPath[i] : null));

    /// <summary>Stops before any validation when the reports cannot all be written as asked.</summary>
    private void CheckReportPaths()
    {
        var formats = OutputFormat ?? Array.Empty<SpsPluginReportFormat>();
        var paths = OutputPath ?? Array.Empty<string>();
        if (paths.Length > formats.Length)
        {
            Stop(SpsPluginErrorId.OutputPathUnpaired,
                $"-OutputPath '{paths[formats.Length]}' has no -OutputFormat at its position {formats.Length + 1}: give one format per path, in the same order.", paths[formats.Length]);
        }
        foreach (var (format, path) in Reports())
        {
            if (path == null && format != SpsPluginReportFormat.GitHub)
            {
                Stop(SpsPluginErrorId.OutputPathMissing, $"-OutputFormat {format} writes a file: give its -OutputPath at the same position.");
            }
        }
        var shared = paths.GroupBy(p => ResolveFileSystemPath(p, nameof(OutputPath)), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (shared != null)
        {
            Stop(SpsPluginErrorId.OutputPathUnpaired, $"-OutputPath names '{shared.Key}' for two reports: give each format its own file.", shared.Key);
        }
    }

    private void WriteReports()
    {
        if (OutputFormat == null)
        {
            return;
        }
        var options = new SpsPluginReportOptions
        {
            Rules = SpsPluginValidator.SelectedRules(_options),
            // On GitHub Actions annotations and SARIF must be relative to the checked-out repository.
            SourceRoot = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") is { Length: > 0 } workspace
                ? workspace
                : SpsPluginReportOptions.FindSourceRoot(SessionState.Path.CurrentFileSystemLocation.Path),
            IncludeInformation = _includeInformation,
        };
        foreach (var (format, path) in Reports())
        {
            var report = SpsPluginReports.Write(_results, format, options);
            if (path == null)
            {
                foreach (var line in report.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    Host.UI.WriteLine(line);
                }
                continue;
            }
            var file = ResolveFileSystemPath(path, nameof(OutputPath));
            if (ShouldProcess(file, $"Write the {format} report of {_results.Count} bundle(s)"))
            {
                IO.AtomicFile.WriteAllBytes(file, new System.Text.UTF8Encoding(false).GetBytes(report), overwrite: true);
            }
        }
    }

    /// <summary>-Settings read by Core: a hashtable as it is, a path as the .psd1 file PowerShell reads into one.</summary>
    private SpsPluginValidationSettings LoadSettings()
    {
        try
        {
            switch (ConfigValues.Unwrap(Settings))
            {
                case null:
                    return SpsPluginValidationSettings.Read(new Hashtable(), null);
                case IDictionary table:
                    return SpsPluginValidationSettings.Read(ToPlainTable(table), null);
                case string path:
                    var file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(file))
                    {
                        Stop(SpsPluginErrorId.SettingsNotFound, $"The settings file '{file}' does not exist.", file);
                    }
                    var data = InvokeCommand.InvokeScript("Import-PowerShellDataFile -LiteralPath $args[0]", file).FirstOrDefault()?.BaseObject;
                    return SpsPluginValidationSettings.Read(ToPlainTable(data), file);
                default:
                    throw new SpsPluginException(SpsPluginErrorId.SettingsInvalid, "-Settings takes the path of a .psd1 file or a hashtable.", Settings?.ToString());
            }
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
            throw;
        }
    }

    private static IDictionary ToPlainTable(object? data) => SimulationInput.ToPlain(data, new List<string>()) as IDictionary ?? new Hashtable();

    #endregion
}
