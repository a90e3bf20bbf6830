using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The outcome of a simulated connection.</summary>
public sealed class SpsPluginSimulationResult
{
    internal SpsPluginSimulationResult(string verdict, string? reason, string? gatewayUser, IReadOnlyList<string> gatewayGroups,
        IReadOnlyList<SpsPluginSimulationStep> steps, TimeSpan duration)
    {
        Verdict = verdict;
        Reason = reason;
        GatewayUser = gatewayUser;
        GatewayGroups = gatewayGroups;
        Steps = steps;
        Duration = duration;
    }

    /// <summary>ACCEPT (the connection goes on), DENY, or ERROR (a hook failed): <see cref="SpsVerdict"/>.</summary>
    public string Verdict { get; }

    /// <summary>Why it was denied or failed.</summary>
    public string? Reason { get; }

    /// <summary>The gateway user after the plugins.</summary>
    public string? GatewayUser { get; }

    /// <summary>The gateway groups after the plugins.</summary>
    public IReadOnlyList<string> GatewayGroups { get; }

    /// <summary>Every hook call, in order.</summary>
    public IReadOnlyList<SpsPluginSimulationStep> Steps { get; }

    /// <summary>The prompts the plugins asked, in order.</summary>
    public IReadOnlyList<SpsPluginQuestion> Questions => Steps.Where(s => s.Result.Verdict == SpsVerdict.NeedInfo && s.Result.Question != null).Select(s => s.Result.Question!).ToArray();

    /// <summary>The passwords the credential store returned (masked in views).</summary>
    public IReadOnlyList<string> Passwords => Steps.Where(s => s.Hook == SpsHooks.GetPasswordList.Name).SelectMany(s => s.Result.Passwords).ToArray();

    /// <summary>The private keys the credential store returned.</summary>
    public IReadOnlyList<SpsPluginPrivateKey> PrivateKeys => Steps.Where(s => s.Hook == SpsHooks.GetPrivateKeyList.Name).SelectMany(s => s.Result.PrivateKeys).ToArray();

    /// <summary>The interpreter that ran the hooks and why it was chosen (e.g. "…/.venv/bin/python (Python 3.12.1), the project's .venv (…)").</summary>
    public string? Interpreter { get; internal set; }

    /// <summary>How long the whole flow took.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public override string ToString() => Verdict;
}
