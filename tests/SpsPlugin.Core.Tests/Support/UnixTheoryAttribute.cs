using System;

namespace SpsPlugin.Tests.Support;

/// <summary>A theory about Unix file-system behaviour (FIFOs, links without privileges, PATH_MAX): skipped, saying so, on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = UnixFactAttribute.NotUnix;
        }
    }
}
