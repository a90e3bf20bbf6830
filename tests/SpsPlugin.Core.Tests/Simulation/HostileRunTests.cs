using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Simulation;

/// <summary>
/// What a hostile plugin cannot do to the caller: outlive the call (daemons, setsid, a never-ending
/// hook), read the caller's environment, leave files behind or readable by others, show a secret
/// answer, blow up the memory with its result, or pick its state directory with its name.
/// </summary>
public sealed class HostileRunTests : IDisposable
{
    private const string Header = "import os, sys, time, subprocess\nclass Plugin(object):\n    def __init__(self, configuration):\n        pass\n";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Plugin(string hooks) => new PluginBuilder().Set("good_plugin/plugin.py", Header + hooks).WriteFolder(_temp);

    private static SpsPluginHookResult Call(string plugin, double timeoutSeconds = 20, IDictionary<string, string>? environment = null, CancellationToken cancellation = default) =>
        SpsPluginHookRunner.Invoke(new SpsPluginHookRequest
        {
            PluginPath = plugin,
            Hook = "authenticate",
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            Environment = environment ?? new Dictionary<string, string>(),
        }, cancellation);

    // A daemon as a hostile plugin makes one: fork, setsid, fork again, keep stdout and stderr, and
    // exec a program whose command line carries the marker the test looks for.
    private static string Daemon(string marker) =>
        "        if os.fork() == 0:\n" +
        "            os.setsid()\n" +
        "            if os.fork() == 0:\n" +
        $"                os.execvp('sleep', ['sleep', '{marker}'])\n" +
        "            os._exit(0)\n" +
        "        os.wait()\n";

    // The plugin names its workspace on stderr (before the hook can be stopped), so the test checks
    // that very directory: other runs may create and delete their own in the temp folder meanwhile.
    private const string ShowWorkspace = "        sys.stderr.write('workspace=' + os.path.dirname(os.environ['TMPDIR']) + '\\n'); sys.stderr.flush()\n";

    private static string WorkspaceOf(SpsPluginHookResult result) =>
        result.Log.Single(l => l.StartsWith("workspace=", StringComparison.Ordinal)).Substring("workspace=".Length);

    [LinuxPythonTheory]
    [InlineData("os.symlink('/dev/zero', path)")]
    [InlineData("os.mkfifo(path)")]
    [InlineData("os.mkdir(path)")]
    public void AResultPathThePluginReplacesIsNoResultNeverAnEndlessRead(string replace)
    {
        var plugin = Plugin("    def authenticate(self):\n        path = sys.argv[-1]\n        if os.path.exists(path): os.remove(path)\n        " + replace + "\n        os._exit(0)\n");
        var watch = Stopwatch.StartNew();
        var result = Call(plugin, timeoutSeconds: 10);
        Assert.Equal("no-result", result.ErrorKind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [LinuxPythonFact]
    public void ADaemonHoldingTheOutputNeitherDelaysTheCallNorOutlivesIt()
    {
        var marker = "311." + Environment.ProcessId;
        var watch = Stopwatch.StartNew();
        var result = Call(Plugin("    def authenticate(self):\n" + Daemon(marker) + "        return {'verdict': 'ACCEPT'}\n"), timeoutSeconds: 5);
        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.TimedOut);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    // Neither the run's marker nor a pipe leads the caller to this daemon: only the host, its
    // subreaper, finds it (through its child the daemon was re-parented to) when the hook returns.
    [LinuxPythonFact]
    public void ADaemonOnlyTheHostCanFindIsKilledWhenTheHookReturns()
    {
        var marker = "314." + Environment.ProcessId;
        var result = Call(Plugin("    def authenticate(self):\n" +
            "        if os.fork() == 0:\n" +
            "            os.setsid()\n" +
            "            devnull = os.open(os.devnull, os.O_RDWR)\n" +
            "            for fd in (0, 1, 2):\n" +
            "                os.dup2(devnull, fd)\n" +
            "            if os.fork() == 0:\n" +
            $"                os.execve('/bin/sleep', ['sleep', '{marker}'], {{}})\n" +
            "            os._exit(0)\n" +
            "        os.wait()\n" +
            "        return {'verdict': 'ACCEPT'}\n"));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    [LinuxPythonFact]
    public void AHookThatNeverReturnsIsKilledAtTheTimeoutWithEveryDaemonItStarted()
    {
        var marker = "312." + Environment.ProcessId;
        // One daemon keeps the run's marker; the other scrubs its environment, so only the process tree finds it.
        var plugin = Plugin("    def authenticate(self):\n" + Daemon(marker) +
            $"        subprocess.Popen(['setsid', 'env', '-i', 'sleep', '{marker}'])\n" +
            "        while True:\n            time.sleep(1)\n");
        var watch = Stopwatch.StartNew();
        var result = Call(plugin, timeoutSeconds: 2);
        Assert.True(result.TimedOut);
        Assert.Equal("timeout", result.ErrorKind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2 + 2), $"took {watch.Elapsed}");
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    [LinuxPythonFact]
    public void APluginThatEndsItsHostAbruptlyLeavesNoDaemon()
    {
        var marker = "313." + Environment.ProcessId;
        var plugin = Plugin("    def authenticate(self):\n" +
            $"        subprocess.Popen(['sleep', '{marker}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)\n" +
            "        os._exit(0)\n");
        var result = Call(plugin);
        Assert.Equal("no-result", result.ErrorKind);
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    [PythonFact]
    public void ThePluginSeesAMinimalEnvironmentAndWhatIsPassedExplicitly()
    {
        var name = "SPSPLUGIN_TEST_SECRET_" + Environment.ProcessId;
        Environment.SetEnvironmentVariable(name, "caller-only");
        try
        {
            var plugin = Plugin($"    def authenticate(self):\n        return {{'verdict': 'ACCEPT', 'seen': os.environ.get('{name}'), 'names': sorted(os.environ)}}\n");
            var hidden = Call(plugin);
            Assert.True(hidden.Succeeded, hidden.Error);
            Assert.Null(hidden.Raw!["seen"]);
            var names = ((List<object?>)hidden.Raw["names"]!).Cast<string>().ToArray();
            Assert.Contains("SCB_PLUGIN_STATE_DIRECTORY", names);
            Assert.Contains("EPHEMERAL_PLUGIN_STATE_DIRECTORY", names);
            Assert.Contains("TMPDIR", names);
            Assert.DoesNotContain(names, n => n.StartsWith("DOTNET_", StringComparison.Ordinal) || n.StartsWith("XUNIT", StringComparison.Ordinal));
            var passed = Call(plugin, environment: new Dictionary<string, string> { [name] = "given" });
            Assert.Equal("given", passed.Raw!["seen"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [PythonFact]
    public void AnEnvironmentVariableThatCannotBePassedIsRefusedByName()
    {
        var error = Assert.Throws<SpsPluginException>(() => Call(Plugin("    def authenticate(self):\n        return {}\n"), environment: new Dictionary<string, string> { ["A=B"] = "x" }));
        Assert.Equal(SpsPluginErrorId.HookEnvironmentInvalid, error.ErrorId);
        Assert.Contains("'A=B'", error.Message);
    }

    [LinuxPythonFact]
    public void TheRunWorksInAPrivateDirectoryAndLeavesNothingBehind()
    {
        var plugin = Plugin("    def authenticate(self):\n" + ShowWorkspace +
            "        work = os.path.dirname(os.environ['TMPDIR'])\n" +
            "        open(os.path.join(os.environ['TMPDIR'], 'left.txt'), 'w').write('x')\n" +
            "        return {'verdict': 'ACCEPT', 'mode': oct(os.stat(work).st_mode & 0o777), 'owner': os.stat(work).st_uid == os.getuid(),\n" +
            "                'state_inside': os.environ['SCB_PLUGIN_STATE_DIRECTORY'].startswith(work + '/'), 'ephemeral_inside': os.environ['EPHEMERAL_PLUGIN_STATE_DIRECTORY'].startswith(work + '/'),\n" +
            "                'stdin': sys.stdin.read()}\n");
        var result = Call(plugin);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("0o700", result.Raw!["mode"]);
        Assert.Equal(true, result.Raw["owner"]);
        Assert.Equal(true, result.Raw["state_inside"]);
        Assert.Equal(true, result.Raw["ephemeral_inside"]);
        Assert.Equal(string.Empty, result.Raw["stdin"]);
        Assert.StartsWith(Path.GetTempPath(), WorkspaceOf(result));
        Assert.False(Directory.Exists(WorkspaceOf(result)));
    }

    [LinuxPythonFact]
    public void CancellingKillsTheRunAndLeavesNothingBehind()
    {
        var marker = "314." + Environment.ProcessId;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var result = Call(Plugin("    def authenticate(self):\n" + ShowWorkspace + Daemon(marker) + "        time.sleep(60)\n"), timeoutSeconds: 60, cancellation: stop.Token);
        Assert.Equal("cancelled", result.ErrorKind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
        Assert.False(Directory.Exists(WorkspaceOf(result)));
    }

    [PythonFact]
    public void AHugeResultIsRefusedWithoutReadingIt()
    {
        var result = Call(Plugin("    def authenticate(self):\n        return {'verdict': 'ACCEPT', 'cookie': {'blob': 'x' * (20 * 1024 * 1024)}}\n"));
        Assert.Equal("result-too-large", result.ErrorKind);
        Assert.Contains("16 MiB", result.Error);
        Assert.Empty(result.Cookie);
    }

    [PythonTheory]
    [InlineData("../../x")]
    [InlineData("/tmp/escaped")]
    [InlineData("ok\\nname")]
    public void APluginNameThatIsAPathIsRefusedBeforeAnyUse(string name)
    {
        var plugin = new PluginBuilder().Manifest(m => m.Replace("name: good_plugin", "name: \"" + name + "\"")).WriteFolder(_temp);
        var error = Assert.Throws<SpsPluginException>(() => Call(plugin));
        Assert.Equal(SpsPluginErrorId.PluginNameInvalid, error.ErrorId);
        Assert.False(Directory.Exists("/tmp/escaped"));
    }

    [PythonFact]
    public void ASecretAnswerAppearsInNoTextTheSimulationGivesBack()
    {
        const string Secret = "s3cr'et\"OTP";
        var plugin = Plugin(
            "    def authenticate(self, key_value_pairs, cookie):\n" +
            "        otp = key_value_pairs.get('otp')\n" +
            "        if otp is None:\n            return {'verdict': 'NEEDINFO', 'question': ('otp', 'OTP: ', True)}\n" +
            "        print('stdout', otp, repr(otp))\n" +
            "        sys.stderr.write('log %s %r %s\\n' % (otp, otp, __import__('json').dumps(otp)))\n" +
            "        return {'verdict': 'DENY', 'reason': 'wrong ' + otp, 'cookie': {'nested': [{'kept': otp}], otp: 1}}\n" +
            "    def session_ended(self, cookie):\n" +
            "        raise ValueError('still ' + cookie['nested'][0]['kept'])\n");
        var options = new SpsPluginSimulationOptions
        {
            AaPlugin = plugin,
            Answers = new List<KeyValuePair<string, SpsPluginAnswer>> { new("otp", new SpsPluginAnswer(Secret, isSecret: true)) },
        };
        var result = SpsPluginSimulator.Run(options);
        Assert.Equal("DENY", result.Verdict);
        var texts = new List<string?> { result.Reason, result.GatewayUser };
        foreach (var step in result.Steps)
        {
            var r = step.Result;
            texts.AddRange(new[] { step.ToString(), step.AnswerShown, r.Error, r.Traceback, r.Stdout, r.Reason, global::SpsPlugin.IO.MiniJson.Write(r.Raw) });
            texts.AddRange(r.Log);
        }
        Assert.Contains(texts, t => t != null && t.Contains("wrong ********"));
        Assert.Contains(result.Steps, s => s.Result.ErrorKind == "raised" && s.Result.Error!.Contains("still ********"));
        Assert.DoesNotContain(texts, t => t != null && (t.Contains("s3cr") || t.Contains("OTP\\\"") || t.Contains("et\\\"")));
    }
}
