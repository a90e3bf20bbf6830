using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace SpsPlugin;

/// <summary>The connection a simulation plays, with the SDK's run-scenario defaults (reference §6.12).</summary>
public sealed class SpsPluginConnection
{
    /// <summary>ssh, rdp, telnet, vnc, http or ica.</summary>
    public string Protocol { get; set; } = "ssh";

    /// <summary>The session id; by default "&lt;protocol&gt;-example-1".</summary>
    public string? SessionId { get; set; }

    /// <summary>The connection policy's name.</summary>
    public string ConnectionName { get; set; } = "example";

    /// <summary>The client's address.</summary>
    public string ClientIp { get; set; } = "1.2.3.4";

    /// <summary>The client's port.</summary>
    public int ClientPort { get; set; } = 12341;

    /// <summary>The client's host name (None when DNS fails on SPS).</summary>
    public string? ClientHostname { get; set; } = "theclient.foo.bar";

    /// <summary>The target's address.</summary>
    public string ServerIp { get; set; } = "5.6.7.8";

    /// <summary>The target's port.</summary>
    public int ServerPort { get; set; } = 22;

    /// <summary>The target's host name.</summary>
    public string? ServerHostname { get; set; } = "theserver.foo.bar";

    /// <summary>The username on the target.</summary>
    public string ServerUsername { get; set; } = "targetuser";

    /// <summary>The target's domain.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>The gateway user from an earlier gateway authentication; null when there was none.</summary>
    public string? GatewayUser { get; set; }

    /// <summary>The gateway user's domain.</summary>
    public string? GatewayDomain { get; set; }

    /// <summary>The gateway user's groups.</summary>
    public IReadOnlyList<string> GatewayGroups { get; set; } = Array.Empty<string>();

    /// <summary>The gateway password a credential store may use (gateway_password); a secret.</summary>
    public string? GatewayPassword { get; set; }

    /// <summary>Key/value pairs from the login name.</summary>
    public IDictionary<string, string> KeyValuePairs { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The protocols SPS names in its hook arguments, lower case.</summary>
    public static IReadOnlyList<string> Protocols { get; } = new[] { "ssh", "rdp", "telnet", "vnc", "http", "ica" };

    /// <summary>
    /// A connection over <paramref name="protocol"/> (any case; SPS passes it lower case) with the
    /// run-scenario defaults, except RDP's server port: 3389, where RDP servers listen, rather than the
    /// 22 run-scenario uses for every protocol.
    /// </summary>
    public static SpsPluginConnection For(string protocol)
    {
        var name = protocol.ToLowerInvariant();
        return new SpsPluginConnection { Protocol = name, ServerPort = name == "rdp" ? 3389 : 22 };
    }

    /// <summary>Applies a login name in SPS's syntax for the protocol: pairs, gateway user (gu), domain, server username.</summary>
    public void ApplyLoginName(string loginName)
    {
        var parsed = SpsLoginName.Parse(Protocol, loginName);
        ServerUsername = parsed.ServerUsername;
        ServerDomain = parsed.Domain ?? ServerDomain;
        foreach (var pair in parsed.KeyValuePairs)
        {
            KeyValuePairs[pair.Key] = pair.Value;
        }
        GatewayUser = parsed.GatewayUser ?? GatewayUser;
    }
}

/// <summary>An answer to a NEEDINFO question, and whether it is a secret (typed with echo off, or given as a SecureString).</summary>
public sealed class SpsPluginAnswer
{
    /// <summary>Creates an answer.</summary>
    public SpsPluginAnswer(string value, bool isSecret)
    {
        Value = value;
        IsSecret = isSecret;
    }

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <summary>True when the answer must never be shown.</summary>
    public bool IsSecret { get; }

    /// <inheritdoc />
    public override string ToString() => IsSecret ? "********" : Value;
}

/// <summary>How <see cref="SpsPluginSimulator"/> runs a connection.</summary>
public sealed class SpsPluginSimulationOptions
{
    /// <summary>The AA plugin (folder or zip); empty when the policy has only a credential store.</summary>
    public string AaPlugin { get; set; } = string.Empty;

    /// <summary>The AA plugin's configuration text.</summary>
    public string AaConfiguration { get; set; } = string.Empty;

    /// <summary>The credential store plugin, if any.</summary>
    public string? CredentialStore { get; set; }

    /// <summary>The credential store's configuration text.</summary>
    public string CredentialStoreConfiguration { get; set; } = string.Empty;

    /// <summary>The connection.</summary>
    public SpsPluginConnection Connection { get; set; } = new();

    /// <summary>
    /// Answers by question key, used in order: when a plugin asks the same key again (a retry), the
    /// next answer for that key is given; when they run out, <see cref="Ask"/> is asked.
    /// </summary>
    public IList<KeyValuePair<string, SpsPluginAnswer>> Answers { get; set; } = new List<KeyValuePair<string, SpsPluginAnswer>>();

    /// <summary>Asked for a question with no answer in <see cref="Answers"/>; returning null means "no answer".</summary>
    public Func<SpsPluginQuestion, SpsPluginAnswer?>? Ask { get; set; }

    /// <summary>The most questions one hook may ask in a row before the simulation stops (a guard against loops).</summary>
    public int MaxQuestions { get; set; } = 10;

    /// <summary>Each hook's time limit.</summary>
    public TimeSpan HookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The interpreter.</summary>
    public string? PythonPath { get; set; }

    /// <summary>Told about each step as it completes (for -Verbose).</summary>
    public Action<SpsPluginSimulationStep>? OnStep { get; set; }

    /// <summary>Variables added to each plugin's minimal environment (see <see cref="SpsPluginHookRequest.Environment"/>).</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>More texts to mask wherever they appear (SecureString values the caller passed); secret answers and the gateway password are masked anyway.</summary>
    public ICollection<string> Secrets { get; set; } = new List<string>();
}

/// <summary>One hook call of a simulation.</summary>
public sealed class SpsPluginSimulationStep
{
    internal SpsPluginSimulationStep(int number, string plugin, SpsPluginHookResult result, SpsPluginQuestion? answered, string? answerShown)
    {
        Number = number;
        Plugin = plugin;
        Result = result;
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

    /// <summary>The question whose answer this call carried, if any.</summary>
    public SpsPluginQuestion? AnsweredQuestion { get; }

    /// <summary>The answer as it may be shown (secrets masked).</summary>
    public string? AnswerShown { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var result = Result;
        var outcome = !result.Succeeded ? "failed: " + result.ErrorKind
            : result.Verdict ?? (result.Hook == "get_password_list" ? $"{result.Passwords.Count} password(s)"
                : result.Hook == "get_private_key_list" ? $"{result.PrivateKeys.Count} key(s)" : "done");
        return $"{Number}. {Plugin} {Hook}: {outcome}";
    }
}

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

    /// <summary>ACCEPT (the connection goes on), DENY, or ERROR (a hook failed).</summary>
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
    public IReadOnlyList<SpsPluginQuestion> Questions => Steps.Where(s => s.Result.Verdict == "NEEDINFO" && s.Result.Question != null).Select(s => s.Result.Question!).ToArray();

    /// <summary>The passwords the credential store returned (masked in views).</summary>
    public IReadOnlyList<string> Passwords => Steps.Where(s => s.Hook == "get_password_list").SelectMany(s => s.Result.Passwords).ToArray();

    /// <summary>The private keys the credential store returned.</summary>
    public IReadOnlyList<SpsPluginPrivateKey> PrivateKeys => Steps.Where(s => s.Hook == "get_private_key_list").SelectMany(s => s.Result.PrivateKeys).ToArray();

    /// <summary>How long the whole flow took.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public override string ToString() => Verdict;
}

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
        var python = SpsPluginHookRunner.FindPythonOrFail(options.PythonPath);
        using var workspace = HookWorkspace.Create();
        return new Flow(options, python, workspace, cancellation).Run();
    }

    private sealed class Flow
    {
        private readonly SpsPluginSimulationOptions _options;
        private readonly string _python;
        private readonly HookWorkspace _workspace;
        private readonly CancellationToken _cancellation;
        private readonly List<SpsPluginSimulationStep> _steps = new();
        private readonly HashSet<int> _usedAnswers = new();
        private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, object?>> _cookies = new() { [Aa] = new(), [Store] = new() };
        private readonly SpsPluginConnection _connection;
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
            var (verdict, reason) = hasAa ? Authenticate() : ("ACCEPT", null);
            if (verdict == "ACCEPT" && _options.CredentialStore != null)
            {
                (verdict, reason) = FetchCredentials();
            }
            // SPS ends the session for every plugin, whatever happened before.
            if (hasAa)
            {
                Call(Aa, "session_ended", BaseArguments(Aa), null, null);
            }
            if (_options.CredentialStore != null)
            {
                Call(Store, "session_ended", BaseArguments(Store), null, null);
            }
            // The reason may quote a hook's error or DENY text, which the plugin wrote: mask it as the steps are.
            var masker = Masker;
            return new SpsPluginSimulationResult(verdict, masker.Apply(reason), masker.Apply(_gatewayUser), _gatewayGroups.Select(g => masker.Apply(g)!).ToArray(), _steps, watch.Elapsed);
        }

        private (string Verdict, string? Reason) Authenticate()
        {
            var pairs = _connection.KeyValuePairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
            foreach (var hook in new[] { "authenticate", "authorize" })
            {
                var questions = 0;
                SpsPluginQuestion? answered = null;
                string? shown = null;
                while (true)
                {
                    var result = Call(Aa, hook, AaArguments(hook, pairs), answered, shown);
                    if (!result.Succeeded && result.ErrorKind == "no-hook" && hook == "authorize")
                    {
                        // authorize is optional: a plugin without it does not stop the connection.
                        break;
                    }
                    if (!result.Succeeded)
                    {
                        return ("ERROR", $"{hook} failed: {result.Error}");
                    }
                    if (result.Verdict == "NEEDINFO" && result.Question is { } question)
                    {
                        if (++questions > _options.MaxQuestions)
                        {
                            return ("ERROR", $"{hook} asked more than {_options.MaxQuestions} questions in a row; stopped (raise -MaxQuestions if that is intended).");
                        }
                        var answer = Answer(question);
                        if (answer.IsSecret || question.DisableEcho)
                        {
                            _secrets.Add(answer.Value);
                        }
                        pairs[question.Key] = answer.Value;
                        answered = question;
                        shown = question.DisableEcho || answer.IsSecret ? "********" : answer.Value;
                        continue;
                    }
                    if (result.Verdict == "DENY")
                    {
                        return ("DENY", result.Reason ?? $"{hook} denied the connection");
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
            return ("ACCEPT", null);
        }

        private (string Verdict, string? Reason) FetchCredentials()
        {
            var passwords = Call(Store, "get_password_list", StoreArguments(), null, null);
            if (!passwords.Succeeded)
            {
                return ("ERROR", $"get_password_list failed: {passwords.Error}");
            }
            var found = passwords.Passwords.Count;
            if (string.Equals(_connection.Protocol, "ssh", StringComparison.OrdinalIgnoreCase))
            {
                var keys = Call(Store, "get_private_key_list", StoreArguments(), null, null);
                if (!keys.Succeeded && keys.ErrorKind != "no-hook")
                {
                    return ("ERROR", $"get_private_key_list failed: {keys.Error}");
                }
                found += keys.Succeeded ? keys.PrivateKeys.Count : 0;
            }
            if (found == 0)
            {
                return ("DENY", "the credential store returned no password or key for the target");
            }
            // The simulated target accepts the first credential, as a successful login would.
            Call(Store, "authentication_completed", BaseArguments(Store), null, null);
            return ("ACCEPT", null);
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
            var asked = _options.Ask?.Invoke(question);
            var masker = Masker;
            return asked ?? throw new SpsPluginException(SpsPluginErrorId.QuestionUnanswered,
                masker.Apply($"The plugin asked '{question.Prompt.Trim()}' (key '{question.Key}') and there is no answer: give -Answer @{{ '{question.Key}' = '…' }}, or run interactively.")!);
        }

        private SpsPluginHookResult Call(string plugin, string hook, Dictionary<string, object?> arguments, SpsPluginQuestion? answered, string? shown)
        {
            _cancellation.ThrowIfCancellationRequested();
            var request = new SpsPluginHookRequest
            {
                PluginPath = plugin == Aa ? _options.AaPlugin : _options.CredentialStore!,
                Configuration = plugin == Aa ? _options.AaConfiguration : _options.CredentialStoreConfiguration,
                Hook = hook,
                Arguments = arguments,
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
            var step = new SpsPluginSimulationStep(_steps.Count + 1, plugin, result.WithSecretsMasked(Masker), answered, shown);
            _steps.Add(step);
            _options.OnStep?.Invoke(step);
            return result;
        }

        private SecretMasker Masker => new(_secrets);

        private Dictionary<string, object?> BaseArguments(string plugin) =>
            SpsPluginHookArguments.Base(SessionId, _cookies[plugin], _sessionCookie);

        private string SessionId => SpsPluginHookArguments.SessionIdOf(_connection);

        private Dictionary<string, object?> AaArguments(string hook, Dictionary<string, object?> pairs) =>
            SpsPluginHookArguments.Aa(hook, _connection, _gatewayUser, _gatewayGroups, pairs, _cookies[Aa], _sessionCookie);

        private Dictionary<string, object?> StoreArguments() =>
            SpsPluginHookArguments.CredentialStore(_connection, _gatewayUser, _gatewayGroups, _cookies[Store], _sessionCookie);
    }
}

/// <summary>
/// The arguments SPS passes each hook (reference §3.2 and §4.2), built from a connection: SDK 1.5+
/// names plus the deprecated target_* aliases older plugins read. A plugin receives those its hook declares.
/// </summary>
public static class SpsPluginHookArguments
{
    private static readonly string[] StoreHooks = { "get_password_list", "get_private_key_list" };

    /// <summary>The full argument set for <paramref name="hook"/> on <paramref name="connection"/>, with empty cookies.</summary>
    public static Dictionary<string, object?> For(string hook, SpsPluginConnection connection)
    {
        var cookie = new Dictionary<string, object?>();
        var sessionCookie = new Dictionary<string, object?>();
        if (hook == "authenticate" || hook == "authorize")
        {
            var pairs = connection.KeyValuePairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
            return Aa(hook, connection, connection.GatewayUser, connection.GatewayGroups, pairs, cookie, sessionCookie);
        }
        return StoreHooks.Contains(hook)
            ? CredentialStore(connection, connection.GatewayUser, connection.GatewayGroups, cookie, sessionCookie)
            : Base(SessionIdOf(connection), cookie, sessionCookie);
    }

    internal static string SessionIdOf(SpsPluginConnection connection) => connection.SessionId ?? connection.Protocol.ToLowerInvariant() + "-example-1";

    internal static Dictionary<string, object?> Base(string sessionId, Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie) =>
        new(StringComparer.Ordinal)
        {
            ["session_id"] = sessionId,
            ["cookie"] = cookie,
            ["session_cookie"] = sessionCookie,
        };

    internal static Dictionary<string, object?> Aa(string hook, SpsPluginConnection connection, string? gatewayUser, IReadOnlyList<string> gatewayGroups,
        Dictionary<string, object?> pairs, Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie)
    {
        var arguments = Base(SessionIdOf(connection), cookie, sessionCookie);
        arguments["protocol"] = connection.Protocol.ToLowerInvariant();
        arguments["connection_name"] = connection.ConnectionName;
        arguments["client_ip"] = connection.ClientIp;
        arguments["client_port"] = connection.ClientPort;
        arguments["client_hostname"] = connection.ClientHostname;
        arguments["gateway_user"] = gatewayUser;
        arguments["gateway_domain"] = connection.GatewayDomain;
        arguments["server_username"] = connection.ServerUsername;
        arguments["server_domain"] = connection.ServerDomain;
        arguments["key_value_pairs"] = new Dictionary<string, object?>(pairs, StringComparer.Ordinal);
        // The names SDK 1.5 replaced; older plugins (and **kwargs ones) still read them.
        arguments["target_username"] = connection.ServerUsername;
        arguments["target_domain"] = connection.ServerDomain;
        if (hook == "authorize")
        {
            arguments["gateway_groups"] = gatewayGroups.ToArray();
            arguments["server_ip"] = connection.ServerIp;
            arguments["server_port"] = connection.ServerPort;
            arguments["server_hostname"] = connection.ServerHostname;
            arguments["target_host"] = connection.ServerIp;
            arguments["target_port"] = connection.ServerPort;
            arguments["target_server"] = connection.ServerHostname;
        }
        return arguments;
    }

    internal static Dictionary<string, object?> CredentialStore(SpsPluginConnection connection, string? gatewayUser, IReadOnlyList<string> gatewayGroups,
        Dictionary<string, object?> cookie, Dictionary<string, object?> sessionCookie)
    {
        var arguments = Base(SessionIdOf(connection), cookie, sessionCookie);
        arguments["protocol"] = connection.Protocol.ToLowerInvariant();
        arguments["client_hostname"] = connection.ClientHostname;
        arguments["client_ip"] = connection.ClientIp;
        arguments["gateway_username"] = gatewayUser;
        arguments["gateway_password"] = connection.GatewayPassword ?? string.Empty;
        arguments["gateway_groups"] = gatewayGroups.ToArray();
        arguments["gateway_domain"] = connection.GatewayDomain;
        arguments["server_username"] = connection.ServerUsername;
        arguments["server_ip"] = connection.ServerIp;
        arguments["server_hostname"] = connection.ServerHostname;
        arguments["server_port"] = connection.ServerPort;
        arguments["server_domain"] = connection.ServerDomain;
        arguments["target_username"] = connection.ServerUsername;
        arguments["target_host"] = connection.ServerIp;
        arguments["target_port"] = connection.ServerPort;
        arguments["target_domain"] = connection.ServerDomain;
        return arguments;
    }
}
