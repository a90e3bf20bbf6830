using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>One hook call as SPS makes it, and every way a plugin can fail it.</summary>
public sealed class HookRunnerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Plugin(string module, string? main = null) => PluginBuilder.WithModule(module, main).WriteFolder(_temp);

    private static SpsPluginHookResult Call(string plugin, string hook, Dictionary<string, object?>? arguments = null, double timeoutSeconds = 20) =>
        SpsPluginHookRunner.Invoke(new SpsPluginHookRequest
        {
            PluginPath = plugin,
            Hook = hook,
            Configuration = "[x]\ny=1\n",
            Arguments = arguments ?? new Dictionary<string, object?>(),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        });

    private const string Header = "import os, sys, time, subprocess\nclass Plugin(object):\n    def __init__(self, configuration):\n        self.configuration = configuration\n";

    [PythonFact]
    public void ArgumentsJsonCannotCarryAreTheCallersErrorWithAnId()
    {
        var plugin = Plugin(Header + "    def authenticate(self, cookie):\n        return {'verdict': 'ACCEPT'}\n");
        var loop = new Dictionary<string, object?>();
        loop["self"] = loop;
        var failure = Assert.Throws<SpsPluginException>(() => Call(plugin, "authenticate", new Dictionary<string, object?> { ["cookie"] = loop }));
        Assert.Equal(SpsPluginErrorId.HookArgumentInvalid, failure.ErrorId);
    }

    [PythonFact]
    public void PassesOnlyTheArgumentsTheHookDeclaresAndRoundTripsTheResult()
    {
        var plugin = Plugin(Header +
            "    def authenticate(self, cookie, key_value_pairs):\n" +
            "        return {'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ', True), 'cookie': dict(cookie, n=1, seen=sorted(key_value_pairs))}\n" +
            "    def authorize(self, **kwargs):\n" +
            "        return {'verdict': 'ACCEPT', 'gateway_user': 'alice', 'gateway_groups': ('a', 'b'), 'names': sorted(kwargs), 'config': self.configuration}\n");
        var first = Call(plugin, "authenticate", new Dictionary<string, object?> { ["cookie"] = new Dictionary<string, object?>(), ["key_value_pairs"] = new Dictionary<string, object?> { ["k"] = "v" }, ["protocol"] = "ssh" });
        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(new[] { "cookie", "key_value_pairs" }, first.ArgumentNames);
        Assert.Equal(("otp", "OTP: ", true), (first.Question!.Key, first.Question.Prompt, first.Question.DisableEcho));
        Assert.Equal(1L, first.Cookie["n"]);
        var second = Call(plugin, "authorize", new Dictionary<string, object?> { ["protocol"] = "ssh", ["session_id"] = "s" });
        Assert.Equal(new[] { "protocol", "session_id" }, second.ArgumentNames);
        Assert.Equal(new[] { "a", "b" }, second.GatewayGroups);
        Assert.Equal("[x]\ny=1\n", second.Raw!["config"]);
    }

    // The host reads a plain method's names from its code object and leaves every other callable to
    // inspect.signature: each row is what inspect.signature gives, so both ways must agree with it.
    [PythonTheory]
    [InlineData("    def authenticate(self, cookie, *, protocol):", "cookie protocol")]
    [InlineData("    def authenticate(self, cookie=None, /, protocol=None):", "protocol")]
    [InlineData("    def authenticate(self, *args):", "")]
    [InlineData("    def authenticate(self, cookie, **extra):", "cookie key_value_pairs protocol session_id")]
    [InlineData("    @staticmethod\n    def authenticate(cookie, protocol):", "cookie protocol")]
    [InlineData("    @classmethod\n    def authenticate(cls, session_id):", "session_id")]
    [InlineData("    @wrapped\n    def authenticate(self, cookie):", "cookie")]
    [InlineData("    authenticate = functools.partialmethod(lambda self, n, protocol: HOOK_RESULT, 1)", "protocol")]
    [InlineData("    authenticate = Callable()", "session_id")]
    public void PassesTheArgumentsEachKindOfHookDeclaresAsInspectSignatureReadsThem(string definition, string expected)
    {
        var body = definition.Contains("lambda") || definition.Contains("Callable()") ? string.Empty : "\n        return HOOK_RESULT\n";
        var plugin = Plugin("import functools\n" +
            "HOOK_RESULT = {'verdict': 'ACCEPT'}\n" +
            "def wrapped(function):\n" +
            "    @functools.wraps(function)\n" +
            "    def call(*args, **kwargs):\n" +
            "        return function(*args, **kwargs)\n" +
            "    return call\n" +
            "class Callable(object):\n" +
            "    def __call__(self, session_id):\n" +
            "        return HOOK_RESULT\n" +
            Header + definition + body);
        var result = Call(plugin, "authenticate", new Dictionary<string, object?>
        {
            ["cookie"] = new Dictionary<string, object?>(), ["key_value_pairs"] = new Dictionary<string, object?>(), ["protocol"] = "ssh", ["session_id"] = "s",
        });
        Assert.True(result.Succeeded, result.Error + "\n" + result.Traceback);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), result.ArgumentNames);
    }

    // The host imports inspect, traceback, signal and shutil only when it needs them, after the
    // plugin's folder went first on sys.path: files of the plugin with those names must not run.
    [PythonFact]
    public void ThePluginsFilesNamedAfterModulesTheHostImportsLateAreNotRunInTheirPlace()
    {
        const string Shadow = "raise SystemExit('the plugin\\'s own module ran in the host')\n";
        // A decorated hook sends the host to inspect, a raising one to traceback.
        var builder = PluginBuilder.WithModule("import functools\n" +
            "class Plugin(object):\n" +
            "    def __init__(self, configuration):\n" +
            "        pass\n" +
            "    @functools.lru_cache()\n" +
            "    def authenticate(self):\n" +
            "        raise ValueError('refused')\n");
        foreach (var module in new[] { "inspect", "traceback", "signal", "shutil" })
        {
            builder.Set(module + ".py", Shadow);
        }
        var result = Call(builder.WriteFolder(_temp), "authenticate", new Dictionary<string, object?> { ["cookie"] = new Dictionary<string, object?>() });
        Assert.Equal("raised", result.ErrorKind);
        Assert.Contains("ValueError: refused", result.Error);
        Assert.Contains("raise ValueError('refused')", result.Traceback);
    }

    [PythonFact]
    public void SetsTheStateDirectoriesAndKeepsStdoutAndTheLogApart()
    {
        var plugin = Plugin(Header +
            "    def authenticate(self):\n" +
            "        print('debug output')\n" +
            "        sys.stderr.write('a log line\\n')\n" +
            "        return {'verdict': 'ACCEPT', 'state': os.path.isdir(os.environ['SCB_PLUGIN_STATE_DIRECTORY']), 'ephemeral': os.path.isdir(os.environ['EPHEMERAL_PLUGIN_STATE_DIRECTORY'])}\n");
        var result = Call(plugin, "authenticate");
        Assert.Equal("ACCEPT", result.Verdict);
        Assert.Equal(true, result.Raw!["state"]);
        Assert.Equal(true, result.Raw["ephemeral"]);
        Assert.Equal("debug output\n", result.Stdout);
        Assert.Equal(new[] { "a log line" }, result.Log);
    }

    [PythonTheory]
    [InlineData("raise ValueError('broken')", "raised", "ValueError: broken")]
    [InlineData("sys.exit(3)", "exit", "sys.exit(3)")]
    [InlineData("os._exit(0)", "no-result", "without returning")]
    [InlineData("return {'verdict': 'ACCEPT', 'cookie': {'when': object()}}", "not-serialisable", "result['cookie']['when']")]
    [InlineData("return {'verdict': 'ACCEPT', 'cookie': {('a', 'b'): 1}}", "not-serialisable", "a key of type tuple")]
    [InlineData("return ['not', 'a', 'dict']", "not-a-dict", "not a dict")]
    public void ReportsAPluginThatFails(string body, string kind, string message)
    {
        var result = Call(Plugin(Header + "    def authenticate(self):\n        " + body + "\n"), "authenticate");
        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.ErrorKind);
        Assert.Contains(message, result.Error);
        Assert.Empty(result.Cookie);
    }

    [PythonFact]
    public void GivesTheTracebackOfAnException()
    {
        var result = Call(Plugin(Header + "    def authenticate(self):\n        return helper()\ndef helper():\n    raise KeyError('missing')\n"), "authenticate");
        Assert.Contains("in helper", result.Traceback);
        Assert.Contains("KeyError", result.Traceback);
    }

    [PythonTheory]
    [InlineData("no-plugin", "from good_plugin.plugin import Other\n", "class Other(object):\n    pass\n")]
    [InlineData("no-hook", null, "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n")]
    [InlineData("syntax", "#!/usr/bin/env pluginwrapper3\ndef broken(:\n", "")]
    [InlineData("sdk-missing", "from safeguard.sessions.plugin import AAPlugin\n", "")]
    [InlineData("raised", null, "class Plugin(object):\n    def __init__(self, configuration):\n        raise RuntimeError('bad config')\n")]
    public void ReportsAPluginThatCannotBeLoaded(string kind, string? main, string module)
    {
        var result = Call(Plugin(module, main), "authenticate");
        Assert.Equal(kind, result.ErrorKind);
    }

    [PythonFact]
    public void AReaderOfStdinGetsEndOfFile()
    {
        var result = Call(Plugin(Header + "    def authenticate(self):\n        return {'verdict': 'ACCEPT', 'stdin': sys.stdin.read()}\n"), "authenticate", timeoutSeconds: 10);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(string.Empty, result.Raw!["stdin"]);
    }

    [PythonFact]
    public void CapsMegabytesOfOutput()
    {
        var result = Call(Plugin(Header + "    def authenticate(self):\n        sys.stdout.write('x' * 3000000)\n        sys.stderr.write('y' * 3000000)\n        return {'verdict': 'ACCEPT'}\n"), "authenticate");
        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.OutputTruncated);
        Assert.Equal(PythonProcess.OutputCap, result.Stdout.Length);
    }

    [LinuxPythonFact]
    public void KillsAHangingHookWithItsChildrenAndDropsTheCookies()
    {
        var marker = "301." + Environment.ProcessId;
        var plugin = Plugin(Header + $"    def authenticate(self):\n        subprocess.Popen(['sleep', '{marker}'])\n        time.sleep(300)\n        return {{'verdict': 'ACCEPT', 'cookie': {{'x': 1}}}}\n");
        var result = Call(plugin, "authenticate", timeoutSeconds: 1);
        Assert.True(result.TimedOut);
        Assert.Equal("timeout", result.ErrorKind);
        Assert.Empty(result.Cookie);
        Assert.Equal(0, ProcessesWith(marker));
    }

    [LinuxPythonFact]
    public void LeavesNoProcessAfterTenTimeoutsInARow()
    {
        var marker = "302." + Environment.ProcessId;
        var plugin = Plugin(Header + $"    def authenticate(self):\n        subprocess.Popen(['sleep', '{marker}'])\n        time.sleep(300)\n");
        for (var i = 0; i < 10; i++)
        {
            Assert.True(Call(plugin, "authenticate", timeoutSeconds: 0.15).TimedOut);
        }
        Assert.Equal(0, ProcessesWith(marker));
    }

    [PythonFact]
    public void RunsAZipExtractedFreshNotWhatIsPlantedAtTheOldSharedPaths()
    {
        var zip = new PluginBuilder().WriteZip(_temp);
        // Where earlier versions cached the extraction and the host script, predictable for any local user.
        var sha = SpsPluginBundle.Open(zip).Sha256!;
        var planted = Path.Combine(Path.GetTempPath(), "spsplugin-cache", sha);
        var plantedModule = Path.Combine(planted, "good_plugin", "plugin.py");
        Directory.CreateDirectory(Path.GetDirectoryName(plantedModule)!);
        File.WriteAllText(Path.Combine(planted, "MANIFEST"), PluginBuilder.GoodManifest);
        File.WriteAllText(Path.Combine(planted, "main.py"), PluginBuilder.GoodMain);
        File.WriteAllText(plantedModule, "class Plugin(object):\n    def __init__(self, configuration):\n        pass\n    def authenticate(self, **kwargs):\n        return {'verdict': 'DENY', 'reason': 'planted code ran'}\n");
        try
        {
            var result = Call(zip, "authenticate", new Dictionary<string, object?> { ["key_value_pairs"] = new Dictionary<string, object?>(), ["cookie"] = new Dictionary<string, object?>() });
            Assert.Equal("ACCEPT", result.Verdict);
        }
        finally
        {
            Directory.Delete(planted, recursive: true);
        }
    }

    /// <summary>Counts the processes whose command line holds <paramref name="marker"/>; only a [LinuxPythonFact] may ask.</summary>
    internal static int ProcessesWith(string marker)
    {
        // Without /proc, "0 left" would pass without looking: fail instead, so the test gets the Linux attribute.
        Assert.True(Directory.Exists("/proc"), "counting processes needs /proc: mark the test [LinuxPythonFact]");
        System.Threading.Thread.Sleep(200);
        return Directory.EnumerateDirectories("/proc").Count(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
    }
}
