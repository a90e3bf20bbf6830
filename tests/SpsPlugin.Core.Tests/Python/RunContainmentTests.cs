using System;
using System.Threading;
using SpsPlugin.Tests.Simulation;
using SpsPlugin.Tests.Support;

namespace SpsPlugin.Tests.Python;

/// <summary>A run's processes end with it, and no process that survives a kill can hold the run past its grace.</summary>
public sealed class RunContainmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // The kill, the wait for the root and two stream graces take well under this; a run held by its pipes took 20 s and more.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    /// <summary>Starts a grandchild that inherits stdout and stderr and sleeps, then hangs itself.</summary>
    private static string Script(string marker) =>
        "import subprocess, sys, time\n" +
        "print('started', flush=True)\n" +
        $"subprocess.Popen(['sleep', '{marker}'])\n" +
        "time.sleep(300)\n";

    /// <summary>
    /// What .NET Framework without a job does (Kill() of the root only, the grandchild keeps the pipes open):
    /// the run still returns within its timeout plus the grace, with what was read before the kill.
    /// </summary>
    [LinuxPythonFact]
    public void ARunWhoseGrandchildSurvivesTheKillAndHoldsThePipesReturnsWithinTheGrace()
    {
        var marker = "311." + Environment.ProcessId;
        var run = PythonProcess.Run(PythonLocator.Find()!, new[] { "-c", Script(marker) }, null, string.Empty, Timeout,
            CancellationToken.None, null, null, (process, _) => RunContainment.RootAlone(process));
        try
        {
            Assert.True(run.TimedOut);
            Assert.Equal(-1, run.ExitCode);
            Assert.Equal("started", run.Stdout.Trim());
            Assert.True(run.Duration < Timeout + Bound, $"took {run.Duration}");
            Assert.Equal(1, HookRunnerTests.ProcessesWith(marker));
        }
        finally
        {
            ProcessReaper.KillAll(0, run.RunId);
        }
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    /// <summary>This platform's containment (on Linux the /proc reaper, on Mono as on .NET) kills the grandchild with the root.</summary>
    [LinuxPythonFact]
    public void ThePlatformsContainmentKillsTheGrandchildWithTheRoot()
    {
        var marker = "312." + Environment.ProcessId;
        var run = PythonProcess.Run(PythonLocator.Find()!, new[] { "-c", Script(marker) }, null, string.Empty, Timeout, CancellationToken.None);
        Assert.True(run.TimedOut);
        Assert.True(run.Duration < Timeout + Bound, $"took {run.Duration}");
        Assert.Equal(0, HookRunnerTests.ProcessesWith(marker));
    }

    /// <summary>
    /// Windows cannot run here, but the one layout it checks can: SetInformationJobObject refuses a
    /// JOBOBJECT_EXTENDED_LIMIT_INFORMATION of the wrong size, and the run would then go without a job.
    /// </summary>
    [Fact]
    public void TheJobLimitsHaveTheSizeWindowsExpects() =>
        Assert.Equal(IntPtr.Size == 8 ? 144 : 112, WindowsJobObject.LimitsSize);
}
