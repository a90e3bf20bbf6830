using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SpsPlugin;

/// <summary>
/// Loads the ReadyToRun copy of SpsPlugin.Core for this platform, when the module ships one, before
/// PowerShell reads the cmdlet assembly. PowerShell resolves SpsPlugin.Core while it lists the cmdlets,
/// before any code of SpsPlugin.dll runs, and takes the plain copy beside it; an assembly already loaded
/// under that name wins instead. The precompiled copy holds the same IL plus native code for one
/// operating system and processor, so a session's first call does not wait for the JIT; elsewhere
/// (Windows PowerShell 5.1, other platforms, another .NET) the plain netstandard2.0 copy runs.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer
{
    /// <summary>Set to 1 to run the plain copy: to compare the two, or to rule the precompiled one out.</summary>
    public const string DisableVariable = "SPSPLUGIN_NO_READYTORUN";

    /// <summary>The .NET major version the precompiled copies are compiled against (build.ps1 checks it).</summary>
    public const int CompiledForDotNet = 10;

    /// <summary>Runs once, when Import-Module loads this nested module.</summary>
    public void OnImport()
    {
        if (PreferredCore() is { } path)
        {
            try
            {
                Assembly.LoadFrom(path);
            }
            catch (Exception error) when (error is BadImageFormatException || error is FileLoadException || error is IOException)
            {
                // The image does not load here: PowerShell then finds the plain copy, which always works.
            }
        }
    }

    /// <summary>The precompiled SpsPlugin.Core for this process, or null when the plain copy should run.</summary>
    public static string? PreferredCore()
    {
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1" || !IsDotNet(CompiledForDotNet))
        {
            return null;
        }
        var folder = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location);
        var path = folder == null ? null : Path.Combine(Path.Combine(Path.Combine(folder, "runtimes"), RuntimeId()), "SpsPlugin.Core.dll");
        return path != null && File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The runtime identifier of this process in .NET's spelling (linux-x64, win-arm64, osx-arm64, …). glibc and
    /// musl systems share linux-*: precompiled code calls the runtime, never the C library.
    /// </summary>
    public static string RuntimeId()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
            : "unknown";
        return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }

    // .NET Framework and Mono report 4.0.x, .NET Core 3.x its own version, .NET 5 and later their major.
    // Native code compiled against .NET 10 is for .NET 10 on; an earlier runtime could not bind it.
    private static bool IsDotNet(int major) => Environment.Version.Major >= major;
}
