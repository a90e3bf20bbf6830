namespace SpsPlugin;

/// <summary>What <see cref="SpsPluginScaffolder.Plan"/> makes a project from.</summary>
public sealed class SpsPluginScaffoldOptions
{
    /// <summary>The plugin name: the MANIFEST name, the project folder and the Python package.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The template.</summary>
    public SpsPluginTemplate Template { get; set; } = SpsPluginTemplate.Find("aa-minimal");

    /// <summary>The folder the project folder is created in.</summary>
    public string ParentPath { get; set; } = ".";

    /// <summary>The SPS release the plugin targets: it sets api, the Python version and the SDK pin.</summary>
    public SpsRelease Release { get; set; } = SpsRelease.Newest;

    /// <summary>The MANIFEST description; a sentence from the template when empty.</summary>
    public string? Description { get; set; }

    /// <summary>The MANIFEST author_name.</summary>
    public string? Author { get; set; }

    /// <summary>The MANIFEST author_email; left out of MANIFEST when empty.</summary>
    public string? AuthorEmail { get; set; }
}
