using System;
using System.Collections.Generic;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin.Validation.Rules;

internal sealed class StructureMainPyRule : BundleRule
{
    public StructureMainPyRule()
        : base("StructureMainPy", "Structure", Severity.Error, "No main.py at the root",
            "SPS needs a Python module named main.py at the root of the zip (OI-CS/6.0.7); it exports the Plugin class.",
            SpsPluginBundle.MainPyFix)
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.Bundle!.WrappingFolder == null && !context.Bundle.HasMainPy)
        {
            yield return Finding(context, "There is no main.py at the root of the bundle.");
        }
    }
}

internal sealed class StructureWrappedFolderRule : BundleRule
{
    public StructureWrappedFolderRule()
        : base("StructureWrappedFolder", "Structure", Severity.Error, "The folder was zipped instead of its contents",
            "Everything sits inside one folder, so MANIFEST and main.py are not at the zip root where SPS looks for them. This is the most common packing mistake.",
            "zip the folder's contents (or use Compress-SpsPluginBundle), so that MANIFEST and main.py are at the root")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var wrapper = context.Bundle!.WrappingFolder;
        if (wrapper != null && context.Bundle.Kind == SpsPluginBundleKind.Zip)
        {
            yield return Finding(context, $"Every entry is inside '{wrapper}': you zipped the folder; zip its contents instead.", wrapper);
        }
    }
}

/// <summary>
/// The 20 MB limit of <see cref="PluginSizeLimit"/>: above 20 MiB an error, between 20 MB and 20 MiB
/// a warning, since a decimal megabyte would already refuse it.
/// </summary>
internal abstract class SizeRule : BundleRule
{
    protected SizeRule(string id, Severity severity, string title, string description)
        : base(id, "Structure", severity, title, description, "move large files out (test data, caches, wheels SPS already has), or vendor fewer dependencies")
    {
    }

    protected IEnumerable<(string What, long Size)> Sizes(ValidationContext context)
    {
        if (context.Bundle!.FileSize is long fileSize)
        {
            yield return ("The zip", fileSize);
        }
        yield return ("Unpacked, the bundle", context.Bundle.TotalSize);
    }
}

internal sealed class StructureSizeRule : SizeRule
{
    public StructureSizeRule()
        : base("StructureSize", Severity.Error, "The bundle is larger than SPS allows",
            "SPS limits plugins to 20 MB, for the zip and (per the older guide) unpacked. Above 20 MiB (20,971,520 bytes) the upload is refused under any reading of the unit.")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context) =>
        Sizes(context).Where(s => s.Size > PluginSizeLimit.Mebibytes20)
            .Select(s => Finding(context, $"{s.What} is {s.Size:N0} bytes, over the 20 MB limit (20 MiB = {PluginSizeLimit.Mebibytes20:N0} bytes)."));
}

internal sealed class StructureSizeNearLimitRule : SizeRule
{
    public StructureSizeNearLimitRule()
        : base("StructureSizeNearLimit", Severity.Warning, "The bundle is at the 20 MB limit",
            "Between 20,000,000 and 20,971,520 bytes a bundle is over 20 MB if SPS counts decimal megabytes, and under it if it counts mebibytes; the documentation does not say which.")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context) =>
        Sizes(context).Where(s => s.Size > PluginSizeLimit.Megabytes20 && s.Size <= PluginSizeLimit.Mebibytes20)
            .Select(s => Finding(context, $"{s.What} is {s.Size:N0} bytes: over 20,000,000, so SPS may refuse it."));
}

internal sealed class StructureSdkBundledRule : BundleRule
{
    public StructureSdkBundledRule()
        : base("StructureSdkBundled", "Structure", Severity.Error, "The plugin SDK is bundled",
            "The SDK (safeguard.sessions.plugin) is pre-installed on SPS and must not be packed with the plugin; pluginv refuses it since SDK 1.4.1. A bundled copy shadows the appliance's.",
            "list oneidentity-safeguard-sessions-plugin-sdk under [dev-packages] only, and remove safeguard/sessions/plugin from the bundle")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var hit = context.Files.FirstOrDefault(f =>
            f.Path.StartsWith("safeguard/sessions/plugin/", StringComparison.Ordinal) ||
            f.Path.StartsWith("oneidentity_safeguard_sessions_plugin_sdk", StringComparison.OrdinalIgnoreCase));
        if (hit != null)
        {
            yield return Finding(context, $"The bundle contains the plugin SDK ('{hit.Path}').", hit.Path);
        }
    }
}

internal sealed class StructureShadowedModuleRule : BundleRule
{
    public StructureShadowedModuleRule()
        : base("StructureShadowedModule", "Structure", Severity.Warning, "A bundled module hides one of Python's standard library",
            "The folder of main.py comes first on the import path, so a top-level X.py or X/ package named like a standard-library module (json, logging, calendar...) is imported instead of it: by the plugin, and by every module that imports it, the SDK included. Deliberate backports (dataclasses for Python 3.6) are the exception.",
            "rename the module or package, and its imports")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var shadowing = context.Files
            .Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal))
            .Select(f => (Module: TopLevelModule(f.Path), f.Path))
            .Where(m => PythonStandardLibrary.Contains(m.Module))
            .GroupBy(m => m.Module, StringComparer.Ordinal);
        foreach (var module in shadowing)
        {
            yield return Finding(context, $"'{module.First().Path}' makes a module named '{module.Key}', which hides Python's own '{module.Key}'.", module.First().Path);
        }
    }

    // "json.py" and "json/decoder.py" both make the top-level module "json".
    private static string TopLevelModule(string path)
    {
        var slash = path.IndexOf('/');
        return slash > 0 ? path.Substring(0, slash) : path.Substring(0, path.Length - ".py".Length);
    }
}

internal sealed class StructureJunkRule : BundleRule
{
    private static readonly string[] Folders = { "__pycache__/", ".git/", ".venv/", "venv/", ".idea/", ".vscode/", ".pytest_cache/", ".mypy_cache/", ".tox/", "node_modules/" };
    private static readonly string[] Suffixes = { ".pyc", ".pyo", ".swp", ".swo", "~", ".DS_Store", "Thumbs.db", "desktop.ini", ".orig", ".rej" };

    public StructureJunkRule()
        : base("StructureJunk", "Structure", Severity.Warning, "The bundle carries files SPS does not need",
            "Byte code caches, version control, virtual environments and editor files make the bundle larger and can leak local details.",
            "exclude them (Compress-SpsPluginBundle does by default)")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var junk = context.Bundle!.Entries.Select(e => e.Path).Where(IsJunk).ToArray();
        if (junk.Length > 0)
        {
            var shown = string.Join(", ", junk.Take(5)) + (junk.Length > 5 ? $" and {junk.Length - 5} more" : string.Empty);
            yield return Finding(context, $"{junk.Length} entr{(junk.Length == 1 ? "y" : "ies")} SPS does not need: {shown}.", junk[0]);
        }
    }

    private static bool IsJunk(string path) =>
        Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal) || path.IndexOf("/" + f, StringComparison.Ordinal) >= 0) ||
        Suffixes.Any(s => path.EndsWith(s, StringComparison.Ordinal));
}

internal sealed class StructureDefaultConfigPluginRule : BundleRule
{
    public StructureDefaultConfigPluginRule()
        : base("StructureDefaultConfigPlugin", "Structure", Severity.Information, "default.cfg.plugin without default.cfg",
            "The SDK's pluginv builds default.cfg from default.cfg.plugin and the plugin type's common sections; uploaded as is, SPS shows administrators no sample configuration.",
            "build the bundle with pluginv, or write default.cfg")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (!context.Bundle!.HasDefaultConfig && context.Files.Any(f => f.Path == "default.cfg.plugin"))
        {
            yield return Finding(context, "The bundle has default.cfg.plugin but no default.cfg.", "default.cfg.plugin");
        }
    }
}

internal sealed class StructureSpecialFileRule : BundleRule
{
    public StructureSpecialFileRule()
        : base("StructureSpecialFile", "Structure", Severity.Error, "The plugin folder holds a FIFO, socket or device file",
            "Only regular files can be packed or read; SpsPlugin lists these by their type without opening them (opening a FIFO blocks).",
            "remove it from the plugin folder, or exclude it in .spsignore")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context) =>
        context.Bundle!.Entries.Where(e => e.IsSpecialFile).Select(e => Finding(context,
            $"'{e.Path}' is {SpecialFiles.Describe(e.UnixMode ?? 0) ?? "a special file"}, not a regular file; it cannot be packed, and SpsPlugin does not open it.", e.Path));
}

internal sealed class StructureCrlfLineEndsRule : BundleRule
{
    public StructureCrlfLineEndsRule()
        : base("StructureCrlfLineEnds", "Structure", Severity.Warning, "Text with Windows (CRLF) line ends",
            "SPS runs plugins on Linux. Python reads CRLF source, PyYAML a CRLF MANIFEST and configparser a CRLF default.cfg as it reads LF (only the first line of main.py breaks: PythonShebang), so this is a warning. But the bytes differ: a zip packed from a Windows checkout with git's core.autocrlf=true has other contents, CRC-32s, SHA-256 and ContentDigest than one packed on Linux from the same commit, and diffs against Linux-made bundles show every line changed.",
            "save the file with LF line ends; in git, add '* text=auto eol=lf' to .gitattributes (New-SpsPlugin writes one) and check the files out again")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        // Python sources through the context's cache (the Python rules read them too), all at once so
        // the reads share the cores; MANIFEST and default.cfg as bytes, since their readers report their
        // own decoding problems.
        context.ReadPythonTexts();
        var texts = context.PythonFiles.Select(e => (e.Path, Text: context.ReadText(e.Path)))
            .Concat(new[] { SpsPluginBundle.ManifestName, "default.cfg" }
                .Where(name => context.Files.Any(e => e.Path == name))
                .Select(name => (Path: name, Text: ReadQuietly(context, name))));
        foreach (var (path, text) in texts)
        {
            var crlf = text?.IndexOf("\r\n", StringComparison.Ordinal) ?? -1;
            if (crlf >= 0)
            {
                var line = 1 + text!.Take(crlf).Count(c => c == '\n');
                yield return Finding(context, $"'{path}' has CRLF line ends (first on line {line}): a pack of it differs from one of the same file with LF ends.", path, line);
            }
        }
    }

    private static string? ReadQuietly(ValidationContext context, string entry)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(context.Bundle!.ReadEntry(entry, SpsPluginConfig.MaxBytes));
        }
        catch (SpsPluginException)
        {
            return null;
        }
    }
}

/// <summary>
/// Git for Windows with core.symlinks=false (its default without developer mode) checks a symbolic
/// link out as a small file holding the target's path: SPS would then load that text instead of the
/// file it pointed to.
/// </summary>
internal sealed class StructureGitSymlinkRule : BundleRule
{
    // Git writes the target without a newline; targets of real plugins are far shorter than this.
    private const int MaxTargetBytes = 1024;

    public StructureGitSymlinkRule()
        : base("StructureGitSymlink", "Structure", Severity.Warning, "A file holds only the path of another file: a link git checked out as text",
            "Git for Windows checks symbolic links out as small text files holding the target path unless core.symlinks is true. A one-line file without a line break whose text is the relative path of another file or folder of the plugin is almost surely such a link: SPS would get the path as the file's content.",
            "replace the file with a copy of its target (SPS needs no links), or check the repository out with core.symlinks=true")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var bundle = context.Bundle!;
        var paths = new HashSet<string>(bundle.Entries.Select(e => e.Path), StringComparer.Ordinal);
        foreach (var file in context.Files.Where(f => f.Size > 0 && f.Size <= MaxTargetBytes))
        {
            byte[] content;
            try
            {
                content = bundle.ReadEntry(file.Path, MaxTargetBytes);
            }
            catch (SpsPluginException)
            {
                continue; // the read rules report entries that cannot be read
            }
            if (LinkTarget(file.Path, content, paths) is string target)
            {
                yield return Finding(context, $"'{file.Path}' holds only the text '{target}', the path of another entry of the plugin: git checked a symbolic link out as a file.", file.Path);
            }
        }
    }

    /// <summary>
    /// The entry a git link placeholder at <paramref name="entryPath"/> names: its content is one line
    /// of UTF-8 without a line break, a relative path that leads (from the placeholder's folder, '..'
    /// allowed, never above the root) to another entry of <paramref name="paths"/>; else null.
    /// </summary>
    internal static string? LinkTarget(string entryPath, byte[] content, ISet<string> paths)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(content);
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (text.Length == 0 || text.Any(char.IsControl) || text.Trim() != text || text.StartsWith("/", StringComparison.Ordinal) || text.IndexOf(':') >= 0)
        {
            return null;
        }
        var resolved = entryPath.Split('/').Reverse().Skip(1).Reverse().ToList();
        foreach (var segment in text.TrimEnd('/').Split('/'))
        {
            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return null;
                }
                resolved.RemoveAt(resolved.Count - 1);
            }
            else if (segment.Length > 0 && segment != ".")
            {
                resolved.Add(segment);
            }
        }
        var path = string.Join("/", resolved);
        return path.Length > 0 && path != entryPath && (paths.Contains(path) || paths.Contains(path + "/")) ? text : null;
    }
}
