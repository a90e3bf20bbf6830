using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SpsPlugin;

/// <summary>
/// Which modules a scenario requires (RequiresModule) the interpreter cannot import. It is asked the
/// way the hook host runs the plugin (same flags, same minimal environment plus the scenario's
/// variables), so "importable" here means importable by the plugin; a module is found without
/// running it (importlib.util.find_spec), so the probe never starts the SDK's own code.
/// </summary>
internal static class RequiredModuleProbe
{
    private const string Script =
        "import sys, importlib.util\n" +
        // As in the hook host: -c puts the current folder first on sys.path; it says nothing about the plugin's environment.
        "if sys.path and sys.path[0] == '': del sys.path[0]\n" +
        "def found(name):\n" +
        "    try:\n" +
        "        return importlib.util.find_spec(name) is not None\n" +
        "    except (ImportError, ValueError):\n" +
        "        return False\n" +
        "print('\\n'.join(name for name in sys.argv[1:] if not found(name)))\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The modules of <paramref name="modules"/> that <paramref name="python"/> cannot import, in their order.</summary>
    /// <exception cref="SpsPluginException">PythonNotFound: the interpreter does not start or answers nothing usable.</exception>
    public static IReadOnlyList<string> Missing(string python, IReadOnlyList<string> modules, IDictionary<string, string> environment, CancellationToken cancellation)
    {
        PythonRunResult run;
        try
        {
            run = PythonProcess.Run(python, new[] { "-B", "-c", Script }.Concat(modules).ToArray(), environment, string.Empty, Timeout, cancellation);
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception || error is InvalidOperationException || error is System.IO.IOException)
        {
            throw SpsPluginHookRunner.NotStarted(python, error);
        }
        cancellation.ThrowIfCancellationRequested();
        if (run.ExitCode != 0 || run.TimedOut)
        {
            throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
                $"'{python}' could not tell whether it can import {string.Join(", ", modules)} (exit code {run.ExitCode}): {run.Stderr.Trim()}. Give -PythonPath (or SPSPLUGIN_PYTHON) an interpreter that runs.", python);
        }
        var missing = new HashSet<string>(run.Stdout.Split(new[] { '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return modules.Where(missing.Contains).ToArray();
    }
}
