using System;

namespace SpsPlugin;

/// <summary>The configuration a simulated plugin runs with, from what a user wrote (a parameter, a scenario key).</summary>
public static class SpsPluginSimulationConfiguration
{
    /// <summary>
    /// Configuration text itself when <paramref name="value"/> has a line break, starts with '[' or is
    /// empty; otherwise the path (through <paramref name="resolvePath"/>) of a .cfg file, or of a
    /// plugin folder or zip, whose default.cfg is taken. With no value: the plugin's own default.cfg,
    /// or nothing when it has none.
    /// </summary>
    /// <exception cref="SpsPluginException">The file, folder or zip cannot be read.</exception>
    public static string Text(string? value, string pluginPath, Func<string, string> resolvePath)
    {
        if (value == null)
        {
            var bundle = SpsPluginBundle.Open(pluginPath);
            return bundle.HasDefaultConfig ? bundle.ReadDefaultConfig().Text : string.Empty;
        }
        if (value.Length == 0 || value.IndexOf('\n') >= 0 || value.TrimStart().StartsWith("[", StringComparison.Ordinal))
        {
            return value;
        }
        return SpsPluginBundle.OpenConfig(resolvePath(value)).Text;
    }
}
