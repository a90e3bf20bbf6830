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

    /// <summary>SCB_PLUGIN_STATE_DIRECTORY, persistent per plugin instance; null for a folder under the temp folder named after the plugin.</summary>
    public string? StateDirectory { get; set; }
}

/// <summary>
/// Calls one hook as SPS does: a new Python process, a fresh Plugin(configuration), one hook with the
/// arguments it declares, the result back through a JSON round trip (in a file, not on stdout), logs
/// from stderr, and a deadline that kills the process tree and drops the cookies.
/// </summary>
public static class SpsPluginHookRunner
{
    private static readonly Lazy<string> HostScript = new(() =>
    {
        using var stream = typeof(SpsPluginHookRunner).Assembly.GetManifestResourceStream("SpsPlugin.hook_host.py")
            ?? throw new InvalidOperationException("the embedded hook_host.py is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Dictionary<string, string?> Interpreters = new(StringComparer.Ordinal);

    /// <summary>The interpreter to use, found once per preference and remembered.</summary>
    public static string? FindPython(string? preferred)
    {
        lock (Interpreters)
        {
            var key = preferred ?? string.Empty;
            if (!Interpreters.TryGetValue(key, out var python))
            {
                python = PythonLocator.Find(preferred);
                Interpreters[key] = python;
            }
            return python;
        }
    }

    /// <summary>Calls the hook.</summary>
    /// <exception cref="SpsPluginException">No interpreter (PythonNotFound); the plugin cannot be opened or its zip is refused.</exception>
    public static SpsPluginHookResult Invoke(SpsPluginHookRequest request, CancellationToken cancellation = default)
    {
        var python = FindPython(request.PythonPath) ?? throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
            "No Python 3 interpreter was found (looked at -PythonPath, SPSPLUGIN_PYTHON, /usr/bin/python3, /usr/local/bin/python3 and PATH). Install Python 3 or give -PythonPath.");
        var folder = PluginFolder(request.PluginPath);
        var manifest = SpsPluginBundle.Open(folder).Manifest;
        var name = manifest?.Name ?? Path.GetFileName(folder);
        var state = request.StateDirectory ?? Path.Combine(Path.GetTempPath(), "spsplugin-state", name);
        var ephemeral = Path.Combine(Path.GetTempPath(), "ephemeral_plugin_state", Path.GetFileName(state.TrimEnd(Path.DirectorySeparatorChar)));
        Directory.CreateDirectory(state);
        Directory.CreateDirectory(ephemeral);

        var exchange = Path.Combine(Path.GetTempPath(), "spsplugin-hook-" + Guid.NewGuid().ToString("N"));
        var requestFile = exchange + ".request.json";
        var resultFile = exchange + ".result.json";
        try
        {
            var payload = new Dictionary<string, object?>
            {
                ["folder"] = folder,
                ["entry"] = manifest?.EntryPoint ?? "main.py",
                ["configuration"] = request.Configuration,
                ["hook"] = request.Hook,
                ["arguments"] = request.Arguments,
            };
            File.WriteAllText(requestFile, MiniJson.Write(payload), new UTF8Encoding(false));
            var environment = new Dictionary<string, string>
            {
                ["SCB_PLUGIN_STATE_DIRECTORY"] = state,
                ["EPHEMERAL_PLUGIN_STATE_DIRECTORY"] = ephemeral,
            };
            var run = PythonProcess.Run(python, new[] { "-B", PythonProcess.ScriptFile(HostScript.Value), requestFile, resultFile },
                environment, string.Empty, request.Timeout, cancellation);
            return ToResult(request, run, File.Exists(resultFile) ? File.ReadAllText(resultFile, Encoding.UTF8) : null);
        }
        finally
        {
            File.Delete(requestFile);
            File.Delete(resultFile);
        }
    }

    /// <summary>
    /// The folder a plugin runs from: a folder as it is; a zip extracted once per SHA-256 into the temp
    /// folder (safely, see <see cref="SpsPluginExtractor"/>) and reused by every later call.
    /// </summary>
    public static string PluginFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return full;
        }
        var bundle = SpsPluginBundle.Open(full);
        var cache = Path.Combine(Path.GetTempPath(), "spsplugin-cache", bundle.Sha256!);
        if (!Directory.Exists(cache))
        {
            var staging = cache + "." + Guid.NewGuid().ToString("N").Substring(0, 8);
            SpsPluginExtractor.Extract(full, staging, merge: false);
            try
            {
                Directory.Move(staging, cache);
            }
            catch (IOException)
            {
                // Another call extracted the same zip first; its copy is identical.
                Directory.Delete(staging, recursive: true);
            }
        }
        return cache;
    }

    private static SpsPluginHookResult ToResult(SpsPluginHookRequest request, PythonRunResult run, string? resultText)
    {
        var log = run.Stderr.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var truncated = run.StdoutTruncated || run.StderrTruncated;
        Version? python = null;
        SpsPluginHookResult Failed(string kind, string message, string? traceback = null) =>
            new(request.Hook, null, Array.Empty<string>(), kind, message, traceback, log, run.Stdout, truncated, run.ExitCode, run.Duration, run.TimedOut, python);

        if (run.TimedOut)
        {
            return Failed("timeout", $"{request.Hook} did not return within {request.Timeout.TotalSeconds:0.###} s and was killed with its child processes; as on SPS, its cookies are lost.");
        }
        if (run.Cancelled)
        {
            return Failed("cancelled", $"{request.Hook} was stopped.");
        }
        if (resultText == null)
        {
            return Failed("no-result", $"The plugin process ended (exit code {run.ExitCode}) without returning from {request.Hook}: os._exit(), a crash, or the interpreter failed to start.{(log.Length > 0 ? " Last log line: " + log[log.Length - 1] : string.Empty)}");
        }
        Dictionary<string, object?> answer;
        try
        {
            answer = (Dictionary<string, object?>)MiniJson.Parse(resultText)!;
        }
        catch (Exception error) when (error is FormatException || error is InvalidCastException)
        {
            return Failed("no-result", $"The hook host wrote an unreadable result ({error.Message}).");
        }
        python = answer.TryGetValue("python", out var reported) && reported is List<object?> parts && parts.Count >= 2 && parts[0] is long major && parts[1] is long minor
            ? new Version((int)major, (int)minor)
            : null;
        if (answer.TryGetValue("ok", out var ok) && ok is true)
        {
            answer.TryGetValue("result", out var value);
            var raw = value as Dictionary<string, object?>;
            if (value != null && raw == null)
            {
                return Failed("not-a-dict", $"{request.Hook} returned a {(value is List<object?> ? "list" : value.GetType().Name)}, not a dict; SPS reads hook results as dicts.");
            }
            var names = answer.TryGetValue("arguments", out var passed) && passed is List<object?> list ? list.OfType<string>().ToArray() : Array.Empty<string>();
            return new SpsPluginHookResult(request.Hook, raw ?? new Dictionary<string, object?>(), names, null, null, null, log, run.Stdout, truncated,
                run.ExitCode, run.Duration, false, python);
        }
        return Failed(answer.TryGetValue("kind", out var kind) ? kind as string ?? "failed" : "failed",
            answer.TryGetValue("message", out var message) ? message as string ?? "the hook failed" : "the hook failed",
            answer.TryGetValue("traceback", out var trace) ? trace as string : null);
    }
}
