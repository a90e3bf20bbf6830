using System;

namespace SpsPlugin.ApplianceDouble;

/// <summary>A misbehaviour switched on by a test: each kind replaces an earlier fault of the same kind.</summary>
public abstract record DoubleFault
{
    /// <summary>Every response waits <paramref name="Delay"/> first (client timeouts).</summary>
    public static DoubleFault Slow(TimeSpan delay) => new SlowFault(delay);

    /// <summary>The next upload's connection is aborted after this many body bytes were read.</summary>
    public static DoubleFault DropConnection(long afterBytes) => new DropConnectionFault(afterBytes);

    /// <summary>The next request to <paramref name="path"/> (exact, case-insensitive) answers this status and error code.</summary>
    public static DoubleFault FailNext(string path, int status, string code) => new FailNextFault(path, status, code);

    /// <summary>The next <paramref name="count"/> GET requests answer 503.</summary>
    public static DoubleFault Flaky(int count) => new FlakyFault(count);

    /// <summary>The next upload is stored but its deployment fails: 422 TransactionProcessingError.</summary>
    public static DoubleFault DeployFail() => new DeployFailFault();
}

public sealed record SlowFault(TimeSpan Delay) : DoubleFault;

public sealed record DropConnectionFault(long AfterBytes) : DoubleFault;

public sealed record FailNextFault(string Path, int Status, string Code) : DoubleFault;

public sealed record FlakyFault(int Count) : DoubleFault;

public sealed record DeployFailFault : DoubleFault;
