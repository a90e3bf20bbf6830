using System.Management.Automation;

namespace SpsPlugin;

/// <summary>
/// A configuration object brought back from a snapshot: Import-Clixml gives a
/// Deserialized.SpsPlugin.SpsPluginConfig, ConvertFrom-Json a PSCustomObject, both with the Path and
/// the Text it was read with. It stands for that text, not for the file today (which may have changed
/// or be gone), so it must not bind its Path and be read again.
/// </summary>
internal static class ConfigSnapshot
{
    /// <summary>The configuration <paramref name="value"/> stands for: a live one as it is, a snapshot by the text it carries; null for anything else.</summary>
    /// <exception cref="SpsPluginException">ConfigArgumentInvalid: a snapshot whose Text is not text; ConfigTooLarge or ConfigEncoding for the text.</exception>
    public static SpsPluginConfig? From(object? value)
    {
        if (value is not PSObject wrapper)
        {
            return value as SpsPluginConfig;
        }
        if (wrapper.BaseObject is SpsPluginConfig live)
        {
            return live;
        }
        // A live object of another .NET type (a FileInfo, a string) is no snapshot, even with a Text
        // property; deserialised and JSON objects are property bags over a PSCustomObject.
        if (wrapper.BaseObject is not PSCustomObject)
        {
            return null;
        }
        var text = wrapper.Properties["Text"]?.Value;
        if (text == null)
        {
            return null;
        }
        if (ConfigValues.Unwrap(text) is not string carried)
        {
            // Never show the object: its properties hold the configuration, secrets included.
            throw new SpsPluginException(SpsPluginErrorId.ConfigArgumentInvalid,
                $"A configuration snapshot's Text must be the configuration text; it is a {ConfigValues.Unwrap(text)!.GetType().FullName}. Give the object Get-SpsPluginConfig wrote (Export-Clixml or ConvertTo-Json keep its Text).");
        }
        return SpsPluginConfig.FromSnapshot(carried, Text(wrapper, "Path"), Text(wrapper, "Entry"),
            LanguagePrimitives.IsTrue(ConfigValues.Unwrap(wrapper.Properties["HasByteOrderMark"]?.Value)));
    }

    private static string? Text(PSObject snapshot, string property) => ConfigValues.Unwrap(snapshot.Properties[property]?.Value) as string;
}
