namespace SpsPlugin;

/// <summary>
/// SPS's 20 MB limit on a plugin. One Identity's guides say "20 megabytes" for the zip (OI-CS/6.0.7
/// introduction) and the older Balabit guide applies it to the unpacked bundle
/// (rpc-credential-store-plugin.html); neither defines the unit. Above 20 MiB (20,971,520 bytes) is
/// too large either way; between 20 MB (20,000,000 bytes) and 20 MiB only a decimal megabyte refuses it.
/// </summary>
internal static class PluginSizeLimit
{
    /// <summary>20 MiB: over this, SPS refuses the plugin under any reading of the unit.</summary>
    public const long Mebibytes20 = 20L * 1024 * 1024;

    /// <summary>20 decimal MB: over this, SPS may refuse the plugin.</summary>
    public const long Megabytes20 = 20_000_000;
}
