namespace SpsPlugin.Tests.Support;

/// <summary>A fact that needs Python and Linux (/proc, a child subreaper, Unix file modes): skipped, saying so, elsewhere.</summary>
public sealed class LinuxPythonFactAttribute : FactAttribute
{
    public LinuxPythonFactAttribute()
    {
        if (!System.OperatingSystem.IsLinux())
        {
            Skip = "Linux only: the process and file-mode checks read /proc and Unix modes.";
        }
        else if (PythonLocator.Find() == null)
        {
            Skip = PythonTheoryAttribute.NoPython;
        }
    }
}
