using System.Diagnostics;

namespace SpsPlugin.Tests.Support;

/// <summary>A fact that creates virtual environments: skipped, saying so, without a Python 3 whose venv module can install pip (Debian's python3-venv).</summary>
public sealed class PythonVenvFactAttribute : FactAttribute
{
    private static readonly string? Reason = Check();

    public PythonVenvFactAttribute()
    {
        Skip = Reason;
    }

    private static string? Check()
    {
        var python = PythonLocator.Find();
        if (python == null)
        {
            return PythonTheoryAttribute.NoPython;
        }
        using var process = Process.Start(new ProcessStartInfo(python, "-c \"import venv, ensurepip\"") { UseShellExecute = false, RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{python} has no venv with ensurepip (install python3-venv)";
    }
}
