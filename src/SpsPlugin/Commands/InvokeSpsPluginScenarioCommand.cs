using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Runs scenario files (*.scenario.psd1): each simulates a connection and compares the outcome with
/// what it expects, returning a pass/fail result with the differences, and a JUnit report for CI.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SpsPluginScenario", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(SpsPluginScenarioResult))]
public sealed class InvokeSpsPluginScenarioCommand : SimulationCmdletBase
{
    private readonly List<SpsPluginScenarioResult> _results = new();

    // Inputs that gave no scenario to run (a path that is not there, a folder without scenario
    // files, a file that cannot be read): each is an error record and an <error> in the report, so
    // a run that tested nothing is never green.
    private readonly List<SpsPluginException> _inputFailures = new();

    /// <summary>Write a report of all scenarios: Junit.</summary>
    [Parameter]
    [ValidateSet("Junit", IgnoreCase = true)]
    public string? OutputFormat { get; set; }

    /// <summary>The report file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (OutputFormat != null && OutputPath == null)
        {
            Stop(SpsPluginErrorId.OutputPathMissing, "-OutputFormat Junit writes a file: give -OutputPath.");
        }
    }

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was tested";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*" + SpsPluginScenarioFile.Extension, SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : new[] { path };
        if (files.Length == 0)
        {
            Fail(new SpsPluginException(SpsPluginErrorId.ScenarioNotFound,
                $"The folder '{path}' holds no scenario file (*{SpsPluginScenarioFile.Extension}, searched in its subfolders too): nothing was tested.", path));
        }
        foreach (var file in files)
        {
            SpsPluginScenario scenario;
            try
            {
                // -Connection applies to every scenario; the file's connection keys win, as its Environment does.
                scenario = SpsPluginScenarioFile.Read(file, ReadDataFile(file), Timeout, ResolvedPythonPath, Connection);
            }
            catch (SpsPluginException failure)
            {
                // One broken scenario file does not stop the others.
                Fail(failure);
                continue;
            }
            // -Environment applies to every scenario; a scenario's own Environment key wins.
            var secrets = new List<string>();
            var environment = EnvironmentVariables(secrets);
            foreach (var pair in scenario.Simulation.Environment)
            {
                environment[pair.Key] = pair.Value;
            }
            scenario.Simulation.Environment = environment;
            scenario.Simulation.Secrets = secrets;
            WriteVerbose($"Scenario {scenario.Name} ({file})");
            scenario.Simulation.OnStep = step =>
            {
                CheckPythonVersion(step.Result);
                WriteVerbose($"  {step}");
            };
            var result = SpsPluginScenarioRunner.Run(scenario, StopToken);
            WriteInterpreter(scenario.Name, result.Simulation?.Interpreter);
            if (result.Skipped)
            {
                WriteVerbose($"  skipped: {result.SkipReason}");
            }
            _results.Add(result);
            WriteObject(result);
        }
    }

    /// <inheritdoc />
    protected override void WritePathNotFound(string path) => Fail(PathNotFound(path));

    /// <summary>A wildcard that matches no scenario file fails as a path that is not there, in the report too: the run would test nothing.</summary>
    protected override void WriteNothingMatched(string path) => Fail(NothingMatched(path));

    private void Fail(SpsPluginException failure)
    {
        WriteFailure(failure);
        _inputFailures.Add(failure);
    }

    /// <summary>
    /// The scenario file as plain values: PowerShell reads the data file (constants only, no code
    /// runs), Core reads the values. A file PowerShell cannot read is that scenario's failure.
    /// </summary>
    private IDictionary ReadDataFile(string file)
    {
        object? data;
        try
        {
            data = InvokeCommand.InvokeScript("Import-PowerShellDataFile -LiteralPath $args[0]", file).FirstOrDefault()?.BaseObject;
        }
        catch (RuntimeException error)
        {
            throw new SpsPluginException(SpsPluginErrorId.ScenarioInvalid, $"The scenario '{file}' is not a PowerShell data file: {error.Message}", file, innerException: error);
        }
        return SimulationInput.ToPlain(data, new List<string>()) as IDictionary
            ?? throw new SpsPluginException(SpsPluginErrorId.ScenarioInvalid, $"The scenario '{file}' is not a hashtable (@{{ … }}).", file);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (OutputFormat == null)
        {
            return;
        }
        var file = ResolveFileSystemPath(OutputPath!, nameof(OutputPath));
        if (ShouldProcess(file, $"Write the JUnit report of {_results.Count} scenario(s) and {_inputFailures.Count} input failure(s)"))
        {
            IO.AtomicFile.WriteAllBytes(file, new System.Text.UTF8Encoding(false).GetBytes(SpsPluginScenarioReport.Junit(_results, _inputFailures)), overwrite: true);
        }
    }
}
