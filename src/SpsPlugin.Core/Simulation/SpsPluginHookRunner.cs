using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>One hook call to make.</summary>
public sealed class SpsPluginHookRequest
{
    /// <summary>The plugin folder or zip.</summary>
    public string PluginPath { get; set; } = string.Empty;

    /// <summary>The hook: authenticate, authorize, session_ended, get_password_list, …</summary>
    public string Hook { get; set; } = string.Empty;

    /// <summary>The configuration text the plugin instance gets (Plugin(configuration)).</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>The arguments by name; the plugin gets those its hook declares (all with **kwargs).</summary>
    public IDictionary<string, object?> Arguments { get; set; } = new Dictionary<string, object?>();

    /// <summary>How long the hook may run before it is killed with its process tree (SPS's own limit is not documented).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The interpreter; null to find one.</summary>
    public string? PythonPath { get; set; }

    /// <summary>SCB_PLUGIN_STATE_DIRECTORY, persistent per plugin instance; null for a folder named after the plugin in the call's private workspace, deleted after the call.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Variables added to the plugin's minimal environment (<see cref="PythonEnvironment"/>); they may replace the ones SpsPlugin sets, TMPDIR and the state directories included.</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// Calls one hook as SPS does: a new Python process, a fresh Plugin(configuration), one hook with the
/// arguments it declares, the result back through a JSON round trip (in a file, not on stdout), logs
/// from stderr, and a deadline that kills every process of the call and drops the cookies. The call
/// works in a private workspace (<see cref="HookWorkspace"/>) that is deleted afterwards; the request
/// travels on stdin, never through a file.
/// </summary>
public static class SpsPluginHookRunner
{
    /// <summary>The largest result file read (16 MiB): a bigger result is a HookFailed of kind <see cref="HookFailureKind.ResultTooLarge"/>.</summary>
    public const long ResultCap = 16 * 1024 * 1024;

    private static readonly Lazy<string> HostScript = new(() =>
    {
        using var stream = typeof(SpsPluginHookRunner).Assembly.GetManifestResourceStream("SpsPlugin.hook_host.py")
            ?? throw new InvalidOperationException("the embedded hook_host.py is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Dictionary<(string Preferred, string Plugin, string Variables), PythonInterpreter?> Interpreters = new();

    /// <summary>
    /// The interpreter for the plugin at <paramref name="pluginPath"/> (its project's .venv, pipenv's or an
    /// activated environment before the system's: see <see cref="PythonLocator.ResolveFor(string?, string?, Version?)"/>),
    /// found once per preference and plugin and remembered.
    /// </summary>
    public static PythonInterpreter? FindInterpreter(string? preferred, string? pluginPath)
    {
        lock (Interpreters)
        {
            // The variables are part of the key: SPSPLUGIN_PYTHON or VIRTUAL_ENV set in a session after a
            // first run (to the project's venv with the SDK) are used, not what that first run found.
            var key = (preferred ?? string.Empty, pluginPath ?? string.Empty,
                Environment.GetEnvironmentVariable(PythonLocator.EnvironmentVariable) + "\0" + Environment.GetEnvironmentVariable("VIRTUAL_ENV"));
            if (!Interpreters.TryGetValue(key, out var python))
            {
                python = PythonLocator.ResolveFor(preferred, pluginPath);
                Interpreters[key] = python;
            }
            return python;
        }
    }

    /// <summary>Calls the hook in a private workspace of its own, deleted afterwards.</summary>
    /// <exception cref="SpsPluginException">No interpreter (PythonNotFound); the plugin cannot be opened, its zip is refused or its name is invalid (PluginNameInvalid); no private directory (PrivateDirectoryFailed); a bad environment variable (HookEnvironmentInvalid).</exception>
    public static SpsPluginHookResult Invoke(SpsPluginHookRequest request, CancellationToken cancellation = default)
    {
        var python = FindInterpreterOrFail(request.PythonPath, request.PluginPath);
        using var workspace = HookWorkspace.Create();
        var result = Invoke(request, python.Path, workspace, cancellation);
        result.Interpreter = python.Describe();
        return result;
    }

    internal static PythonInterpreter FindInterpreterOrFail(string? preferred, string? pluginPath) => FindInterpreter(preferred, pluginPath) ?? throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
        $"No Python 3 interpreter was found (looked at -PythonPath, SPSPLUGIN_PYTHON, the project's .venv, pipenv --venv, VIRTUAL_ENV, {PythonSearchAdvice.SystemPlaces(PythonSearchEnvironment.Current)}). {PythonSearchAdvice.Remedy(PythonSearchEnvironment.Current)}");

    /// <summary>PythonNotFound for an interpreter that the system could not start.</summary>
    internal static SpsPluginException NotStarted(string python, Exception error) => new(SpsPluginErrorId.PythonNotFound,
        $"'{python}' could not be started: {error.Message}. Give -PythonPath (or SPSPLUGIN_PYTHON) an interpreter that runs.", python);

    /// <summary>Calls the hook in <paramref name="workspace"/>, where the plugin's state directories live on between calls.</summary>
    internal static SpsPluginHookResult Invoke(SpsPluginHookRequest request, string python, HookWorkspace workspace, CancellationToken cancellation)
    {
        foreach (var pair in request.Environment)
        {
            PythonEnvironment.Check(pair.Key, pair.Value);
        }
        var plugin = workspace.Prepare(request.PluginPath, request.StateDirectory);
        if (!File.Exists(System.IO.Path.Combine(plugin.Folder, plugin.Entry)))
        {
            // Said before Python starts, as the validator says it, instead of the loader's FileNotFoundError traceback.
            return new SpsPluginHookResult(request.Hook, null, Array.Empty<string>(), HookFailureKind.NoEntry.Name,
                $"There is no {plugin.Entry} at the root of '{request.PluginPath}', so SPS has nothing to run (Test-SpsPluginBundle: StructureMainPy): {SpsPluginBundle.MainPyFix}.",
                null, Array.Empty<string>(), string.Empty, false, -1, TimeSpan.Zero, false);
        }
        var payload = new Dictionary<string, object?>
        {
            ["folder"] = plugin.Folder,
            ["entry"] = plugin.Entry,
            ["configuration"] = request.Configuration,
            ["hook"] = request.Hook,
            ["arguments"] = request.Arguments,
        };
        var environment = new Dictionary<string, string>
        {
            ["SCB_PLUGIN_STATE_DIRECTORY"] = plugin.StateDirectory,
            ["EPHEMERAL_PLUGIN_STATE_DIRECTORY"] = plugin.EphemeralDirectory,
            ["TMPDIR"] = workspace.Temp,
            ["TEMP"] = workspace.Temp,
            ["TMP"] = workspace.Temp,
        };
        foreach (var pair in request.Environment)
        {
            environment[pair.Key] = pair.Value;
        }
        var resultFile = workspace.NewResultFile();
        try
        {
            PythonRunResult run;
            try
            {
                run = PythonProcess.Run(python, new[] { "-B", "-c", HostScript.Value, workspace.Path, resultFile },
                    environment, RequestJson(payload, request.PluginPath), request.Timeout, cancellation, workspace.Path);
            }
            catch (Exception error) when (error is System.ComponentModel.Win32Exception || error is InvalidOperationException || error is IOException)
            {
                throw NotStarted(python, error);
            }
            // The plugin knows the result's path: only a regular file (by lstat, so not a link to
            // /dev/zero, not a FIFO that would block the read) is read, and never more than the cap.
            var exists = File.Exists(resultFile) && (SpecialFiles.TypeBits(resultFile) ?? RegularFile) == RegularFile;
            if (!exists && !run.TimedOut && !run.Cancelled)
            {
                // The host ended before its own clean-up (the plugin called os._exit, or it crashed):
                // what the plugin started may still run.
                ProcessReaper.KillAll(0, run.RunId);
            }
            var size = exists ? new FileInfo(resultFile).Length : 0;
            return ToResult(request, run, exists && size <= ResultCap ? ReadCapped(resultFile) : null, size > ResultCap ? size : null);
        }
        finally
        {
            try
            {
                File.Delete(resultFile);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                // The plugin may have made the path a folder or locked the workspace; the workspace's own clean-up tries again.
            }
        }
    }

    private static SpsPluginHookResult ToResult(SpsPluginHookRequest request, PythonRunResult run, string? resultText, long? oversizedResult)
    {
        var log = run.Stderr.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var truncated = run.StdoutTruncated || run.StderrTruncated;
        Version? python = null;
        SpsPluginHookResult Failed(string kind, string message, string? traceback = null, IReadOnlyList<string>? pluginText = null) =>
            new(request.Hook, null, Array.Empty<string>(), kind, message, traceback, log, run.Stdout, truncated, run.ExitCode, run.Duration, run.TimedOut, python, pluginText);

        if (run.TimedOut)
        {
            return Failed(HookFailureKind.Timeout.Name, $"{request.Hook} did not return within {request.Timeout.TotalSeconds:0.###} s and was killed with its child processes; as on SPS, its cookies are lost.");
        }
        if (run.Cancelled)
        {
            return Failed(HookFailureKind.Cancelled.Name, $"{request.Hook} was stopped.");
        }
        if (oversizedResult is long size)
        {
            return Failed(HookFailureKind.ResultTooLarge.Name, $"{request.Hook} returned {size:N0} bytes of JSON; SpsPlugin reads at most {ResultCap / (1024 * 1024)} MiB of a result. Keep cookies and results small (SPS stores them with the session).");
        }
        if (resultText == null)
        {
            return Failed(HookFailureKind.NoResult.Name, $"The plugin process ended (exit code {run.ExitCode}) without returning from {request.Hook}: os._exit(), a crash, or the interpreter failed to start.{(log.Length > 0 ? " Last log line: " + log[log.Length - 1] : string.Empty)}",
                pluginText: log.Length > 0 ? new[] { log[log.Length - 1] } : null);
        }
        Dictionary<string, object?> answer;
        try
        {
            answer = MiniJson.Parse(resultText) as Dictionary<string, object?> ?? throw new FormatException("not a JSON object");
        }
        catch (Exception error) when (error is FormatException || error is InvalidCastException)
        {
            return Failed(HookFailureKind.NoResult.Name, $"The hook host wrote an unreadable result ({error.Message}).");
        }
        python = answer.TryGetValue("python", out var reported) && reported is List<object?> parts && parts.Count >= 2 && parts[0] is long major && parts[1] is long minor
            && major is >= 0 and <= int.MaxValue && minor is >= 0 and <= int.MaxValue
            ? new Version((int)major, (int)minor)
            : null;
        if (answer.TryGetValue("ok", out var ok) && ok is true)
        {
            answer.TryGetValue("result", out var value);
            var raw = value as Dictionary<string, object?>;
            if (value != null && raw == null)
            {
                return Failed(HookFailureKind.NotADict.Name, $"{request.Hook} returned a {(value is List<object?> ? "list" : value.GetType().Name)}, not a dict; SPS reads hook results as dicts.");
            }
            var names = answer.TryGetValue("arguments", out var passed) && passed is List<object?> list ? list.OfType<string>().ToArray() : Array.Empty<string>();
            raw ??= new Dictionary<string, object?>();
            // A result SPS cannot act on fails the hook; the result stays visible for the author to compare.
            var problem = HookResultContract.Problem(request.Hook, raw);
            return new SpsPluginHookResult(request.Hook, raw, names, problem == null ? null : HookFailureKind.WrongResult.Name, problem?.Message, null, log, run.Stdout, truncated,
                run.ExitCode, run.Duration, false, python, problem?.PluginText);
        }
        // The host names its kinds from the same table (a test holds hook_host.py to it).
        return Failed(answer.TryGetValue("kind", out var kind) && kind is string named ? named : HookFailureKind.Failed.Name,
            answer.TryGetValue("message", out var message) ? message as string ?? "the hook failed" : "the hook failed",
            answer.TryGetValue("traceback", out var trace) ? trace as string : null,
            answer.TryGetValue("plugin_text", out var fragments) && fragments is List<object?> texts ? texts.OfType<string>().ToArray() : null);
    }

    /// <summary>The request as the JSON the hook host reads; arguments JSON cannot carry are the caller's error, named as such.</summary>
    private static string RequestJson(Dictionary<string, object?> payload, string pluginPath)
    {
        try
        {
            return MiniJson.Write(payload);
        }
        catch (FormatException error)
        {
            throw new SpsPluginException(SpsPluginErrorId.HookArgumentInvalid,
                $"The hook's arguments cannot be sent to the plugin: {error.Message} (more than {MiniJson.MaxDepth} levels, or a value that contains itself). SPS passes arguments as JSON; give plain, shallow values.",
                pluginPath);
        }
    }

    private const int RegularFile = 0x8000;

    // Reads at most the cap, whatever the file's recorded length says; a file the plugin made unreadable is no result.
    private static string? ReadCapped(string path)
    {
        try
        {
            return ReadAtMostCap(path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ReadAtMostCap(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        var buffer = new byte[Math.Min(stream.Length, ResultCap) + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = stream.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += count;
        }
        return Encoding.UTF8.GetString(buffer, 0, Math.Min(read, (int)ResultCap));
    }
}
