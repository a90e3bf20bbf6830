using System;

namespace SpsPlugin;

/// <summary>What Publish-SpsPluginBundle did with one bundle on one appliance.</summary>
public sealed class SpsPluginPublishResult
{
    internal SpsPluginPublishResult(SpsPluginPublishPlan plan, SpsPluginPublishAction action, string reason,
        SpsInstalledPlugin? installed, bool transactionCommitted, TimeSpan duration, SpsPluginException? failure = null)
        : this(plan.Session.Appliance, plan.Source.Identity, action, reason, installed, plan.Target, transactionCommitted, duration, failure)
    {
    }

    private SpsPluginPublishResult(string appliance, SpsPluginBundleIdentity identity, SpsPluginPublishAction action, string reason,
        SpsInstalledPlugin? installed, string? target, bool transactionCommitted, TimeSpan duration, SpsPluginException? failure)
    {
        Appliance = appliance;
        Name = identity.Name;
        Type = identity.Type;
        Version = identity.Version;
        Checksum = identity.Sha256;
        Action = action;
        Reason = reason;
        Installed = installed;
        Target = target;
        TransactionCommitted = transactionCommitted;
        Duration = duration;
        Failure = failure;
    }

    /// <summary>The appliance (host:port).</summary>
    public string Appliance { get; }

    /// <summary>MANIFEST name of the bundle.</summary>
    public string? Name { get; }

    /// <summary>MANIFEST type of the bundle.</summary>
    public string? Type { get; }

    /// <summary>MANIFEST version of the bundle.</summary>
    public string? Version { get; }

    /// <summary>What was done.</summary>
    public SpsPluginPublishAction Action { get; }

    /// <summary>Why: the validation target, what was installed, what happened to the transaction.</summary>
    public string Reason { get; }

    /// <summary>The plugin as the appliance reports it after the upload, or the one installed already when skipped.</summary>
    public SpsInstalledPlugin? Installed { get; }

    /// <summary>The SHA-256 of the bundle's zip bytes.</summary>
    public string? Checksum { get; }

    /// <summary>The SPS release validated against, and why that one; null when validation did not run.</summary>
    public string? Target { get; }

    /// <summary>Whether the publish committed a transaction (false with -NoCommit, when skipped, and on failure).</summary>
    public bool TransactionCommitted { get; }

    /// <summary>How long the publish took on this appliance.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The failure, when <see cref="Action"/> is Failed.</summary>
    public SpsPluginException? Failure { get; }

    /// <summary>A Failed result for a failure before a plan existed (validation refused, the appliance unreachable).</summary>
    public static SpsPluginPublishResult Failed(string appliance, SpsPluginBundleIdentity identity, SpsPluginException failure, TimeSpan duration)
    {
        if (identity == null || failure == null)
        {
            throw new ArgumentNullException(identity == null ? nameof(identity) : nameof(failure));
        }
        return new SpsPluginPublishResult(appliance, identity, SpsPluginPublishAction.Failed, ShortCause(appliance, failure), null, null, false, duration, failure);
    }

    /// <summary>
    /// The Reason of a failure: its cause in a sentence and what became of the transaction, without the
    /// appliance (a column of its own) or the advice; the whole message stays in <see cref="Failure"/> and
    /// the error record.
    /// </summary>
    internal static string ShortCause(string appliance, SpsPluginException failure)
    {
        // A failed step is re-thrown with what became of the transaction appended: that part is kept whole.
        var root = failure;
        while (root.InnerException is SpsPluginException inner && root.Message.StartsWith(inner.Message, StringComparison.Ordinal))
        {
            root = inner;
        }
        var outcome = failure.Message.Substring(root.Message.Length).Trim();
        var cause = failure.ErrorId == SpsPluginErrorId.PublishValidationFailed
            ? $"Not published: {failure.Diagnostics.Count} validation error(s), listed in Failure.Diagnostics and the error record."
            : FirstSentence(root.Message.StartsWith(appliance + ": ", StringComparison.Ordinal) ? root.Message.Substring(appliance.Length + 2) : root.Message);
        return outcome.Length == 0 ? cause : cause + " " + outcome;
    }

    // Up to the first ". " before a capital letter outside brackets: SPS's details (JSON in parentheses) and
    // quoted paths may hold full stops of their own.
    private static string FirstSentence(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length - 2; i++)
        {
            switch (text[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '.' when depth == 0 && text[i + 1] == ' ' && char.IsUpper(text[i + 2]):
                    return text.Substring(0, i + 1);
            }
        }
        return text;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Appliance}: {Type}/{Name} {Version} {Action}";
}
