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
/// size, default.cfg, and zip hazards. Returns $true/$false per bundle, or the findings with
/// -Detailed, and writes JUnit, SARIF or GitHub reports for CI.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SpsPluginBundle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(bool))]
[OutputType(typeof(SpsPluginDiagnostic))]
public sealed class TestSpsPluginBundleCommand : PathCmdletBase
{
    private const string Activity = "Validating plugin bundles";

    private readonly List<SpsPluginValidationResult> _results = new();
    private SpsPluginValidationOptions _options = new();

    #region Parameters

    /// <summary>Output the findings instead of $true or $false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>The SPS release to check against, e.g. 6.0, 7.4, 9.0.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReleaseCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TargetSpsVersion { get; set; }

    /// <summary>The lowest severity to report: Error, Warning or Information.</summary>
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

    /// <summary>A settings .psd1 file (or hashtable) with the keys TargetSpsVersion, Severity, IncludeRule, ExcludeRule, PythonPath.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Settings { get; set; }

    /// <summary>Write a report: Junit, Sarif or GitHub.</summary>
    [Parameter]
    public SpsPluginReportFormat? OutputFormat { get; set; }

    /// <summary>The report file (required for Junit and Sarif; GitHub commands go to the host without it).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

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
        _options = new SpsPluginValidationOptions
        {
            TargetRelease = ResolveRelease(TargetSpsVersion ?? settings.TargetSpsVersion),
            MinimumSeverity = Severity ?? settings.Severity ?? SpsPlugin.Severity.Information,
            IncludeRules = IncludeRule ?? settings.IncludeRule ?? Array.Empty<string>(),
            ExcludeRules = ExcludeRule ?? settings.ExcludeRule ?? Array.Empty<string>(),
            UsePython = !SkipPythonCheck,
            PythonPath = PythonPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(PythonPath) : settings.PythonPath,
        };
        if ((OutputFormat == SpsPluginReportFormat.Junit || OutputFormat == SpsPluginReportFormat.Sarif) && OutputPath == null)
        {
            Stop(SpsPluginErrorId.OutputPathMissing, $"-OutputFormat {OutputFormat} writes a file: give -OutputPath.");
        }
    }

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var bundles = SpsPluginBundleCollection.Members(path);
        for (var i = 0; i < bundles.Count; i++)
        {
            if (bundles.Count > 1)
            {
                WriteProgress(new ProgressRecord(1, Activity, bundles[i]) { PercentComplete = i * 100 / bundles.Count });
            }
            Validate(bundles[i]);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        if (OutputFormat == null)
        {
            return;
        }
        var report = SpsPluginReports.Write(_results, OutputFormat.Value, SpsPluginValidator.SelectedRules(_options), SessionState.Path.CurrentFileSystemLocation.Path);
        if (OutputPath == null)
        {
            foreach (var line in report.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                Host.UI.WriteLine(line);
            }
            return;
        }
        var file = ResolveFileSystemPath(OutputPath, nameof(OutputPath));
        if (ShouldProcess(file, $"Write the {OutputFormat} report of {_results.Count} bundle(s)"))
        {
            IO.AtomicFile.WriteAllBytes(file, new System.Text.UTF8Encoding(false).GetBytes(report), overwrite: true);
        }
    }

    #endregion

    #region Private methods

    private void Validate(string bundle)
    {
        SpsPluginValidationResult result;
        try
        {
            result = SpsPluginValidator.ValidateMany(new[] { bundle }, _options).Single();
        }
        catch (SpsPluginException failure)
        {
            // An interpreter named by -PythonPath or SPSPLUGIN_PYTHON that cannot run: never a silent fallback.
            ThrowTerminatingError(ErrorRecords.From(failure));
            throw;
        }
        _results.Add(result);
        if (Detailed)
        {
            WriteObject(result.Diagnostics, enumerateCollection: true);
            return;
        }
        foreach (var finding in result.Diagnostics)
        {
            WriteVerbose(finding.ToString());
        }
        WriteObject(result.IsValid);
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
