using System.IO;

namespace SpsPlugin.Tests.Support;

/// <summary>A theory that needs Unix special files (mkfifo): skipped, saying so, on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            Skip = "FIFOs made with mkfifo exist only on Unix";
        }
    }
}
