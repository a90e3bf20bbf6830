using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Commands;

namespace SpsPlugin;

/// <summary>
/// What every SpsPlugin cmdlet shares: resolving -Path (wildcards) and -LiteralPath to file-system
/// paths, and turning Core failures and diagnostics into error records with stable ids.
/// </summary>
public abstract class SpsPluginCmdletBase : PSCmdlet
{
    /// <summary>The parameter set name of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>The parameter set name of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>
    /// Resolves the paths of the current pipeline item to file-system paths. A path that does not
    /// exist, or is not on the file system, becomes an error record and is skipped.
    /// </summary>
    protected IEnumerable<string> ResolvePaths(string[]? paths, bool literal)
    {
        foreach (var path in paths ?? Array.Empty<string>())
        {
            var resolved = new List<string>();
            try
            {
                if (literal)
                {
                    var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                    if (!IsFileSystem(provider, path))
                    {
                        continue;
                    }
                    if (!System.IO.File.Exists(full) && !System.IO.Directory.Exists(full))
                    {
                        WritePathNotFound(path);
                        continue;
                    }
                    resolved.Add(full);
                }
                else
                {
                    var matches = GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (!IsFileSystem(provider, path))
                    {
                        continue;
                    }
                    if (matches.Count == 0)
                    {
                        WriteNothingMatched(path);
                    }
                    resolved.AddRange(matches);
                }
            }
            catch (ItemNotFoundException)
            {
                WritePathNotFound(path);
                continue;
            }
            catch (DriveNotFoundException)
            {
                WritePathNotFound(path);
                continue;
            }
            foreach (var item in resolved)
            {
                yield return item;
            }
        }
    }

    /// <summary>Says with -Verbose which Python ran the plugin's code, and why that one (the project's .venv, -PythonPath, ...).</summary>
    protected void WriteInterpreter(string? subject, string? interpreter)
    {
        if (interpreter != null)
        {
            WriteVerbose($"{subject}: Python {interpreter}");
        }
    }

    /// <summary>
    /// Writes the file or folder at <paramref name="fileSystemPath"/> as Get-Item would: the FileSystem
    /// provider's object carries the notes its view reads (a bare FileInfo shows blank UnixMode, User, Group, Size).
    /// </summary>
    protected void WriteFileSystemItem(string fileSystemPath) =>
        WriteObject(InvokeProvider.Item.Get(new[] { fileSystemPath }, force: true, literalPath: true), enumerateCollection: true);

    /// <summary>Writes the failure as a non-terminating error record; the pipeline goes on.</summary>
    protected void WriteFailure(SpsPluginException failure)
    {
        if (failure.Diagnostics.Count > 0)
        {
            WriteDiagnosticErrors(failure.Diagnostics, failure);
            return;
        }
        WriteError(ErrorRecords.From(failure));
    }

    /// <summary>
    /// Writes one error record per Error diagnostic (the reasons for <paramref name="cause"/>, when
    /// given); warnings go to the warning stream.
    /// </summary>
    protected void WriteDiagnosticErrors(IEnumerable<SpsPluginDiagnostic> diagnostics, SpsPluginException? cause = null)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == Severity.Error)
            {
                WriteError(ErrorRecords.From(diagnostic, cause));
            }
            else if (diagnostic.Severity == Severity.Warning)
            {
                WriteWarning(diagnostic.ToString());
            }
            else
            {
                WriteVerbose(diagnostic.ToString());
            }
        }
    }

    /// <summary>
    /// Turns a parameter value into a configuration: a <see cref="SpsPluginConfig"/> as it is, or a
    /// path (string or file item) to a .cfg file, plugin folder or zip.
    /// </summary>
    /// <exception cref="SpsPluginException">The value is neither, the file cannot be read, or configparser cannot read it.</exception>
    protected SpsPluginConfig ResolveConfig(object? value, string parameterName)
    {
        var snapshot = ConfigSnapshot.From(value);
        if (snapshot != null)
        {
            return snapshot;
        }
        var unwrapped = value is PSObject wrapper ? wrapper.BaseObject : value;
        var text = unwrapped switch
        {
            System.IO.FileSystemInfo item => item.FullName,
            string path => path,
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigArgumentInvalid,
                $"-{parameterName} takes a configuration object (from Get-SpsPluginConfig, or one brought back with Import-Clixml or ConvertFrom-Json) or the path of a .cfg file, plugin folder or zip, not {Describe(unwrapped)}.");
        }
        var loaded = SpsPluginBundle.OpenConfig(SessionState.Path.GetUnresolvedProviderPathFromPSPath(text));
        if (!loaded.IsReadable)
        {
            throw new SpsPluginException(SpsPluginErrorId.ConfigSyntaxError,
                $"-{parameterName}: '{loaded.Path}' cannot be read by configparser: line {loaded.Diagnostics[0].Line}: {loaded.Diagnostics[0].Message}",
                loaded.Path, loaded.Diagnostics);
        }
        return loaded;
    }

    // A number or an empty string is shown; an object is named by its type only, as its properties may hold a configuration's secrets.
    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string or System.ValueType => $"'{value}'",
        _ => $"a {(value is PSObject p ? p.TypeNames[0] : value.GetType().FullName)}",
    };

    /// <summary>As <see cref="ResolveConfig"/>, for a value the command cannot do without: a failure stops the command.</summary>
    protected SpsPluginConfig ResolveConfigOrStop(object? value, string parameterName)
    {
        try
        {
            return ResolveConfig(value, parameterName);
        }
        catch (SpsPluginException failure)
        {
            ThrowTerminatingError(ErrorRecords.FromFirstFinding(failure));
            throw;
        }
    }

    /// <summary>Stops the command with a failure of the table: an argument or setting it cannot use.</summary>
    protected void Stop(SpsPluginErrorId id, string message, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(new SpsPluginException(id, message), target));

    /// <summary>
    /// The appliance sessions given, or the default one when none is; stops the command with
    /// NoApplianceSession when there is none or one was disconnected.
    /// </summary>
    protected IReadOnlyList<SpsApplianceSession> ResolveSessions(IReadOnlyList<SpsApplianceSession>? given)
    {
        var sessions = given is { Count: > 0 } ? given : new[] { ApplianceSessions.Default! };
        foreach (var session in sessions)
        {
            if (session == null || !session.IsOpen)
            {
                Stop(SpsPluginErrorId.NoApplianceSession, session == null
                    ? "There is no appliance session: run Connect-SpsPluginAppliance first, or pass -Session."
                    : $"The session {session} was disconnected: run Connect-SpsPluginAppliance again, or pass another -Session.");
            }
        }
        return sessions;
    }

    /// <summary>The release a -TargetSpsVersion names; null for none. An unknown release stops the command, listing the known ones.</summary>
    protected SpsRelease? ResolveRelease(string? text)
    {
        if (text == null)
        {
            return null;
        }
        var release = SpsRelease.Find(text);
        if (release == null)
        {
            Stop(SpsPluginErrorId.UnknownSpsRelease,
                $"'{text}' is not an SPS release SpsPlugin knows. Known: {string.Join(", ", SpsRelease.All.Select(r => r.Version.ToString(2)))}.", text);
        }
        return release;
    }

    /// <summary>
    /// A path to write to (it need not exist yet) on the file system; any other provider stops the
    /// command, since a provider path such as Env:\x names no folder.
    /// </summary>
    protected string ResolveFileSystemPath(string path, string parameterName)
    {
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            Stop(SpsPluginErrorId.NotFileSystemPath,
                $"-{parameterName} '{path}' is on the {provider.Name} provider; SpsPlugin writes to the file system only. Give a folder path.", path);
        }
        return resolved;
    }

    /// <summary>
    /// A wildcard that matches nothing writes nothing here, as with Get-Item: this is for cmdlets that
    /// read and list (Get-SpsPluginTemplate -TemplatePath). Cmdlets that act on -Path decide in
    /// <see cref="PathCmdletBase.NothingDone"/>.
    /// </summary>
    protected virtual void WriteNothingMatched(string path)
    {
    }

    /// <summary>
    /// Reports a path that does not exist as an error record. A cmdlet that answers for every path it
    /// is given (Test-SpsPluginBundle's $false) reports it its own way instead.
    /// </summary>
    protected virtual void WritePathNotFound(string path) => WriteError(ErrorRecords.From(PathNotFound(path)));

    /// <summary>The failure for a path that does not exist: the message quotes it as given, the target is the full path.</summary>
    protected SpsPluginException PathNotFound(string path) =>
        new(SpsPluginErrorId.PathNotFound, $"Cannot find path '{path}' because it does not exist.", FullPath(path));

    /// <summary>
    /// <paramref name="path"/> made absolute against the current location, so an error record's target
    /// names the file wherever the record is read; as given when it names no file-system place (a bad drive).
    /// </summary>
    protected string FullPath(string path)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception error) when (error is DriveNotFoundException || error is ProviderNotFoundException || error is NotSupportedException || error is PSArgumentException)
        {
            return path;
        }
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            return true;
        }
        WriteError(ErrorRecords.From(new SpsPluginException(SpsPluginErrorId.NotFileSystemPath,
            $"'{path}' is on the {provider.Name} provider; SpsPlugin reads plugin files from the file system only."), path));
        return false;
    }
}
