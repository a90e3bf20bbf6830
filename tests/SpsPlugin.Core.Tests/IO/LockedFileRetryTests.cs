using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin.Tests.IO;

/// <summary>Moves, replaces and deletes retried while another program holds the file on Windows, and only there.</summary>
public sealed class LockedFileRetryTests
{
    private static Exception WithHResult(Exception error, uint hresult)
    {
        // HResult's setter is protected on .NET Framework (the net472 run), public on .NET 10.
        typeof(Exception).GetProperty(nameof(Exception.HResult))!.GetSetMethod(nonPublic: true)!.Invoke(error, new object[] { unchecked((int)hresult) });
        return error;
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        // What Windows reports while a scanner, indexer or editor holds the file: retried there only.
        new object[] { WithHResult(new IOException("sharing violation"), 0x80070020), true, true },
        new object[] { WithHResult(new IOException("lock violation"), 0x80070021), true, true },
        new object[] { WithHResult(new UnauthorizedAccessException("access denied"), 0x80070005), true, true },
        new object[] { WithHResult(new IOException("sharing violation"), 0x80070020), false, false },
        new object[] { WithHResult(new UnauthorizedAccessException("access denied"), 0x80070005), false, false },
        // Failures no wait will mend: a missing file, a full disk, an existing target, a bug.
        new object[] { new FileNotFoundException("gone"), true, false },
        new object[] { WithHResult(new IOException("disk full"), 0x80070070), true, false },
        new object[] { WithHResult(new IOException("file exists"), 0x80070050), true, false },
        new object[] { WithHResult(new InvalidOperationException("bug"), 0x80070020), true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClassifiesHeldFilesByPlatform(Exception error, bool windows, bool held)
    {
        Assert.Equal(held, LockedFileRetry.IsHeldByAnotherProgram(error, windows));
    }

    [Fact]
    public void SucceedsOnceTheOtherProgramLetsGo()
    {
        var calls = 0;
        var waits = new List<TimeSpan>();
        LockedFileRetry.Run("/plugins/a.zip", () =>
        {
            if (++calls < 4)
            {
                throw WithHResult(new IOException("The process cannot access the file because it is being used by another process."), 0x80070020);
            }
        }, windows: true, waits.Add);
        Assert.Equal(4, calls);
        Assert.Equal(new[] { LockedFileRetry.Delay, LockedFileRetry.Delay, LockedFileRetry.Delay }, waits);
    }

    [Fact]
    public void GivesUpAfterTheLastAttemptNamingTheFileAndTheCause()
    {
        var calls = 0;
        var waited = TimeSpan.Zero;
        var held = WithHResult(new UnauthorizedAccessException("Access to the path is denied."), 0x80070005);
        var error = Assert.Throws<IOException>(() => LockedFileRetry.Run(@"C:\plugins\a.zip", () =>
        {
            calls++;
            throw held;
        }, windows: true, delay => waited += delay));
        Assert.Equal(LockedFileRetry.Attempts, calls);
        Assert.InRange(waited.TotalSeconds, 0.5, 1.5);
        Assert.Same(held, error.InnerException);
        Assert.Contains(@"'C:\plugins\a.zip'", error.Message);
        Assert.Contains("antivirus", error.Message);
        Assert.Contains("Access to the path is denied.", error.Message);
        Assert.Contains("retry", error.Message);
    }

    [Fact]
    public void DoesNotRetryOutsideWindowsOrOtherFailures()
    {
        var calls = 0;
        var denied = WithHResult(new UnauthorizedAccessException("Permission denied"), 0x80070005);
        var error = Assert.Throws<UnauthorizedAccessException>(() => LockedFileRetry.Run("/plugins/a.zip", () =>
        {
            calls++;
            throw denied;
        }, windows: false, _ => throw new InvalidOperationException("no wait expected")));
        Assert.Same(denied, error);
        Assert.Equal(1, calls);

        calls = 0;
        Assert.Throws<FileNotFoundException>(() => LockedFileRetry.Run("/plugins/a.zip", () =>
        {
            calls++;
            throw new FileNotFoundException("gone");
        }, windows: true, _ => throw new InvalidOperationException("no wait expected")));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void AtomicWriteStillReplacesAndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "spsplugin-retry-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var target = Path.Combine(folder, "a.txt");
            AtomicFile.WriteAllBytes(target, new byte[] { 1 }, overwrite: false);
            AtomicFile.WriteAllBytes(target, new byte[] { 2, 3 }, overwrite: true);
            Assert.Equal(new byte[] { 2, 3 }, File.ReadAllBytes(target));
            Assert.Equal(new[] { target }, Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
