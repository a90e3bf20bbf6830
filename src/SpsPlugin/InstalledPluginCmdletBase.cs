using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpsPlugin.Commands;
using SpsPlugin.Completers;

namespace SpsPlugin;

/// <summary>
/// The base of the cmdlets that act on installed plugins: the plugins piped in from
/// Get-SpsPluginInstallation (each brings its session), or -Name (wildcards), -Type and -Key looked up
/// on the session (by property name, so results that name a plugin pipe in too).
/// </summary>
public abstract class InstalledPluginCmdletBase : ApplianceCmdletBase
{
    /// <summary>The parameter set of piped installed plugins.</summary>
    protected const string InputObjectSet = "InputObject";

    /// <summary>The parameter set of a plugin named by -Name, -Type and -Key.</summary>
    protected const string NameSet = "Name";

    /// <summary>Installed plugins, as Get-SpsPluginInstallation writes them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SpsInstalledPlugin[]? InputObject { get; set; }

    /// <summary>The plugin's MANIFEST name; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The plugin type; every type the appliance lists when omitted.</summary>
    [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [ValidatePluginType]
    [ArgumentCompleter(typeof(PluginTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>SPS's key of the plugin, to pick one of several plugins that match -Name.</summary>
    [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Key { get; set; }

    /// <summary>
    /// The plugins this pipeline item names. A -Name without wildcards that matches nothing is a
    /// PluginNotInstalled error record, a pattern that matches nothing a warning; a failed listing is an
    /// error record for its appliance.
    /// </summary>
    protected IEnumerable<SpsInstalledPlugin> SelectPlugins()
    {
        if (ParameterSetName == InputObjectSet)
        {
            return InputObject!;
        }
        var session = ResolveSession();
        try
        {
            var found = session.GetInstalledPlugins(PluginTypeOf(Type), Name)
                .Where(p => Key == null || p.Key == Key).ToList();
            if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteError(ErrorRecords.From(NotInstalled(session, Type, Name!, Key), Name));
            }
            else if (found.Count == 0)
            {
                // A pattern may match nothing (as with Get-ChildItem), but a cmdlet that acts must not do
                // nothing in silence: that reads as success.
                WriteWarning($"{session.Appliance}: no installed {(Type == null ? "plugin" : Type + " plugin")} matches -Name '{Name}'{(Key == null ? string.Empty : $" with the key '{Key}'")}, so {MyInvocation.MyCommand.Name} did nothing. Run Get-SpsPluginInstallation to list what is installed.");
            }
            return found;
        }
        catch (SpsPluginException failure)
        {
            WriteError(ErrorRecords.From(failure, session.Appliance));
            return Enumerable.Empty<SpsInstalledPlugin>();
        }
    }

    /// <summary>The plugin type a validated -Type names (any case), or null for every type.</summary>
    internal static SpsPluginType? PluginTypeOf(string? type) =>
        type == null ? null : SpsPluginType.Known.First(t => string.Equals(t.Name, type, System.StringComparison.OrdinalIgnoreCase));

    /// <summary>The failure for a plugin name (no wildcards) that matches nothing on the appliance.</summary>
    internal static SpsPluginException NotInstalled(SpsApplianceSession session, string? type, string name, string? key) =>
        new(SpsPluginErrorId.PluginNotInstalled,
            $"{session.Appliance} has no installed {(type == null ? "plugin" : type + " plugin")} named '{name}'{(key == null ? string.Empty : $" with the key '{key}'")}. Run Get-SpsPluginInstallation without -Name to list what is installed.");
}
