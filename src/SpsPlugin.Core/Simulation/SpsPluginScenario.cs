using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace SpsPlugin;

/// <summary>What a scenario expects of its simulated connection; a null expectation is not checked.</summary>
public sealed class SpsPluginScenarioExpectation
{
    /// <summary>ACCEPT, DENY or ERROR.</summary>
    public string? Verdict { get; set; }

    /// <summary>The gateway user after the plugins.</summary>
    public string? GatewayUser { get; set; }

    /// <summary>The gateway groups after the plugins, in any order.</summary>
    public IReadOnlyList<string>? GatewayGroups { get; set; }

    /// <summary>The prompts asked, in order (wildcards allowed).</summary>
    public IReadOnlyList<string>? Prompts { get; set; }

    /// <summary>The reason of a DENY or ERROR (wildcards allowed).</summary>
    public string? Reason { get; set; }

    /// <summary>How many passwords the credential store returns.</summary>
    public int? PasswordCount { get; set; }

    /// <summary>How many private keys the credential store returns.</summary>
    public int? PrivateKeyCount { get; set; }

    /// <summary>The longest the whole flow may take.</summary>
    public TimeSpan? MaxDuration { get; set; }
}

/// <summary>A simulated connection and what it should give: one <c>*.scenario.psd1</c> file.</summary>
public sealed class SpsPluginScenario
{
    /// <summary>The scenario's name (by default the file name).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The scenario file.</summary>
    public string? Path { get; set; }

    /// <summary>Python modules the scenario needs (RequiresModule): when the interpreter cannot import one, the scenario is skipped, saying which.</summary>
    public IReadOnlyList<string> RequiredModules { get; set; } = Array.Empty<string>();

    /// <summary>The connection to simulate.</summary>
    public SpsPluginSimulationOptions Simulation { get; set; } = new();

    /// <summary>The expectations.</summary>
    public SpsPluginScenarioExpectation Expect { get; set; } = new();
}

/// <summary>The outcome of a scenario: passed, or the differences between what was expected and what happened.</summary>
public sealed class SpsPluginScenarioResult
{
    internal SpsPluginScenarioResult(SpsPluginScenario scenario, SpsPluginSimulationResult? simulation, IReadOnlyList<string> differences, string? error, string? skipReason = null)
    {
        SkipReason = skipReason;
        Name = scenario.Name;
        Path = scenario.Path;
        Simulation = simulation;
        Differences = differences;
        Error = error;
    }

    /// <summary>The scenario's name.</summary>
    public string Name { get; }

    /// <summary>The scenario file.</summary>
    public string? Path { get; }

    /// <summary>True when the scenario ran and every expectation held.</summary>
    public bool Passed => !Skipped && Differences.Count == 0;

    /// <summary>True when the scenario did not run because the interpreter lacks a module it requires.</summary>
    public bool Skipped => SkipReason != null;

    /// <summary>Why the scenario was skipped, when it was.</summary>
    public string? SkipReason { get; }

    /// <summary>What differed, one sentence each.</summary>
    public IReadOnlyList<string> Differences { get; }

    /// <summary>The simulation (null when it could not run).</summary>
    public SpsPluginSimulationResult? Simulation { get; }

    /// <summary>Why the simulation could not run, when it could not.</summary>
    public string? Error { get; }

    /// <summary>The verdict reached, ERROR when the simulation could not run, empty when the scenario was skipped.</summary>
    public string Verdict => Simulation?.Verdict ?? (Skipped ? string.Empty : SpsVerdict.SimulationError);

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => Simulation?.Duration ?? TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {(Skipped ? "skipped: " + SkipReason : Passed ? "passed" : string.Join("; ", Differences))}";
}

/// <summary>Runs scenarios and compares what happened with what they expect.</summary>
public static class SpsPluginScenarioRunner
{
    /// <summary>Runs one scenario, or skips it when the interpreter cannot import a module it requires. Never throws for a failing plugin: failures are differences.</summary>
    public static SpsPluginScenarioResult Run(SpsPluginScenario scenario, CancellationToken cancellation = default)
    {
        SpsPluginSimulationResult simulation;
        try
        {
            if (scenario.RequiredModules.Count > 0)
            {
                var plugin = string.IsNullOrEmpty(scenario.Simulation.AaPlugin) ? scenario.Simulation.CredentialStore : scenario.Simulation.AaPlugin;
                var python = SpsPluginHookRunner.FindInterpreterOrFail(scenario.Simulation.PythonPath, plugin).Path;
                var missing = RequiredModuleProbe.Missing(python, scenario.RequiredModules, scenario.Simulation.Environment, cancellation);
                if (missing.Count > 0)
                {
                    return new SpsPluginScenarioResult(scenario, null, Array.Empty<string>(), null,
                        $"{python} cannot import {string.Join(", ", missing)} (RequiresModule); install it into the plugin's environment, or give -PythonPath (SPSPLUGIN_PYTHON) an interpreter that has it");
                }
            }
            simulation = SpsPluginSimulator.Run(scenario.Simulation, cancellation);
        }
        catch (SpsPluginException failure)
        {
            return new SpsPluginScenarioResult(scenario, null, new[] { "The simulation could not run: " + failure.Message }, failure.Message);
        }
        return new SpsPluginScenarioResult(scenario, simulation, Compare(scenario.Expect, simulation), null);
    }

    private static List<string> Compare(SpsPluginScenarioExpectation expect, SpsPluginSimulationResult actual)
    {
        var differences = new List<string>();
        void Check(string what, string? expected, string? got)
        {
            if (expected != null && !Like(got ?? string.Empty, expected))
            {
                differences.Add($"{what}: expected '{expected}', got '{got ?? "(none)"}'");
            }
        }
        Check("Verdict", expect.Verdict, actual.Verdict);
        Check("GatewayUser", expect.GatewayUser, actual.GatewayUser);
        Check("Reason", expect.Reason, actual.Reason);
        if (expect.GatewayGroups != null && !expect.GatewayGroups.OrderBy(g => g, StringComparer.Ordinal).SequenceEqual(actual.GatewayGroups.OrderBy(g => g, StringComparer.Ordinal)))
        {
            differences.Add($"GatewayGroups: expected [{string.Join(", ", expect.GatewayGroups)}], got [{string.Join(", ", actual.GatewayGroups)}]");
        }
        if (expect.Prompts != null)
        {
            var asked = actual.Questions.Select(q => q.Prompt.Trim()).ToArray();
            if (asked.Length != expect.Prompts.Count || asked.Where((p, i) => !Like(p, expect.Prompts[i].Trim())).Any())
            {
                differences.Add($"Prompts: expected [{string.Join(" | ", expect.Prompts)}], got [{string.Join(" | ", asked)}]");
            }
        }
        if (expect.PasswordCount is int passwords && actual.Passwords.Count != passwords)
        {
            differences.Add($"PasswordCount: expected {passwords}, got {actual.Passwords.Count}");
        }
        if (expect.PrivateKeyCount is int keys && actual.PrivateKeys.Count != keys)
        {
            differences.Add($"PrivateKeyCount: expected {keys}, got {actual.PrivateKeys.Count}");
        }
        if (expect.MaxDuration is TimeSpan limit && actual.Duration > limit)
        {
            differences.Add(string.Format(CultureInfo.InvariantCulture, "Duration: expected at most {0:N0} ms, took {1:N0} ms", limit.TotalMilliseconds, actual.Duration.TotalMilliseconds));
        }
        return differences;
    }

    private static bool Like(string text, string pattern) => Wildcard.Matches(text, pattern);
}
