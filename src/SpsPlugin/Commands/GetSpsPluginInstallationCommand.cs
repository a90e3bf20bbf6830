using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>Lists the plugins installed on one or many appliances, by type and name.</summary>
[Cmdlet(VerbsCommon.Get, "SpsPluginInstallation")]
[OutputType(typeof(SpsInstalledPlugin))]
public sealed class GetSpsPluginInstallationCommand : SpsPluginCmdletBase
{
    /// <summary>The plugins' MANIFEST names; wildcards allowed; every plugin when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The plugin type; every type the appliance lists when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidatePluginType]
    [ArgumentCompleter(typeof(PluginTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The appliance sessions to list; the default session when omitted.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public SpsApplianceSession[]? Session { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var sessions = ResolveSessions(Session);
        var type = InstalledPluginCmdletBase.PluginTypeOf(Type);
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            if (sessions.Count > 1)
            {
                WriteProgress(new ProgressRecord(1, "Get-SpsPluginInstallation", $"{session.Appliance} ({i + 1} of {sessions.Count})")
                    { PercentComplete = 100 * i / sessions.Count });
            }
            try
            {
                var found = session.GetInstalledPlugins(type, Name);
                WriteVerbose($"{session.Appliance}: {found.Count} installed plugin(s){(Name == null ? string.Empty : $" match '{Name}'")}.");
                if (found.Count == 0 && Name != null && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    WriteError(ErrorRecords.From(InstalledPluginCmdletBase.NotInstalled(session, type?.Name, Name, null), Name));
                }
                WriteObject(found, enumerateCollection: true);
            }
            catch (SpsPluginException failure)
            {
                WriteError(ErrorRecords.From(failure, session.Appliance));
            }
        }
        if (sessions.Count > 1)
        {
            WriteProgress(new ProgressRecord(1, "Get-SpsPluginInstallation", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
