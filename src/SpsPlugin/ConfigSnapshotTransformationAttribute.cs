using System.Management.Automation;

namespace SpsPlugin;

/// <summary>
/// Lets a configuration parameter take a snapshot (<see cref="ConfigSnapshot"/>) by the text it carries.
/// Anything else is passed on unchanged, so a piped CSV row or file item still binds -Path by property
/// name; a snapshot that cannot be read fails with a message that names no text.
/// </summary>
internal sealed class ConfigSnapshotTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            return ConfigSnapshot.From(inputData) ?? inputData;
        }
        catch (SpsPluginException failure)
        {
            throw new ArgumentTransformationMetadataException(failure.Message, failure);
        }
    }
}
