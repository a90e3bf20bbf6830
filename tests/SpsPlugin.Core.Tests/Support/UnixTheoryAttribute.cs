using System;

namespace SpsPlugin.Tests.Support;

/// <summary>A theory about Unix file-system behaviour (links without privileges, PATH_MAX): skipped, saying so, on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix file-system behaviour (symbolic links without privileges, PATH_MAX)";
        }
    }
}

/// <summary>A fact about Unix file-system behaviour: skipped, saying so, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix file-system behaviour (symbolic links without privileges, PATH_MAX)";
        }
    }
}
