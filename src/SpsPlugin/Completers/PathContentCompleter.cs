using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SpsPlugin.Completers;

/// <summary>
/// Completes a parameter from the contents of the file or folder the command line names in -Path or
/// -LiteralPath (a config's sections, a bundle's entries, a plugin's hooks), resolved as the cmdlet
/// would: relative to the current location, through PowerShell drives. Offers nothing, quietly, when
/// there is no such path or it cannot be read.
/// </summary>
public abstract class PathContentCompleter : IArgumentCompleter
{
    private const string SpecialCharacters = "'\"`$&@(){}[];,|<>#";

    /// <summary>The values for the file or folder at <paramref name="fileSystemPath"/>; may throw on a file it cannot read.</summary>
    protected abstract IEnumerable<string> Candidates(string? fileSystemPath, IDictionary boundParameters);

    /// <summary>The tooltip of a value: the value itself unless a completer knows more.</summary>
    protected virtual string ToolTip(string value) => value;

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        try
        {
            return Candidates(ResolvePath(fakeBoundParameters), fakeBoundParameters)
                .Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(c => new CompletionResult(Quote(c, wordToComplete), c, CompletionResultType.ParameterValue, ToolTip(c)))
                .ToList();
        }
        catch (Exception)
        {
            // A completer that throws breaks the user's Tab; whatever the file holds (binary, huge, no
            // rights, not a plugin), the answer is no suggestions, and running the cmdlet says why.
            return Array.Empty<CompletionResult>();
        }
    }

    /// <summary>The values of a parameter bound on the command line, as strings (a single value or an array).</summary>
    protected static IReadOnlyList<string> BoundStrings(IDictionary boundParameters, string name) =>
        boundParameters.Contains(name) && boundParameters[name] is { } value
            ? (value is IEnumerable many && value is not string ? many.Cast<object>() : new[] { value })
                .Select(v => v is PSObject wrapped ? wrapped.BaseObject : v).OfType<string>().ToArray()
            : Array.Empty<string>();

    // The file system path of the first -Path match (wildcards allowed) or of -LiteralPath; null when none.
    private static string? ResolvePath(IDictionary boundParameters)
    {
        var literal = BoundStrings(boundParameters, "LiteralPath").FirstOrDefault();
        var path = literal ?? BoundStrings(boundParameters, "Path").FirstOrDefault();
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand(@"Microsoft.PowerShell.Management\Resolve-Path")
            .AddParameter(literal != null ? "LiteralPath" : "Path", path)
            .AddParameter("ErrorAction", ActionPreference.Ignore);
        return shell.Invoke<PathInfo>().FirstOrDefault(p => p.Provider.Name == "FileSystem")?.ProviderPath;
    }

    private static string Quote(string value, string wordToComplete)
    {
        var needsQuotes = wordToComplete.StartsWith("'", StringComparison.Ordinal) || wordToComplete.StartsWith("\"", StringComparison.Ordinal) ||
            value.Any(c => char.IsWhiteSpace(c) || SpecialCharacters.IndexOf(c) >= 0);
        return needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
    }
}

/// <summary>Completes -Section (and -RemoveSection) with the sections of the configuration file in -Path.</summary>
public sealed class ConfigSectionCompleter : PathContentCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Candidates(string? fileSystemPath, IDictionary boundParameters) =>
        fileSystemPath == null ? Array.Empty<string>() : SpsPluginBundle.OpenConfig(fileSystemPath).Sections.Select(s => s.Name);
}

/// <summary>Completes -Name with the options (commented ones too) of the file in -Path, of the -Section given when there is one.</summary>
public sealed class ConfigOptionCompleter : PathContentCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Candidates(string? fileSystemPath, IDictionary boundParameters)
    {
        if (fileSystemPath == null)
        {
            return Array.Empty<string>();
        }
        var sections = BoundStrings(boundParameters, "Section").Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        return SpsPluginBundle.OpenConfig(fileSystemPath).AllOptions
            .Where(o => sections.Count == 0 || sections.Any(p => p.IsMatch(o.Section)))
            .Select(o => o.Name);
    }
}

/// <summary>Completes -Read and -Entry with the files of the bundle (zip or folder) in -Path.</summary>
public sealed class BundleEntryCompleter : PathContentCompleter
{
    // A folder is listed lazily and only so far: Tab on a home folder or a drive root must stay fast.
    private const int MaxFolderEntries = 5000;

    /// <inheritdoc />
    protected override IEnumerable<string> Candidates(string? fileSystemPath, IDictionary boundParameters)
    {
        if (fileSystemPath == null)
        {
            return Array.Empty<string>();
        }
        if (Directory.Exists(fileSystemPath))
        {
            var root = fileSystemPath.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Length + 1;
            return Directory.EnumerateFiles(fileSystemPath, "*", SearchOption.AllDirectories).Take(MaxFolderEntries)
                .Select(f => f.Substring(root).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToList();
        }
        return SpsPluginBundle.Open(fileSystemPath).Entries.Where(e => !e.IsDirectory).Select(e => e.Path);
    }
}

/// <summary>
/// Completes -Hook with the hooks SPS calls on the plugin in -Path (its MANIFEST type), or every hook
/// when that plugin's type is unknown; the tooltip shows each hook's signature.
/// </summary>
public sealed class HookCompleter : PathContentCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Candidates(string? fileSystemPath, IDictionary boundParameters)
    {
        var hooks = SpsHooks.For(PluginType(fileSystemPath));
        return hooks.Count > 0 ? hooks.Select(h => h.Name) : SpsHooks.Names;
    }

    /// <inheritdoc />
    protected override string ToolTip(string value) => string.Join("; ", SpsHooks.All.Where(h => h.Name == value));

    private static string? PluginType(string? fileSystemPath)
    {
        try
        {
            if (fileSystemPath == null)
            {
                return null;
            }
            var manifest = Path.Combine(fileSystemPath, SpsPluginBundle.ManifestName);
            if (!Directory.Exists(fileSystemPath))
            {
                return SpsPluginBundle.Open(fileSystemPath).Manifest?.Type;
            }
            return File.Exists(manifest) && new FileInfo(manifest).Length <= SpsPluginBundle.MaxManifestBytes ? SpsPluginManifest.Load(manifest).Type : null;
        }
        catch (SpsPluginException)
        {
            // A plugin whose MANIFEST cannot be read still gets every hook offered.
            return null;
        }
    }
}
