using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Plays a whole connection against an AA plugin (and a credential store): authenticate and authorize
/// with their NEEDINFO questions answered from -Answer or at the prompt, the credential store's
/// passwords and keys, authentication_completed, and session_ended for every plugin.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SpsPluginSimulation", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginSimulationResult))]
public sealed class InvokeSpsPluginSimulationCommand : SimulationCmdletBase, IDynamicParameters
{
    private readonly ConnectionParameters _connectionParameters = new();

    #region Parameters

    /// <summary>The credential store plugin (folder or zip) beside the AA plugin; a store alone is given as -Path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CredentialStore { get; set; }

    /// <summary>Answers to NEEDINFO questions by key: a string, a SecureString, or several for questions asked again.</summary>
    [Parameter]
    public IDictionary? Answer { get; set; }

    /// <summary>The configuration of the plugin at -Path (text, file, plugin folder or zip, SpsPluginConfig); by default its default.cfg.</summary>
    [Parameter]
    public object? Configuration { get; set; }

    /// <summary>The credential store's configuration; by default its default.cfg.</summary>
    [Parameter]
    public object? CredentialStoreConfiguration { get; set; }

    /// <summary>The most questions a hook may ask in a row.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxQuestions { get; set; } = 10;

    /// <summary>Never prompt: a question without an answer in -Answer is an error.</summary>
    [Parameter]
    public SwitchParameter NonInteractive { get; set; }

    #endregion

    /// <inheritdoc />
    public object GetDynamicParameters() => _connectionParameters;

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was simulated";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var connection = ConnectionWith(_connectionParameters);
        string Resolve(string p) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p);
        // A connection policy may have a credential store and no AA plugin: a store given as -Path plays alone.
        var storeAlone = SpsPluginSimulator.IsCredentialStore(path);
        if (storeAlone && (CredentialStore != null || CredentialStoreConfiguration != null))
        {
            throw new SpsPluginException(SpsPluginErrorId.CredentialStoreConflict,
                $"'{path}' is a credential store, so it plays alone and -Configuration is its configuration; -CredentialStore and -CredentialStoreConfiguration are for a store beside an AA plugin given as -Path.", path);
        }
        var store = storeAlone ? path : CredentialStore == null ? null : Resolve(CredentialStore);
        var aa = storeAlone ? string.Empty : path;
        var secrets = new List<string>();
        var options = new SpsPluginSimulationOptions
        {
            AaPlugin = aa,
            AaConfiguration = storeAlone ? string.Empty : SimulationInput.ConfigurationText(Configuration, path, Resolve),
            CredentialStore = store,
            CredentialStoreConfiguration = store == null ? string.Empty
                : SimulationInput.ConfigurationText(storeAlone ? Configuration : CredentialStoreConfiguration, store, Resolve),
            Connection = connection,
            Answers = SimulationInput.ToAnswers(Answer),
            Ask = NonInteractive ? null : Ask,
            MaxQuestions = MaxQuestions,
            HookTimeout = Timeout,
            PythonPath = ResolvedPythonPath,
            OnStep = Narrate,
            Environment = EnvironmentVariables(secrets),
            Secrets = secrets,
        };
        var result = SpsPluginSimulator.Run(options, StopToken);
        WriteInterpreter(path, result.Interpreter);
        WriteObject(result);
    }

    /// <summary>Asks at the host's prompt, echo off when the plugin wants it; null when the host cannot ask (pwsh -NonInteractive).</summary>
    private SpsPluginAnswer? Ask(SpsPluginQuestion question)
    {
        try
        {
            Host.UI.Write(question.Prompt);
            if (question.DisableEcho)
            {
                var secret = Host.UI.ReadLineAsSecureString();
                return secret == null ? null : new SpsPluginAnswer(ConfigValues.ToText(secret), isSecret: true);
            }
            var line = Host.UI.ReadLine();
            return line == null ? null : new SpsPluginAnswer(line, isSecret: false);
        }
        catch (Exception error) when (error is PSInvalidOperationException || error is NotImplementedException || error is InvalidOperationException)
        {
            return null;
        }
    }

    private void Narrate(SpsPluginSimulationStep step)
    {
        var result = step.Result;
        var answered = step.AnsweredQuestion == null ? string.Empty : $" (with {step.AnsweredQuestion.Key}={step.AnswerShown})";
        var outcome = step.Status == SpsPluginStepStatus.Skipped ? step.Outcome
            : !result.Succeeded ? $"failed: {result.Error}"
            : result.Verdict == SpsVerdict.NeedInfo ? $"{SpsVerdict.NeedInfo} '{result.Question?.Prompt.Trim()}' (key {result.Question?.Key})"
            : result.Verdict ?? (result.Passwords.Count + result.PrivateKeys.Count > 0 ? $"{result.Passwords.Count} password(s), {result.PrivateKeys.Count} key(s)" : "done");
        WriteVerbose($"{step.Number}. {step.Plugin} {step.Hook}{answered}: {outcome} [{result.Duration.TotalMilliseconds:N0} ms]");
        foreach (var line in result.Log)
        {
            WriteVerbose("   log: " + line);
        }
        if (step.Status == SpsPluginStepStatus.Skipped)
        {
            return;
        }
        ReportHook(result, step.Plugin == "AA" ? "AA plugin" : "credential store");
    }
}
