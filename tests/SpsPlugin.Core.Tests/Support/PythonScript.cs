using System.Diagnostics;

namespace SpsPlugin.Tests.Support;

/// <summary>Runs a short Python script as an oracle (configparser, the SDK's readers) and returns its standard output.</summary>
internal static class PythonScript
{
    /// <summary>The script's output without its final line break; a failing script fails the test with its standard error.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(PythonLocator.Find()!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.TrimEnd('\n');
    }
}
