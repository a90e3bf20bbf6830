using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>The outcome of New-SpsPlugin: the project folder and what happened to each file.</summary>
public sealed class SpsPluginScaffoldResult
{
    internal SpsPluginScaffoldResult(string name, string path, SpsPluginTemplate template, SpsRelease release, IReadOnlyList<SpsPluginScaffoldFile> files)
    {
        Name = name;
        Path = path;
        Template = template.Name;
        TargetSpsVersion = release.Version.ToString(2);
        Files = files;
    }

    /// <summary>The plugin name.</summary>
    public string Name { get; }

    /// <summary>The project folder.</summary>
    public string Path { get; }

    /// <summary>The template's name.</summary>
    public string Template { get; }

    /// <summary>The SPS release the project targets.</summary>
    public string TargetSpsVersion { get; }

    /// <summary>Every file with its status.</summary>
    public IReadOnlyList<SpsPluginScaffoldFile> Files { get; }

    /// <summary>The files written new.</summary>
    public IReadOnlyList<string> Created => Having(SpsPluginScaffoldStatus.Created);

    /// <summary>The files already there with the same bytes.</summary>
    public IReadOnlyList<string> Identical => Having(SpsPluginScaffoldStatus.Identical);

    /// <summary>The files already there with other content, left alone.</summary>
    public IReadOnlyList<string> Conflicts => Having(SpsPluginScaffoldStatus.Conflict);

    /// <summary>The files replaced with -Force (each has a backup).</summary>
    public IReadOnlyList<string> Replaced => Having(SpsPluginScaffoldStatus.Replaced);

    /// <summary>The files not written because of -WhatIf or a "no" to -Confirm.</summary>
    public IReadOnlyList<string> Skipped => Having(SpsPluginScaffoldStatus.Skipped);

    /// <summary>The files that could not be written.</summary>
    public IReadOnlyList<string> Failed => Having(SpsPluginScaffoldStatus.Failed);

    /// <inheritdoc />
    public override string ToString() => Path;

    private IReadOnlyList<string> Having(SpsPluginScaffoldStatus status) =>
        Files.Where(f => f.Status == status).Select(f => f.RelativePath).ToArray();
}
