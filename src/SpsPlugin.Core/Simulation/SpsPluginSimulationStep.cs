namespace SpsPlugin;

/// <summary>One hook call of a simulation.</summary>
public sealed class SpsPluginSimulationStep
{
    internal SpsPluginSimulationStep(int number, string plugin, SpsPluginHookResult result, bool skippedAsMissing, SpsPluginQuestion? answered, string? answerShown)
    {
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

    /// <summary>The question whose answer this call carried, if any.</summary>
    public SpsPluginQuestion? AnsweredQuestion { get; }

    /// <summary>The answer as it may be shown (secrets masked).</summary>
    public string? AnswerShown { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var result = Result;
        var outcome = !result.Succeeded ? "failed: " + result.ErrorKind
            : result.Verdict ?? (result.Hook == SpsHooks.GetPasswordList.Name ? $"{result.Passwords.Count} password(s)"
                : result.Hook == SpsHooks.GetPrivateKeyList.Name ? $"{result.PrivateKeys.Count} key(s)" : "done");
        return $"{Number}. {Plugin} {Hook}: {outcome}";
    }
}
