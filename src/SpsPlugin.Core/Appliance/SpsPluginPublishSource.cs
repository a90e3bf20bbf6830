using System;
using System.Collections.Concurrent;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// A bundle made ready to publish: a zip on disk (the one given, or a folder packed into a private temporary
/// folder) with its identity, and its validation results per target release, so that publishing one bundle
/// to many appliances packs and validates it once per release. Thread-safe; dispose to delete a packed zip.
/// </summary>
public sealed class SpsPluginPublishSource : IDisposable
{
    private readonly PrivateDirectory? packedInto;
    private readonly ConcurrentDictionary<string, Lazy<SpsPluginValidationResult>> validations = new(StringComparer.Ordinal);

    internal SpsPluginPublishSource(string sourcePath, SpsPluginBundleIdentity identity, PrivateDirectory? packedInto)
    {
        SourcePath = sourcePath;
        Identity = identity;
        this.packedInto = packedInto;
    }

    /// <summary>The path given: a zip, or the plugin folder that was packed.</summary>
    public string SourcePath { get; }

    /// <summary>The zip that is uploaded.</summary>
    public string ZipPath => Identity.Path;

    /// <summary>Whether <see cref="SourcePath"/> was a folder packed for this publish.</summary>
    public bool Packed => packedInto != null;

    /// <summary>Name, type, version, api and SHA-256 of the zip.</summary>
    public SpsPluginBundleIdentity Identity { get; }

    /// <summary>
    /// A finding of the validation as the user knows the files: for a packed folder, the place in the folder
    /// instead of the entry of a temporary zip that is gone after the publish (its entries sit at the root).
    /// </summary>
    internal string Describe(SpsPluginDiagnostic finding) =>
        Packed ? finding.ToString().Replace(ZipPath + "!", SourcePath + Path.DirectorySeparatorChar) : finding.ToString();

    /// <summary>Opens the zip for one upload (each upload reads its own stream, so parallel uploads do not share one).</summary>
    public Stream OpenRead() => new FileStream(ZipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>Deletes the packed zip, if any.</summary>
    public void Dispose() => packedInto?.Dispose();

    /// <summary>The validation of the zip against <paramref name="release"/> (null: the validator's default), run once per release.</summary>
    internal SpsPluginValidationResult Validation(SpsRelease? release, SpsPluginPublishOptions options) =>
        validations.GetOrAdd(release?.Name ?? string.Empty, _ => new Lazy<SpsPluginValidationResult>(() =>
            SpsPluginValidator.Validate(ZipPath, new SpsPluginValidationOptions
            {
                TargetRelease = release,
                UsePython = options.UsePython,
                PythonPath = options.PythonPath,
            }))).Value;

    /// <inheritdoc />
    public override string ToString() => Packed ? $"{SourcePath} (packed as {Path.GetFileName(ZipPath)})" : SourcePath;
}
