namespace SpsPlugin.Tests.Support;

/// <summary>A fact that needs Python and Linux (/proc, a child subreaper, Unix file modes): skipped, saying so, elsewhere.</summary>
public sealed class LinuxPythonFactAttribute : FactAttribute
{
    public LinuxPythonFactAttribute() => Skip = SkipReason;

    /// <summary>Why such a test cannot run here; null when it can.</summary>
    internal static string? SkipReason =>
        !System.OperatingSystem.IsLinux() ? "Linux only: the process and file-mode checks read /proc and Unix modes."
        : PythonLocator.Find() == null ? PythonTheoryAttribute.NoPython
        : null;
}

/// <summary>A theory that needs Python and Linux: skipped, saying so, elsewhere.</summary>
public sealed class LinuxPythonTheoryAttribute : TheoryAttribute
{
    public LinuxPythonTheoryAttribute() => Skip = LinuxPythonFactAttribute.SkipReason;
}
