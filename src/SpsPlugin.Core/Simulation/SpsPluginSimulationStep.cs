namespace SpsPlugin;

/// <summary>One hook call of a simulation.</summary>
public sealed class SpsPluginSimulationStep
{
    internal SpsPluginSimulationStep(int number, string plugin, SpsPluginHookResult result, bool skippedAsMissing, SpsPluginQuestion? answered, string? answerShown,
        string? notCalledBecause = null)
    {
        NotCalledBecause = notCalledBecause;
        Number = number;
        Plugin = plugin;
        Result = result;
        SkippedAsMissing = skippedAsMissing;
        AnsweredQuestion = answered;
        AnswerShown = answerShown;
    }

    /// <summary>1-based position in the flow.</summary>
    public int Number { get; }

    /// <summary>AA or CredentialStore.</summary>
    public string Plugin { get; }

    /// <summary>The hook's name.</summary>
    public string Hook => Result.Hook;

    /// <summary>What the hook gave back.</summary>
    public SpsPluginHookResult Result { get; }

    /// <summary>True when the plugin lacks the hook and the connection went on without it (see <see cref="SpsPluginSimulator.GoesOnWithout"/>).</summary>
    public bool SkippedAsMissing { get; }

    /// <summary>Why the hook was not called at all (the plugin did not load at an earlier step); null when it was called.</summary>
    public string? NotCalledBecause { get; }

    /// <summary>Succeeded, Failed, or Skipped: a hook the plugin lacks and SPS goes on without, or one not called because the plugin did not load.</summary>
    public SpsPluginStepStatus Status => SkippedAsMissing || NotCalledBecause != null ? SpsPluginStepStatus.Skipped
        : Result.Succeeded ? SpsPluginStepStatus.Succeeded : SpsPluginStepStatus.Failed;

    /// <summary>The question whose answer this call carried, if any.</summary>
    public SpsPluginQuestion? AnsweredQuestion { get; }

    /// <summary>The answer as it may be shown (secrets masked).</summary>
    public string? AnswerShown { get; }

    /// <summary>How the step went, in a few words: the verdict, the credentials found, "failed: kind", or "skipped: why".</summary>
    public string Outcome
    {
        get
        {
            var result = Result;
            return NotCalledBecause != null ? "skipped: " + NotCalledBecause
                : SkippedAsMissing ? $"skipped: the plugin does not define {Hook}; SPS goes on without it"
                : !result.Succeeded ? "failed: " + result.ErrorKind
                : result.Verdict ?? (result.Hook == SpsHooks.GetPasswordList.Name ? $"{result.Passwords.Count} password(s)"
                    : result.Hook == SpsHooks.GetPrivateKeyList.Name ? $"{result.PrivateKeys.Count} key(s)" : "done");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Number}. {Plugin} {Hook}: {Outcome}";
}
