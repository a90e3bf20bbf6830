using System.Runtime.CompilerServices;
using System.Threading;

namespace SpsPlugin.Tests.Support;

/// <summary>
/// xunit runs test classes in parallel on pool threads, and the appliance tests block theirs on the
/// session's synchronous HTTP calls (a cmdlet blocks its pipeline thread instead, which is no pool thread).
/// On a two-core machine the pool starts with two threads, so a few such tests delayed every timer and
/// queued task of the other tests by seconds (a cancellation due after 1 s fired after 5). A higher floor
/// lets the pool hand out threads at once, as it would on a bigger machine.
/// </summary>
internal static class ThreadPoolFloor
{
    private const int Threads = 64;

    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(System.Math.Max(workers, Threads), System.Math.Max(io, Threads));
    }
}
