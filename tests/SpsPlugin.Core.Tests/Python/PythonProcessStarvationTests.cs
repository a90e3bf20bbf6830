using System;
using SpsPlugin.Tests.Support;
using System.Threading;

namespace SpsPlugin.Tests.Python;

/// <summary>Alone in its collection: it blocks the thread pool on purpose, which would slow every other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolStarvationCollection
{
    public const string Name = "Thread pool starvation";
}

[Collection(ThreadPoolStarvationCollection.Name)]
public sealed class PythonProcessStarvationTests
{
    /// <summary>
    /// A run finished while every pool thread was busy still returns its output: the pipe readers do not
    /// queue behind blocked pool work (they did, and a probe of a project's .venv came back empty under load).
    /// </summary>
    [PythonFact]
    public void ARunReturnsItsOutputWhileThePoolIsBlocked()
    {
        var python = PythonLocator.Resolve()!;
        ThreadPool.GetMinThreads(out var workers, out _);
        using var release = new ManualResetEventSlim(false);
        using var started = new CountdownEvent(workers);
        for (var i = 0; i < workers; i++)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                started.Signal();
                release.Wait();
            });
        }
        try
        {
            started.Wait(TimeSpan.FromSeconds(10));
            var run = PythonProcess.Run(python.Path, "print('still heard')", string.Empty, TimeSpan.FromSeconds(20));
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("still heard", run.Stdout.Trim());
        }
        finally
        {
            release.Set();
        }
    }
}
