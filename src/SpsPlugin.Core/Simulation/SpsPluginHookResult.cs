using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>A NEEDINFO question: the key the answer comes back under, the prompt, and whether to hide the typing.</summary>
public sealed class SpsPluginQuestion
{
    internal SpsPluginQuestion(string key, string prompt, bool disableEcho)
    {
        Key = key;
        Prompt = prompt;
        DisableEcho = disableEcho;
    }

    /// <summary>The key_value_pairs key the answer is passed back under.</summary>
    public string Key { get; }

    /// <summary>The text shown to the user.</summary>
    public string Prompt { get; }

    /// <summary>True when the answer must not be shown while typed (a password, an OTP).</summary>
    public bool DisableEcho { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Prompt}";
}

/// <summary>An <c>(key_type, key)</c> pair a credential store returns in <c>private_keys</c>.</summary>
public sealed class SpsPluginPrivateKey
{
    internal SpsPluginPrivateKey(string keyType, string key)
    {
        KeyType = keyType;
        Key = key;
    }

    /// <summary><c>ssh-rsa</c> or <c>ssh-dss</c>.</summary>
    public string KeyType { get; }

    /// <summary>The PEM text.</summary>
    public string Key { get; }

    /// <inheritdoc />
    public override string ToString() => KeyType + " ********";
}

/// <summary>What one hook call gave back, as SPS would read it, with the plugin's logs and output.</summary>
public sealed class SpsPluginHookResult
{
    internal SpsPluginHookResult(string hook, IReadOnlyDictionary<string, object?>? raw, IReadOnlyList<string> argumentNames,
        string? errorKind, string? error, string? traceback, IReadOnlyList<string> log, string stdout, bool outputTruncated,
        int exitCode, TimeSpan duration, bool timedOut, Version? pythonVersion = null, IReadOnlyList<string>? errorPluginText = null)
    {
        _errorPluginText = errorPluginText ?? Array.Empty<string>();
        PythonVersion = pythonVersion;
        Hook = hook;
        Raw = raw;
        ArgumentNames = argumentNames;
        ErrorKind = errorKind;
        Error = error;
        Traceback = traceback;
        Log = log;
        Stdout = stdout;
        OutputTruncated = outputTruncated;
        ExitCode = exitCode;
        Duration = duration;
        TimedOut = timedOut;
    }

    // The parts of Error that are the plugin's text, in order: only they are masked, never SpsPlugin's own words.
    private readonly IReadOnlyList<string> _errorPluginText;

    /// <summary>The result of a hook that was not called: no result, no output, <see cref="Error"/> says why.</summary>
    internal static SpsPluginHookResult NotCalled(string hook, string why) =>
        new(hook, null, Array.Empty<string>(), null, why, null, Array.Empty<string>(), string.Empty, false, 0, TimeSpan.Zero, false);

    /// <summary>The hook called.</summary>
    public string Hook { get; }

    /// <summary>True when the hook returned a value SPS can read (it may still be a DENY).</summary>
    public bool Succeeded => ErrorKind == null;

    /// <summary>ACCEPT, DENY or NEEDINFO; null when the hook returned none (no gateway authentication) or failed.</summary>
    public string? Verdict => Text("verdict");

    /// <summary>The NEEDINFO question, when there is one.</summary>
    public SpsPluginQuestion? Question
    {
        get
        {
            if (Raw == null || !Raw.TryGetValue("question", out var value) || value is not List<object?> parts || parts.Count < SpsQuestionShape.MinimumParts)
            {
                return null;
            }
            return new SpsPluginQuestion(Convert.ToString(parts[SpsQuestionShape.Key]) ?? string.Empty, Convert.ToString(parts[SpsQuestionShape.Prompt]) ?? string.Empty,
                parts.Count > SpsQuestionShape.DisableEcho && parts[SpsQuestionShape.DisableEcho] is bool echo && echo);
        }
    }

    /// <summary>The gateway user the plugin set, if any.</summary>
    public string? GatewayUser => Text("gateway_user");

    /// <summary>The gateway groups the plugin set, if any.</summary>
    public IReadOnlyList<string>? GatewayGroups =>
        Raw != null && Raw.TryGetValue("gateway_groups", out var value) && value is List<object?> groups
            ? groups.Select(g => Convert.ToString(g) ?? string.Empty).ToArray()
            : null;

    /// <summary>The additional_metadata text stored with the session.</summary>
    public string? AdditionalMetadata => Text("additional_metadata");

    /// <summary>The reason shown to the user on DENY.</summary>
    public string? Reason => Text("reason");

    /// <summary>The plugin's cookie for its next hook in this session (empty when none, or when the call failed).</summary>
    public IReadOnlyDictionary<string, object?> Cookie => Dictionary("cookie");

    /// <summary>The session cookie shared with the session's other plugins.</summary>
    public IReadOnlyDictionary<string, object?> SessionCookie => Dictionary("session_cookie");

    /// <summary>Passwords a credential store returned.</summary>
    public IReadOnlyList<string> Passwords =>
        Raw != null && Raw.TryGetValue("passwords", out var value) && value is List<object?> items
            ? items.Select(i => Convert.ToString(i) ?? string.Empty).ToArray()
            : Array.Empty<string>();

    /// <summary>Private keys a credential store returned.</summary>
    public IReadOnlyList<SpsPluginPrivateKey> PrivateKeys =>
        Raw != null && Raw.TryGetValue("private_keys", out var value) && value is List<object?> items
            ? items.OfType<List<object?>>().Where(p => p.Count >= 2)
                .Select(p => new SpsPluginPrivateKey(Convert.ToString(p[0]) ?? string.Empty, Convert.ToString(p[1]) ?? string.Empty)).ToArray()
            : Array.Empty<SpsPluginPrivateKey>();

    /// <summary>The result after its JSON round trip (tuples are lists); null when the hook failed.</summary>
    public IReadOnlyDictionary<string, object?>? Raw { get; }

    /// <summary>The argument names the hook was given (those its signature declares).</summary>
    public IReadOnlyList<string> ArgumentNames { get; }

    /// <summary>Why the call failed: the name of a <see cref="HookFailureKind"/> (timeout, raised, no-hook…); null on success.</summary>
    public string? ErrorKind { get; }

    /// <summary>What went wrong, in a sentence.</summary>
    public string? Error { get; }

    /// <summary>The Python traceback, when the plugin raised.</summary>
    public string? Traceback { get; }

    /// <summary>What the plugin wrote to stderr (its log), line by line.</summary>
    public IReadOnlyList<string> Log { get; }

    /// <summary>What the plugin printed to stdout; SPS does not read it, so the result must not travel there.</summary>
    public string Stdout { get; }

    /// <summary>True when stdout or stderr went past the 1 MiB SpsPlugin keeps.</summary>
    public bool OutputTruncated { get; }

    /// <summary>The process's exit code (-1 when it was killed).</summary>
    public int ExitCode { get; }

    /// <summary>How long the call took, process start included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>True when the hook ran past the timeout and was killed; its cookies are lost, as on SPS.</summary>
    public bool TimedOut { get; }

    /// <summary>The version of the interpreter that ran the hook (null when it did not report one).</summary>
    public Version? PythonVersion { get; }

    /// <summary>The interpreter that ran the hook and why it was chosen, as the validation result's Interpreter; null for a hook run inside a simulation (the simulation result says it once).</summary>
    public string? Interpreter { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Hook}: {(Succeeded ? Verdict ?? "(no verdict)" : ErrorKind)}";

    /// <summary>
    /// A copy in which every occurrence of the given secrets (answers typed with echo off or given as
    /// SecureStrings, the gateway password, SecureString values of -Parameter or -Environment), also
    /// as repr() or JSON escapes them, in the log, output, traceback, the plugin's parts of the error
    /// (its exception text, the result's path; never SpsPlugin's own words) and result keys and values
    /// (nested cookies included) is replaced by ********: what SpsPlugin shows or returns never carries them. The credentials a
    /// credential store returns (passwords, private_keys) are its purpose and stay as they are; the
    /// default views hide them.
    /// </summary>
    public SpsPluginHookResult WithSecretsMasked(IReadOnlyCollection<string> secrets) => WithSecretsMasked(new SecretMasker(secrets));

    internal SpsPluginHookResult WithSecretsMasked(SecretMasker masker)
    {
        if (masker.IsEmpty)
        {
            return this;
        }
        var raw = Raw?.ToDictionary(p => masker.Apply(p.Key)!, p => p.Key == "passwords" || p.Key == "private_keys" ? p.Value : masker.ApplyToValue(p.Value));
        var pluginText = _errorPluginText.Select(t => masker.Apply(t)!).ToArray();
        return new SpsPluginHookResult(Hook, raw, ArgumentNames.Select(masker.Apply).ToArray()!, ErrorKind, masker.ApplyToParts(Error, _errorPluginText), masker.Apply(Traceback),
            Log.Select(l => masker.Apply(l)!).ToArray(), masker.Apply(Stdout)!, OutputTruncated, ExitCode, Duration, TimedOut, PythonVersion, pluginText)
        {
            Interpreter = Interpreter,
        };
    }

    private string? Text(string key) => Raw != null && Raw.TryGetValue(key, out var value) && value != null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private IReadOnlyDictionary<string, object?> Dictionary(string key) =>
        Succeeded && Raw != null && Raw.TryGetValue(key, out var value) && value is Dictionary<string, object?> map ? map : new Dictionary<string, object?>();
}
