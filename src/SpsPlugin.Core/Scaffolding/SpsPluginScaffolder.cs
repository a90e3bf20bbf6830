using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpsPlugin.IO;
using SpsPlugin.Scaffolding;

namespace SpsPlugin;

/// <summary>
/// Makes a plugin project from a template: <see cref="Plan"/> fills the template and compares each
/// file with the disk; <see cref="Write"/> writes one file (atomically, never over a different file
/// unless forced, and then only after keeping a backup). The caller asks before each write.
/// </summary>
public static class SpsPluginScaffolder
{
    // Names that would make the package folder unimportable, or would hide a module the plugin, its
    // tests or SPS's wrapper import: Python keywords, the project's own files, the SDK and pytest.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "tests", "main", "conftest", "safeguard", "pytest",
    };

    /// <summary>Checks a plugin name against SPS's rule and Python's.</summary>
    /// <exception cref="SpsPluginException">PluginNameInvalid, saying what to change.</exception>
    public static void CheckName(string name)
    {
        if (!ManifestPatterns.IsPluginName(name))
        {
            throw new SpsPluginException(SpsPluginErrorId.PluginNameInvalid,
                $"'{name}' is not a plugin name SPS accepts: it must be a letter followed by at least one letter, digit or underscore ([a-zA-Z][a-zA-Z0-9_]+), e.g. '{Suggest(name)}'.");
        }
        if (ReservedNames.Contains(name))
        {
            throw new SpsPluginException(SpsPluginErrorId.PluginNameInvalid,
                $"'{name}' cannot be a plugin name here: the project's Python package is named after the plugin, and '{name}' is a Python keyword or a name the project, the SDK or pytest already uses. Choose another, e.g. '{name}_plugin'.");
        }
        if (PythonStandardLibrary.Contains(name))
        {
            throw new SpsPluginException(SpsPluginErrorId.PluginNameInvalid,
                $"'{name}' cannot be a plugin name here: it is a module of Python's standard library, and the package folder named after the plugin would hide it from the plugin and from SPS's wrapper. Choose another, e.g. '{name}_plugin'.");
        }
    }

    /// <summary>Fills the template and compares every file with what is on disk. Writes nothing.</summary>
    /// <exception cref="SpsPluginException">PluginNameInvalid; TemplateInvalid (an unknown placeholder, a path outside the project).</exception>
    public static IReadOnlyList<SpsPluginScaffoldFile> Plan(SpsPluginScaffoldOptions options)
    {
        CheckName(options.Name);
        var email = options.AuthorEmail ?? string.Empty;
        if (!ManifestPatterns.IsAuthorEmail(email))
        {
            throw new SpsPluginException(SpsPluginErrorId.AuthorEmailInvalid,
                $"'{email}' is not an author e-mail address the SDK accepts; write a plain address such as team@example.com.");
        }
        var root = ProjectPath(options);
        var text = new TemplateText(Values(options));
        var files = new List<SpsPluginScaffoldFile>();
        foreach (var file in options.Template.Files)
        {
            var relative = text.Fill(file.Key, file.Key + " (its path)");
            var fullPath = InsideProject(root, relative, file.Key);
            RefuseLinksAndFiles(root, fullPath);
            var content = Encoding.UTF8.GetBytes(text.Fill(file.Value, file.Key).Replace("\r\n", "\n"));
            files.Add(new SpsPluginScaffoldFile(relative, fullPath, content, Compare(fullPath, content)));
        }
        return files;
    }

    /// <summary>The folder the project goes in: the parent path joined with the name.</summary>
    public static string ProjectPath(SpsPluginScaffoldOptions options) => Path.GetFullPath(Path.Combine(options.ParentPath, options.Name));

    /// <summary>
    /// Writes one planned file: a Created file is written; a Conflict is replaced only when
    /// <paramref name="force"/> is set, after copying the old file to a backup; Identical files are untouched.
    /// </summary>
    /// <exception cref="SpsPluginException">FileExists (a folder stands where the file goes); WriteFailed (the status becomes Failed).</exception>
    public static void Write(SpsPluginScaffoldFile file, bool force)
    {
        try
        {
            switch (file.Status)
            {
                case SpsPluginScaffoldStatus.Created:
                    AtomicFile.WriteAllBytes(file.FullPath, file.Content, overwrite: false);
                    break;
                case SpsPluginScaffoldStatus.Conflict when force && Directory.Exists(file.FullPath):
                    throw new SpsPluginException(SpsPluginErrorId.FileExists,
                        $"'{file.FullPath}' is a folder where the template puts a file; move the folder away, then run again.", file.FullPath);
                case SpsPluginScaffoldStatus.Conflict when force:
                    file.BackupPath = FreeBackupPath(file.FullPath);
                    File.Copy(file.FullPath, file.BackupPath);
                    AtomicFile.WriteAllBytes(file.FullPath, file.Content, overwrite: true);
                    file.Status = SpsPluginScaffoldStatus.Replaced;
                    break;
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            file.Status = SpsPluginScaffoldStatus.Failed;
            throw new SpsPluginException(SpsPluginErrorId.WriteFailed, $"Cannot write '{file.FullPath}': {e.Message}", file.FullPath, innerException: e);
        }
    }

    /// <summary>
    /// A warning when the template is written against a newer SDK than the target release ships
    /// (the generated code may use API the appliance's SDK lacks); null when there is nothing to say.
    /// </summary>
    public static string? ReleaseWarning(SpsPluginScaffoldOptions options)
    {
        var minimum = options.Template.MinimumSdk;
        return minimum == null || options.Release.SdkVersion >= minimum ? null :
            $"Template '{options.Template.Name}' is written against plugin SDK {minimum} or later, but {options.Release} ships SDK {options.Release.SdkVersion}. " +
            $"Check the generated code and default.cfg against that SDK's documentation before uploading; the SDK's API and sections changed between those versions.";
    }

    /// <summary>Marks a file the caller decided not to write (-WhatIf, or "no" to -Confirm).</summary>
    public static void Skip(SpsPluginScaffoldFile file) => file.Status = SpsPluginScaffoldStatus.Skipped;

    /// <summary>Builds the result once every file has been handled.</summary>
    public static SpsPluginScaffoldResult Result(SpsPluginScaffoldOptions options, IReadOnlyList<SpsPluginScaffoldFile> files) =>
        new(options.Name, ProjectPath(options), options.Template, options.Release, files);

    private static Dictionary<string, string> Values(SpsPluginScaffoldOptions options)
    {
        var release = options.Release;
        var author = string.IsNullOrWhiteSpace(options.Author) ? Environment.UserName : options.Author!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = options.Name,
            ["description"] = string.IsNullOrWhiteSpace(options.Description) ? options.Template.Description : options.Description!.Trim(),
            ["version"] = "0.1.0",
            ["author"] = author,
            // author_email is optional in MANIFEST; templates write the whole line through this value.
            ["author_email_line"] = string.IsNullOrEmpty(options.AuthorEmail) ? string.Empty : "author_email: " + ManifestYamlWriter.FormatString(options.AuthorEmail!) + "\n",
            ["api"] = release.ApiVersion.ToString(2),
            ["python_version"] = release.PythonVersion.ToString(2),
            ["sdk_version"] = release.SdkVersion.ToString(3),
            ["sps_version"] = release.Version.ToString(2),
            ["sps_name"] = release.Name,
            ["template"] = options.Template.Name,
            ["type"] = options.Template.Type,
        };
    }

    private static string InsideProject(string root, string relative, string templatePath)
    {
        var segments = relative.Split('/');
        if (relative.Length == 0 || relative.IndexOf('\\') >= 0 || relative.IndexOf(':') >= 0 || Path.IsPathRooted(relative) ||
            segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new SpsPluginException(SpsPluginErrorId.TemplateInvalid,
                $"Template file '{templatePath}' would be written to '{relative}', which is not a plain relative path inside the project folder; nothing was written. Template paths use '/' and no '.', '..', drive or root.",
                templatePath);
        }
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!PlatformPaths.IsInside(full, root, PlatformPaths.IsWindows))
        {
            throw new SpsPluginException(SpsPluginErrorId.TemplateInvalid,
                $"Template file '{templatePath}' would be written to '{full}', outside the project folder '{root}'; nothing was written.", templatePath);
        }
        return full;
    }

    // A project may exist already; writing through a link in it could land anywhere, and a file where
    // the template needs a folder would fail half-way. Both stop the plan before anything is written.
    private static void RefuseLinksAndFiles(string root, string fullPath)
    {
        if (File.Exists(root))
        {
            throw new SpsPluginException(SpsPluginErrorId.ScaffoldPathRefused,
                $"'{root}' is a file; the project needs a folder there. Choose another -Path or -Name.", root);
        }
        for (var path = fullPath; path.Length > root.Length; path = Path.GetDirectoryName(path)!)
        {
            var isFolder = path != fullPath;
            if (isFolder && File.Exists(path))
            {
                throw new SpsPluginException(SpsPluginErrorId.ScaffoldPathRefused,
                    $"'{path}' is a file where the template needs a folder (for '{fullPath.Substring(root.Length + 1)}'); move it away, then run again. Nothing was written.", path);
            }
            if (FileLinks.IsLink(new FileInfo(path)))
            {
                throw new SpsPluginException(SpsPluginErrorId.ScaffoldPathRefused,
                    $"'{path}' is a link; New-SpsPlugin does not write through links, which could lead outside the project. Replace it with a real {(isFolder ? "folder" : "file")}, then run again. Nothing was written.", path);
            }
        }
    }

    private static SpsPluginScaffoldStatus Compare(string path, byte[] content)
    {
        if (Directory.Exists(path))
        {
            return SpsPluginScaffoldStatus.Conflict;
        }
        if (!File.Exists(path))
        {
            return SpsPluginScaffoldStatus.Created;
        }
        return File.ReadAllBytes(path).SequenceEqual(content) ? SpsPluginScaffoldStatus.Identical : SpsPluginScaffoldStatus.Conflict;
    }

    private static string FreeBackupPath(string path)
    {
        var candidate = path + ".bak";
        for (var n = 1; File.Exists(candidate) || Directory.Exists(candidate); n++)
        {
            candidate = $"{path}.bak{n}";
        }
        return candidate;
    }

    private static string Suggest(string name)
    {
        var cleaned = new string(name.Select(c => c < 128 && char.IsLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
        if (cleaned.Length == 0)
        {
            return "my_plugin";
        }
        if (!char.IsLetter(cleaned[0]))
        {
            cleaned = "my_" + cleaned;
        }
        return cleaned.Length > 1 ? cleaned : cleaned + "_plugin";
    }
}
