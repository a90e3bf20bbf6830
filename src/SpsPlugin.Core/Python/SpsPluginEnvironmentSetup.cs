using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Sets up a plugin project's own environment as `pipenv install --dev` would, without pipenv: a
/// <c>.venv</c> beside the Pipfile made by <c>python -m venv</c>, then pip installs [packages] and
/// [dev-packages] (the SDK pin) into it. The .venv is where <see cref="PythonLocator.ResolveFor(string?, string?, Version?)"/>
/// looks first, so the simulator and the validator use it afterwards.
/// </summary>
public static class SpsPluginEnvironmentSetup
{
    // What pip (urllib3, requests) prints when no connection to the index could be made.
    private static readonly string[] UnreachableSigns =
    {
        "NewConnectionError", "Failed to establish a new connection", "Connection refused", "ConnectTimeoutError",
        "ProxyError", "Name or service not known", "Temporary failure in name resolution", "Could not fetch URL", "No route to host",
    };

    // Settings pip and its TLS stack read from the environment: a proxy, a mirror, a company CA.
    private static readonly string[] PipVariables =
    {
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CONFIG_FILE", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_CERT",
    };

    /// <summary>Works out what <see cref="Run"/> will do; writes nothing.</summary>
    /// <exception cref="SpsPluginException">PipfileNotFound; PipfileInvalid; PythonNotFound.</exception>
    public static SpsPluginEnvironmentPlan Plan(SpsPluginEnvironmentOptions options)
    {
        var folder = ProjectEnvironments.FoldersUpFrom(options.ProjectPath).FirstOrDefault(f => File.Exists(Path.Combine(f, "Pipfile")))
            ?? throw new SpsPluginException(SpsPluginErrorId.PipfileNotFound,
                $"No Pipfile in '{Path.GetFullPath(options.ProjectPath)}' or the folders above it (up to the repository root): there is no list of packages to install. New-SpsPlugin makes one; or add a Pipfile with [packages] and [dev-packages].",
                Path.GetFullPath(options.ProjectPath));
        var pipfile = Pipfile.Read(Path.Combine(folder, "Pipfile"));
        // The environment is made from a system interpreter (or the named one), never from another project's .venv.
        var interpreter = PythonLocator.ResolveFor(options.PythonPath, null, pipfile.PythonVersion)
            ?? throw new SpsPluginException(SpsPluginErrorId.PythonNotFound,
                $"No Python 3 interpreter was found to create the .venv with (looked at -PythonPath, SPSPLUGIN_PYTHON, {PythonSearchAdvice.SystemPlaces(PythonSearchEnvironment.Current)}). {PythonSearchAdvice.Remedy(PythonSearchEnvironment.Current)}");
        var environmentPath = Path.Combine(folder, ProjectEnvironments.VenvFolder);
        var exists = Directory.Exists(environmentPath);
        var pipOptions = new List<string>();
        var indexUrl = options.NoIndex ? null : options.IndexUrl ?? pipfile.SourceUrls.FirstOrDefault();
        if (options.NoIndex)
        {
            pipOptions.Add("--no-index");
        }
        else if (indexUrl != null)
        {
            pipOptions.AddRange(new[] { "--index-url", indexUrl });
        }
        foreach (var links in options.FindLinks)
        {
            pipOptions.AddRange(new[] { "--find-links", links });
        }
        if (options.Retries is { } retries)
        {
            pipOptions.AddRange(new[] { "--retries", retries.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        var index = options.NoIndex ? "only " + string.Join(", ", options.FindLinks.DefaultIfEmpty("(no -FindLinks)"))
            : indexUrl != null ? "the index " + WithoutCredentials(indexUrl)
            : "pip's configured index (PyPI unless pip.conf or PIP_INDEX_URL names another)";
        return new SpsPluginEnvironmentPlan(pipfile, environmentPath, interpreter, exists, exists && options.Force, pipOptions, index);
    }

    /// <summary>Carries out <paramref name="plan"/>: the .venv (deleted first when it is recreated), then pip; every line the tools print goes to <paramref name="onLine"/>.</summary>
    /// <returns>The .venv's interpreter, as the locator describes it.</returns>
    /// <exception cref="SpsPluginException">PackageIndexUnreachable; EnvironmentSetupFailed.</exception>
    public static PythonInterpreter Run(SpsPluginEnvironmentPlan plan, SpsPluginEnvironmentOptions options, Action<string> onLine, CancellationToken cancellation = default)
    {
        if (plan.Recreate)
        {
            onLine($"Deleting {plan.EnvironmentPath}");
            // A scanner often still holds the old interpreter it just checked.
            LockedFileRetry.Run(plan.EnvironmentPath, () => Directory.Delete(plan.EnvironmentPath, recursive: true));
        }
        if (!plan.Exists || plan.Recreate)
        {
            onLine($"Creating {plan.EnvironmentPath} with {plan.Interpreter}");
            Step(plan.Interpreter.Path, new[] { "-m", "venv", plan.EnvironmentPath }, "python -m venv", plan, options, onLine, cancellation);
        }
        var python = ProjectEnvironments.InterpreterIn(plan.EnvironmentPath);
        if (plan.Requirements.Count > 0)
        {
            var arguments = new List<string> { "-m", "pip", "install", "--disable-pip-version-check", "--no-input" };
            arguments.AddRange(plan.PipOptions);
            arguments.AddRange(plan.Requirements);
            onLine($"Installing {string.Join(" ", plan.Requirements)} from {plan.Index}");
            Step(python, arguments, "pip install", plan, options, onLine, cancellation);
        }
        return PythonLocator.ResolveFor(null, plan.EnvironmentPath, plan.Pipfile.PythonVersion, PythonSearchEnvironment.Of(new Dictionary<string, string>()))
            ?? throw new SpsPluginException(SpsPluginErrorId.EnvironmentSetupFailed, $"{python} does not run after the set-up; delete {plan.EnvironmentPath} and run again.", plan.EnvironmentPath);
    }

    private static void Step(string program, IReadOnlyList<string> arguments, string what, SpsPluginEnvironmentPlan plan, SpsPluginEnvironmentOptions options,
        Action<string> onLine, CancellationToken cancellation)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PipVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }
        PythonRunResult run;
        try
        {
            run = PythonProcess.Run(program, arguments, environment, string.Empty, options.Timeout, cancellation, Path.GetDirectoryName(plan.Pipfile.Path), onLine);
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception || error is InvalidOperationException || error is IOException)
        {
            throw new SpsPluginException(SpsPluginErrorId.EnvironmentSetupFailed, $"{what}: '{program}' could not be started: {error.Message}.", plan.EnvironmentPath, innerException: error);
        }
        if (run.ExitCode == 0)
        {
            return;
        }
        var output = run.Stdout + "\n" + run.Stderr;
        var tail = string.Join("\n", output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Reverse().Take(6).Reverse());
        if (what == "pip install" && UnreachableSigns.Any(sign => output.IndexOf(sign, StringComparison.Ordinal) >= 0))
        {
            throw new SpsPluginException(SpsPluginErrorId.PackageIndexUnreachable,
                $"pip could not reach {plan.Index}, so {string.Join(" ", plan.Requirements)} were not installed into {plan.EnvironmentPath}. " +
                "The plugin SDK comes from PyPI: check the network or proxy (HTTPS_PROXY), give -IndexUrl for a mirror, or -NoIndex -FindLinks with a folder of wheels. pip said:\n" + tail,
                plan.EnvironmentPath);
        }
        var why = run.TimedOut ? $"did not finish within {options.Timeout.TotalMinutes:0.#} min" : run.Cancelled ? "was stopped" : $"failed (exit code {run.ExitCode})";
        throw new SpsPluginException(SpsPluginErrorId.EnvironmentSetupFailed, $"{what} {why} for {plan.EnvironmentPath}; its last lines:\n{tail}", plan.EnvironmentPath);
    }

    /// <summary>The URL without user:password@, which a private index may carry.</summary>
    private static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : url;
}
