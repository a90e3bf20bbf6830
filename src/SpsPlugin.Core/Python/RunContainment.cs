using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// How every process of one run is ended, chosen per platform once the root process has started:
/// on Linux the /proc reaper (descendants and the run's marker, on .NET and on Mono alike); on Windows a
/// Job Object that kills on close (Windows PowerShell 5.1 and PowerShell 7 alike); elsewhere the
/// runtime's tree kill where it has one, else the root alone. Whatever the choice, the run's waits
/// after a kill are bounded (see <see cref="PythonProcess"/>), so a process that survives the kill
/// and holds the pipes only costs a short grace.
/// </summary>
internal abstract class RunContainment : IDisposable
{
    // .NET Core 3.0+ only; .NET Framework and Mono have Kill() alone.
    private static readonly MethodInfo? KillTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

    private RunContainment(Process process) => Root = process;

    /// <summary>The process the run started.</summary>
    protected Process Root { get; }

    /// <summary>The containment for <paramref name="process"/> on this platform.</summary>
    public static RunContainment For(Process process, string runId)
    {
        if (UnixNative.HasProc)
        {
            return new Reaped(process, runId);
        }
        if (PlatformPaths.IsWindows && WindowsJobObject.TryContain(process) is { } job)
        {
            return new InJob(process, job);
        }
        return new RootOnly(process, KillTree);
    }

    /// <summary>Only the root is killed: what .NET Framework offers without a job. For tests of the bounded waits.</summary>
    internal static RunContainment RootAlone(Process process) => new RootOnly(process, null);

    /// <summary>Kills the root and every process it started.</summary>
    public abstract void KillAll();

    /// <summary>After the root ended: kills what it left (the processes that still hold its pipes).</summary>
    public abstract void KillLeftovers();

    /// <summary>Ends the containment; on Windows closing the job kills what the run left.</summary>
    public virtual void Dispose()
    {
    }

    /// <summary>Kills the root, with the runtime's tree kill when <paramref name="killTree"/> is given.</summary>
    protected void KillRoot(MethodInfo? killTree)
    {
        try
        {
            if (killTree != null)
            {
                killTree.Invoke(Root, new object[] { true });
            }
            else
            {
                Root.Kill();
            }
        }
        catch (Exception error) when (error is InvalidOperationException || error is TargetInvocationException || error is System.ComponentModel.Win32Exception)
        {
            // It ended between the check and the kill.
        }
    }

    private sealed class Reaped : RunContainment
    {
        private readonly string _runId;

        public Reaped(Process process, string runId)
            : base(process) => _runId = runId;

        public override void KillAll()
        {
            if (ProcessReaper.KillAll(Root.Id, _runId) == 0)
            {
                KillRoot(KillTree);
            }
        }

        // The root's id may already belong to another process: leftovers are found by the marker alone.
        public override void KillLeftovers() => ProcessReaper.KillAll(0, _runId);
    }

    private sealed class InJob : RunContainment
    {
        private readonly WindowsJobObject _job;

        public InJob(Process process, WindowsJobObject job)
            : base(process) => _job = job;

        public override void KillAll()
        {
            _job.Terminate();
            KillRoot(null);
        }

        public override void KillLeftovers() => _job.Terminate();

        public override void Dispose() => _job.Dispose();
    }

    private sealed class RootOnly : RunContainment
    {
        private readonly MethodInfo? _killTree;

        public RootOnly(Process process, MethodInfo? killTree)
            : base(process) => _killTree = killTree;

        public override void KillAll() => KillRoot(_killTree);

        // Without /proc or a job, nothing names the processes a dead root left.
        public override void KillLeftovers()
        {
        }
    }
}
