using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace SpsPlugin;

/// <summary>
/// Plays a whole connection as SPS does: the AA plugin's authenticate (again for every NEEDINFO, the
/// answer in key_value_pairs[key]) and authorize (the same loop); a credential store's
/// get_password_list and get_private_key_list, then authentication_completed; and session_ended
/// for every plugin, also after a DENY. Cookies travel only through results; session_cookie is
/// shared by the plugins.
/// </summary>
public static class SpsPluginSimulator
{
    private const string Aa = "AA";
    private const string Store = "CredentialStore";

    /// <summary>Runs the connection in a private workspace (see <see cref="SpsPluginHookRunner"/>), deleted afterwards.</summary>
    /// <exception cref="SpsPluginException">QuestionUnanswered; PythonNotFound; PrivateDirectoryFailed; PluginNameInvalid; HookEnvironmentInvalid; a plugin that cannot be opened.</exception>
    public static SpsPluginSimulationResult Run(SpsPluginSimulationOptions options, CancellationToken cancellation = default)
    {
        var python = SpsPluginHookRunner.FindInterpreterOrFail(options.PythonPath, string.IsNullOrEmpty(options.AaPlugin) ? options.CredentialStore : options.AaPlugin);
        using var workspace = HookWorkspace.Create();
        var result = new Flow(options, python.Path, workspace, cancellation).Run();
        result.Interpreter = python.Describe();
        return result;
    }

    /// <summary>
    /// True when the plugin's MANIFEST names it a credential store: a connection policy may have one
    /// without an AA plugin, so a simulation of that plugin alone plays the store's hooks.
    /// </summary>
    /// <exception cref="SpsPluginException">The plugin cannot be opened.</exception>
    public static bool IsCredentialStore(string pluginPath) => SpsPluginBundle.Open(pluginPath).Manifest?.Type == SpsPluginType.CredentialStore.Name;

    /// <summary>
    /// True when a simulated connection goes on although the plugin lacks <paramref name="hook"/>: every
    /// hook but authenticate and get_password_list, whose verdict and passwords the flow needs.
    /// </summary>
    internal static bool GoesOnWithout(SpsHook hook) => hook != SpsHooks.Authenticate && hook != SpsHooks.GetPasswordList;

    private static bool SkippedAsMissing(SpsHook hook, SpsPluginHookResult result) => result.ErrorKind == HookFailureKind.NoHook.Name && GoesOnWithout(hook);

    private sealed class Flow
    {
        private readonly SpsPluginSimulationOptions _options;
        private readonly string _python;
        private readonly HookWorkspace _workspace;
        private readonly CancellationToken _cancellation;
        private readonly List<SpsPluginSimulationStep> _steps = new();
        private readonly HashSet<int> _usedAnswers = new();
        // The plugins whose module did not load, with the note their later steps carry instead of a second report.
        private readonly Dictionary<string, string> _notLoaded = new(StringComparer.Ordinal);
        private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, object?>> _cookies = new() { [Aa] = new(), [Store] = new() };
        private readonly SpsPluginConnection _connection;
        // The login's key/value pairs, and the answers to questions as they come.
        private readonly Dictionary<string, object?> _pairs;
        private Dictionary<string, object?> _sessionCookie = new();
        private string? _gatewayUser;
        private IReadOnlyList<string> _gatewayGroups;

        public Flow(SpsPluginSimulationOptions options, string python, HookWorkspace workspace, CancellationToken cancellation)
        {
            _options = options;
            _python = python;
            _workspace = workspace;
            _cancellation = cancellation;
            _connection = options.Connection;
            _pairs = _connection.KeyValuePairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
            if (_connection.GatewayPassword != null)
            {
                _secrets.Add(_connection.GatewayPassword);
            }
            // Secrets known from the start are masked from the first step on, whenever the plugin shows them.
            _secrets.UnionWith(options.Secrets);
            _secrets.UnionWith(options.Answers.Where(a => a.Value.IsSecret).Select(a => a.Value.Value));
            _gatewayUser = _connection.GatewayUser;
            _gatewayGroups = _connection.GatewayGroups;
        }

        public SpsPluginSimulationResult Run()
        {
            var watch = Stopwatch.StartNew();
            // A connection policy may have a credential store and no AA plugin.
            var hasAa = _options.AaPlugin.Length > 0;
            var (verdict, reason) = hasAa ? Authenticate() : (SpsVerdict.Accept, null);
            if (verdict == SpsVerdict.Accept && _options.CredentialStore != null)
            {
                (verdict, reason) = FetchCredentials();
            }
            // SPS ends the session for every plugin, whatever happened before.
            if (hasAa)
            {
                Call(SpsHooks.AaSessionEnded, null, null);
            }
            if (_options.CredentialStore != null)
            {
                Call(SpsHooks.CredentialStoreSessionEnded, null, null);
            }
            // The reason is masked as it is made (it quotes the plugin's DENY text or a step's masked error); the gateway identity is the plugin's.
            var masker = Masker;
            return new SpsPluginSimulationResult(verdict, reason, masker.Apply(_gatewayUser), _gatewayGroups.Select(g => masker.Apply(g)!).ToArray(), _steps, watch.Elapsed);
        }

        private (string Verdict, string? Reason) Authenticate()
        {
            foreach (var hook in new[] { SpsHooks.Authenticate, SpsHooks.Authorize })
            {
                var questions = 0;
                SpsPluginQuestion? answered = null;
                string? shown = null;
                while (true)
                {
                    var result = Call(hook, answered, shown);
                    if (SkippedAsMissing(hook, result))
                    {
                        // authorize is optional: a plugin without it does not stop the connection.
                        break;
                    }
                    if (!result.Succeeded)
                    {
                        return (SpsVerdict.SimulationError, FailedReason());
                    }
                    if (result.Verdict == SpsVerdict.NeedInfo && result.Question is { } question)
                    {
                        if (++questions > _options.MaxQuestions)
                        {
                            return (SpsVerdict.SimulationError, $"{hook.Name} asked more than {_options.MaxQuestions} questions in a row; stopped (raise -MaxQuestions if that is intended).");
                        }
                        var answer = Answer(question);
                        if (answer.IsSecret || question.DisableEcho)
                        {
                            _secrets.Add(answer.Value);
                        }
                        _pairs[question.Key] = answer.Value;
                        answered = question;
                        shown = question.DisableEcho || answer.IsSecret ? SecretMasker.Mask : answer.Value;
                        continue;
                    }
                    if (result.Verdict == SpsVerdict.Deny)
                    {
                        return (SpsVerdict.Deny, Masker.Apply(result.Reason) ?? $"{hook.Name} denied the connection");
                    }
                    if (result.GatewayUser != null)
                    {
                        _gatewayUser = result.GatewayUser;
                    }
                    if (result.GatewayGroups != null)
                    {
                        _gatewayGroups = result.GatewayGroups;
                    }
                    break;
                }
            }
            return (SpsVerdict.Accept, null);
        }

        private (string Verdict, string? Reason) FetchCredentials()
        {
            var passwords = Call(SpsHooks.GetPasswordList, null, null);
            if (!passwords.Succeeded)
            {
                return (SpsVerdict.SimulationError, FailedReason());
            }
            var found = passwords.Passwords.Count;
            if (string.Equals(_connection.Protocol, "ssh", StringComparison.OrdinalIgnoreCase))
            {
                var keys = Call(SpsHooks.GetPrivateKeyList, null, null);
                if (!keys.Succeeded && !SkippedAsMissing(SpsHooks.GetPrivateKeyList, keys))
                {
                    return (SpsVerdict.SimulationError, FailedReason());
                }
                found += keys.Succeeded ? keys.PrivateKeys.Count : 0;
            }
            if (found == 0)
            {
                return (SpsVerdict.Deny, "the credential store returned no password or key for the target");
            }
            // The simulated target accepts the first credential, as a successful login would.
            Call(SpsHooks.AuthenticationCompleted, null, null);
            return (SpsVerdict.Accept, null);
        }

        /// <summary>Why the connection stopped at the last step, which failed: its error as the step shows it, secrets masked in the plugin's parts only.</summary>
        private string FailedReason()
        {
            var step = _steps[_steps.Count - 1];
            return $"{step.Hook} failed: {step.Result.Error}";
        }

        private SpsPluginAnswer Answer(SpsPluginQuestion question)
        {
            for (var i = 0; i < _options.Answers.Count; i++)
            {
                if (_options.Answers[i].Key == question.Key && _usedAnswers.Add(i))
                {
                    return _options.Answers[i].Value;
                }
            }
            return _options.Ask?.Invoke(question) ?? throw Unanswered(question);
        }

        /// <summary>
        /// No answer left: says whether there was none for the key or the ones given are used up (each is
        /// given once, in order), and how to add one where the answers came from: -Answer or the scenario file.
        /// </summary>
        private SpsPluginException Unanswered(SpsPluginQuestion question)
        {
            var given = _options.Answers.Count(a => a.Key == question.Key);
            var key = question.Key;
            // A hashtable key as PowerShell reads it: bare when it is a plain name, else quoted with '' for '.
            var written = key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c == '_') && !char.IsDigit(key[0]) ? key : "'" + key.Replace("'", "''") + "'";
            var example = $"@{{ {written} = {string.Join(", ", Enumerable.Repeat("'…'", given + 1))} }}";
            var fix = _options.ScenarioFile != null
                ? $"add {(given == 0 ? "it" : "one more")} to the Answers of the scenario file '{_options.ScenarioFile}': Answers = {example}"
                : $"give -Answer {example}, or run interactively";
            var what = given == 0
                ? "and there is no answer for that key"
                : $"again, and no answer is left: the {given} answer{(given == 1 ? "" : "s")} given for '{key}' {(given == 1 ? "was" : "were")} used by the earlier question{(given == 1 ? "" : "s")} (each answer is given once, in order)";
            // The prompt is the plugin's text and may repeat a secret answer; SpsPlugin's own words are not masked.
            return new SpsPluginException(SpsPluginErrorId.QuestionUnanswered, $"The plugin asked '{Masker.Apply(question.Prompt.Trim())}' (key '{Masker.Apply(key)}') {what}: {fix}.");
        }

        private SpsPluginHookResult Call(SpsHook hook, SpsPluginQuestion? answered, string? shown)
        {
            _cancellation.ThrowIfCancellationRequested();
            var isAa = hook.PluginType == SpsPluginType.Aa;
            var plugin = isAa ? Aa : Store;
            if (_notLoaded.TryGetValue(plugin, out var why))
            {
                // Every hook would fail to load the module the same way: the failure is reported once, at its step.
                var skipped = new SpsPluginSimulationStep(_steps.Count + 1, plugin, SpsPluginHookResult.NotCalled(hook.Name, why), false, null, null, why);
                _steps.Add(skipped);
                _options.OnStep?.Invoke(skipped);
                return skipped.Result;
            }
            var request = new SpsPluginHookRequest
            {
                PluginPath = isAa ? _options.AaPlugin : _options.CredentialStore!,
                Configuration = isAa ? _options.AaConfiguration : _options.CredentialStoreConfiguration,
                Hook = hook.Name,
                Arguments = SpsPluginHookArguments.For(hook, new HookCall(_connection, _gatewayUser, _gatewayGroups, _pairs, _cookies[plugin], _sessionCookie)),
                Timeout = _options.HookTimeout,
                PythonPath = _options.PythonPath,
                Environment = _options.Environment,
            };
            var result = SpsPluginHookRunner.Invoke(request, _python, _workspace, _cancellation);
            // Cookies travel only through results: a failed or timed-out call loses them, as on SPS.
            _cookies[plugin] = result.Cookie.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (result.Succeeded && result.Raw != null && result.Raw.ContainsKey("session_cookie"))
            {
                _sessionCookie = result.SessionCookie.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            }
            // The flow goes on with the real result (cookies intact); what is kept and shown is masked.
            // The question comes from the plugin, whose prompt may repeat an earlier secret answer.
            var question = answered == null ? null : new SpsPluginQuestion(answered.Key, Masker.Apply(answered.Prompt)!, answered.DisableEcho);
            var step = new SpsPluginSimulationStep(_steps.Count + 1, plugin, result.WithSecretsMasked(Masker), SkippedAsMissing(hook, result), question, shown);
            _steps.Add(step);
            if (HookFailureKind.Find(result.ErrorKind) is { MeansNotLoaded: true } kind)
            {
                _notLoaded[plugin] = $"not called: the plugin did not load ({kind.Name}, reported at step {step.Number})";
            }
            _options.OnStep?.Invoke(step);
            return result;
        }

        private SecretMasker Masker => new(_secrets);
    }
}
