using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SpsPlugin;

/// <summary>
/// A Windows Job Object that kills every process in it when its last handle closes
/// (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). A started Python is put in one, so its children and
/// grandchildren (processes started later inherit the job) end with it: on a timeout, at the end of
/// the run, and when this process dies without cleaning up, because Windows closes the handle then.
/// .NET Framework (Windows PowerShell 5.1) has no Process.Kill(bool), and even where it exists a tree
/// walk misses a grandchild whose parent already ended. Only called on Windows: kernel32 is not
/// there elsewhere.
/// </summary>
internal sealed class WindowsJobObject : IDisposable
{
    private const int ExtendedLimitInformation = 9;
    private const uint KillOnJobClose = 0x2000;

    private readonly JobHandle _handle;

    private WindowsJobObject(JobHandle handle) => _handle = handle;

    /// <summary>
    /// A new job holding <paramref name="process"/>; null when Windows refuses (a host job that forbids
    /// nested jobs on Windows 7, a process that already ended): the caller falls back on killing the tree itself.
    /// A process the root starts before this call is not in the job, but Python takes tens of
    /// milliseconds to start before any plugin code runs.
    /// </summary>
    public static WindowsJobObject? TryContain(Process process)
    {
        var handle = CreateJobObject(IntPtr.Zero, null);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            return null;
        }
        var limits = new ExtendedLimits { Basic = new BasicLimits { LimitFlags = KillOnJobClose } };
        if (!SetInformationJobObject(handle, ExtendedLimitInformation, ref limits, (uint)Marshal.SizeOf(typeof(ExtendedLimits))) ||
            !AssignProcessToJobObject(handle, process.Handle))
        {
            handle.Dispose();
            return null;
        }
        return new WindowsJobObject(handle);
    }

    /// <summary>The size Windows expects of JOBOBJECT_EXTENDED_LIMIT_INFORMATION: 144 bytes in a 64-bit process, 112 in a 32-bit one.</summary>
    internal static int LimitsSize => Marshal.SizeOf(typeof(ExtendedLimits));

    /// <summary>Kills every process in the job now.</summary>
    public void Terminate() => TerminateJobObject(_handle, 1);

    /// <summary>Closes the job, which kills whatever is still in it.</summary>
    public void Dispose() => _handle.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private struct BasicLimits
    {
        public long PerProcessUserTimeLimit;
        public long PerJobUserTimeLimit;
        public uint LimitFlags;
        public UIntPtr MinimumWorkingSetSize;
        public UIntPtr MaximumWorkingSetSize;
        public uint ActiveProcessLimit;
        public UIntPtr Affinity;
        public uint PriorityClass;
        public uint SchedulingClass;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoCounters
    {
        public ulong ReadOperationCount;
        public ulong WriteOperationCount;
        public ulong OtherOperationCount;
        public ulong ReadTransferCount;
        public ulong WriteTransferCount;
        public ulong OtherTransferCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ExtendedLimits
    {
        public BasicLimits Basic;
        public IoCounters Io;
        public UIntPtr ProcessMemoryLimit;
        public UIntPtr JobMemoryLimit;
        public UIntPtr PeakProcessMemoryUsed;
        public UIntPtr PeakJobMemoryUsed;
    }

    /// <summary>A job handle closed exactly once, also when the handle's owner is finalised.</summary>
    private sealed class JobHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        // The marshaller creates it through this constructor.
        public JobHandle()
            : base(true)
        {
        }

        protected override bool ReleaseHandle() => CloseHandle(handle);
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern JobHandle CreateJobObject(IntPtr attributes, string? name);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool SetInformationJobObject(JobHandle job, int infoClass, ref ExtendedLimits info, uint length);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool AssignProcessToJobObject(JobHandle job, IntPtr process);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool TerminateJobObject(JobHandle job, uint exitCode);

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool CloseHandle(IntPtr handle);
}
