using System;
using System.Collections.Generic;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// The environment a plugin's interpreter starts with: not the caller's (which may hold tokens and
/// passwords), but what Python and the usual libraries need to start, find the user's site-packages
/// and choose an encoding, taken from the caller's environment when set. The runner adds what SPS
/// provides (the state directories), TMPDIR, and what the caller passes with -Environment.
/// </summary>
public static class PythonEnvironment
{
    /// <summary>The names passed through on every OS.</summary>
    public static IReadOnlyList<string> PassedThrough { get; } = new[] { "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ" };

    /// <summary>The names also passed through on Windows, where Python cannot start (or seed random) without SYSTEMROOT.</summary>
    public static IReadOnlyList<string> PassedThroughOnWindows { get; } = new[]
    {
        "SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "COMSPEC", "PATHEXT", "USERPROFILE", "USERNAME", "HOMEDRIVE", "HOMEPATH",
        "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS",
    };

    /// <summary>The minimal environment, from the current process's values.</summary>
    public static Dictionary<string, string> Minimal()
    {
        var windows = PlatformPaths.IsWindows;
        var result = new Dictionary<string, string>(windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var names = new List<string>(PassedThrough);
        if (windows)
        {
            names.AddRange(PassedThroughOnWindows);
        }
        foreach (var name in names)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value))
            {
                result[name] = value!;
            }
        }
        result["PYTHONIOENCODING"] = "utf-8";
        result["PYTHONDONTWRITEBYTECODE"] = "1";
        return result;
    }

    /// <summary>Checks a variable the caller adds: a name without '=' or NUL, a value without NUL.</summary>
    /// <exception cref="SpsPluginException">HookEnvironmentInvalid.</exception>
    public static void Check(string name, string value)
    {
        if (name.Length == 0 || name.IndexOf('=') >= 0 || name.IndexOf('\0') >= 0 || value.IndexOf('\0') >= 0)
        {
            throw new SpsPluginException(SpsPluginErrorId.HookEnvironmentInvalid,
                $"The environment variable '{name.Replace("\0", "\\0")}' cannot be passed to a process: a name must be non-empty and hold no '=' or NUL character, and a value no NUL character.");
        }
    }
}
