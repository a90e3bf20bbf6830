using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpsPlugin.Tests.Support;

/// <summary>A fact about this machine's pyenv: needs Linux, Python and pyenv's python3 shims; skipped, saying so, elsewhere.</summary>
public sealed class PyenvFactAttribute : FactAttribute
{
    public PyenvFactAttribute() =>
        Skip = LinuxPythonFactAttribute.SkipReason ?? (Shims.Count == 0 ? $"no python3 shims in {Root}/shims: pyenv is not installed here" : null);

    /// <summary>PYENV_ROOT, else ~/.pyenv, as libexec/pyenv defaults it.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } set ? set.TrimEnd('/')
            : Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".pyenv");

    /// <summary>The shims named python3 or python3.X, in name order.</summary>
    public static IReadOnlyList<string> Shims =>
        Directory.Exists(Path.Combine(Root, "shims"))
            ? Directory.GetFiles(Path.Combine(Root, "shims")).Where(shim => Regex.IsMatch(Path.GetFileName(shim), @"^python3(\.\d+)?$"))
                .OrderBy(shim => shim, StringComparer.Ordinal).ToList()
            : new List<string>();
}
