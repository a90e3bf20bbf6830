using System;
using System.Collections.Generic;
using System.IO;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>A plugin ready to run from a workspace: its folder, entry module and state directories.</summary>
internal sealed class PreparedPlugin
{
    public PreparedPlugin(string folder, string entry, string stateDirectory, string ephemeralDirectory)
    {
        Folder = folder;
        Entry = entry;
        StateDirectory = stateDirectory;
        EphemeralDirectory = ephemeralDirectory;
    }

    public string Folder { get; }

    public string Entry { get; }

    public string StateDirectory { get; }

    public string EphemeralDirectory { get; }
}

/// <summary>
/// The private directory (0700, fresh, see <see cref="PrivateDirectory"/>) one hook call or one
/// simulated connection works in, deleted with everything in it when disposed:
/// <c>plugins/&lt;n&gt;</c> (zips, extracted fresh: nothing extracted earlier, by anyone, is trusted),
/// <c>state/&lt;n&gt;/&lt;name&gt;</c> (SCB_PLUGIN_STATE_DIRECTORY), <c>tmp</c> (the plugin's TMPDIR,
/// holding <c>ephemeral_plugin_state/&lt;name&gt;</c> as SPS's default does) and the result files.
/// The plugins of a connection keep their state directories from hook to hook.
/// </summary>
internal sealed class HookWorkspace : IDisposable
{
    private readonly PrivateDirectory _directory;
    private readonly Dictionary<string, PreparedPlugin> _plugins = new(StringComparer.Ordinal);

    private HookWorkspace(PrivateDirectory directory)
    {
        _directory = directory;
        Temp = directory.Subdirectory("tmp");
    }

    /// <summary>The workspace's root.</summary>
    public string Path => _directory.Path;

    /// <summary>The plugin's temp folder (TMPDIR, TEMP, TMP).</summary>
    public string Temp { get; }

    /// <exception cref="SpsPluginException">PrivateDirectoryFailed.</exception>
    public static HookWorkspace Create() => new(PrivateDirectory.Create("spsplugin-"));

    /// <summary>A fresh path for one call's result file.</summary>
    public string NewResultFile() => System.IO.Path.Combine(Path, "result-" + Guid.NewGuid().ToString("N") + ".json");

    /// <summary>The plugin at <paramref name="pluginPath"/>, opened (and extracted, for a zip) on first use.</summary>
    /// <exception cref="SpsPluginException">The plugin cannot be opened, its zip is refused, or its MANIFEST name is not a valid plugin name (PluginNameInvalid).</exception>
    public PreparedPlugin Prepare(string pluginPath, string? stateDirectory)
    {
        var full = System.IO.Path.GetFullPath(pluginPath);
        var key = full + "\0" + stateDirectory;
        if (_plugins.TryGetValue(key, out var prepared))
        {
            return prepared;
        }
        var number = (_plugins.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = full;
        if (!Directory.Exists(full))
        {
            SpsPluginBundle.Open(full);
            folder = System.IO.Path.Combine(_directory.Subdirectory("plugins"), number);
            SpsPluginExtractor.Extract(full, folder, merge: false);
        }
        var manifest = SpsPluginBundle.RootManifest(folder);
        var name = CheckedName(manifest?.Name, full);
        var state = stateDirectory ?? _directory.Subdirectory("state", number, name);
        Directory.CreateDirectory(state);
        var ephemeral = System.IO.Path.Combine(Temp, "ephemeral_plugin_state", System.IO.Path.GetFileName(state.TrimEnd(System.IO.Path.DirectorySeparatorChar)));
        Directory.CreateDirectory(ephemeral);
        prepared = new PreparedPlugin(folder, manifest?.EntryPoint ?? "main.py", state, ephemeral);
        _plugins[key] = prepared;
        return prepared;
    }

    /// <summary>Deletes the workspace.</summary>
    public void Dispose() => _directory.Dispose();

    // The name becomes a directory name: it is checked against SPS's rule before any use, so
    // "../../x" or "/etc" cannot choose where the state directory goes.
    private static string CheckedName(string? name, string pluginPath)
    {
        if (name == null)
        {
            return "plugin";
        }
        if (!ManifestPatterns.IsPluginName(name))
        {
            throw new SpsPluginException(SpsPluginErrorId.PluginNameInvalid,
                $"The MANIFEST of '{pluginPath}' names the plugin '{name}', which SPS refuses (NameFormatError): a name is a letter, then letters, digits or underscores, e.g. my_plugin. Fix name: in MANIFEST.",
                pluginPath);
        }
        return name;
    }
}
