using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Calls one hook of a plugin the way SPS does: a new Python process and a fresh
/// Plugin(configuration), only the arguments the hook declares, the result back through a JSON round
/// trip, logs from stderr, and a timeout that kills the process tree and loses the cookies.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SpsPluginHook", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginHookResult))]
public sealed class InvokeSpsPluginHookCommand : SimulationCmdletBase, IDynamicParameters
{
    private readonly ConnectionParameters _connectionParameters = new();

    /// <summary>The hook to call.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(HookCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Hook { get; set; }

    /// <summary>The configuration: text, a .cfg file, a plugin folder or zip, or a SpsPluginConfig; by default the plugin's default.cfg.</summary>
    [Parameter]
    public object? Configuration { get; set; }

    /// <summary>For experts: hook arguments by name, over those the connection gives, e.g. @{ key_value_pairs = @{ otp = '123456' } }.</summary>
    [Parameter]
    public IDictionary? Parameter { get; set; }

    /// <summary>The cookie from this plugin's previous hook in the session.</summary>
    [Parameter]
    public IDictionary? Cookie { get; set; }

    /// <summary>The session cookie shared by the session's plugins.</summary>
    [Parameter]
    public IDictionary? SessionCookie { get; set; }

    /// <inheritdoc />
    public object GetDynamicParameters() => _connectionParameters;

    /// <inheritdoc />
    protected override string? NothingDone => "no hook ran";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        // SPS passes every argument it has: the hook's arguments derived from the connection, as the
        // simulation derives them, then what the caller gave; the plugin receives the names its hook declares.
        var connection = ConnectionWith(_connectionParameters);
        var arguments = SpsPluginHookArguments.For(Hook!, connection);
        // SecureStrings the caller passes are secrets: masked in all the command gives back.
        var secrets = new List<string>();
        if (connection.GatewayPassword != null)
        {
            secrets.Add(connection.GatewayPassword);
        }
        foreach (var pair in SimulationInput.ToDictionary(Parameter, secrets))
        {
            arguments[pair.Key] = pair.Value;
        }
        arguments["cookie"] = SimulationInput.ToDictionary(Cookie, secrets);
        arguments["session_cookie"] = SimulationInput.ToDictionary(SessionCookie, secrets);
        var request = new SpsPluginHookRequest
        {
            PluginPath = path,
            Hook = Hook!,
            Configuration = SimulationInput.ConfigurationText(Configuration, path, p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)),
            Arguments = arguments,
            Timeout = Timeout,
            PythonPath = ResolvedPythonPath,
            Environment = EnvironmentVariables(secrets),
        };
        var result = SpsPluginHookRunner.Invoke(request, StopToken).WithSecretsMasked(secrets);
        foreach (var line in result.Log)
        {
            WriteVerbose("plugin log: " + line);
        }
        WriteInterpreter(path, result.Interpreter);
        ReportHook(result, path);
        WriteObject(result);
    }
}
