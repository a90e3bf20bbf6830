namespace SpsPlugin;

/// <summary>A file that goes into a packed bundle: its path in the zip and where it comes from.</summary>
public sealed class SpsPluginPackEntry
{
    internal SpsPluginPackEntry(string path, string sourcePath, long size, bool isExecutable)
    {
        Path = path;
        SourcePath = sourcePath;
        Size = size;
        IsExecutable = isExecutable;
    }

    /// <summary>The entry name in the zip, with '/' separators.</summary>
    public string Path { get; }

    /// <summary>The file it is read from.</summary>
    public string SourcePath { get; }

    /// <summary>Size in bytes (of the source; MANIFEST may change with -Version or -Snapshot).</summary>
    public long Size { get; }

    /// <summary>True when the source has an executable bit: stored as 0755, otherwise 0644.</summary>
    public bool IsExecutable { get; }

    /// <inheritdoc />
    public override string ToString() => Path;
}
