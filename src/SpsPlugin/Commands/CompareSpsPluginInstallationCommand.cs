using System;
using System.Linq;
using System.Management.Automation;

namespace SpsPlugin.Commands;

/// <summary>
/// Compares local plugin bundles (zips or folders) with what the appliances have installed under the same
/// name and type: "is the appliance running what CI built?".
/// </summary>
[Cmdlet(VerbsData.Compare, "SpsPluginInstallation", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SpsPluginInstallationComparison))]
public sealed class CompareSpsPluginInstallationCommand : PathCmdletBase
{
    /// <summary>The appliance sessions to compare with; the default session when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public SpsApplianceSession[]? Session { get; set; }

    /// <inheritdoc />
    protected override string? NothingDone => "nothing was compared";

    /// <inheritdoc />
    protected override void ProcessPath(string path)
    {
        var local = SpsPluginBundleIdentity.FromZip(path);
        foreach (var session in ResolveSessions(Session))
        {
            try
            {
                var installed = session.FindInstalledPlugin(local);
                var comparison = SpsPluginInstallationComparison.Compare(session.Appliance, local, installed);
                WriteVerbose($"{comparison}: {comparison.Reason}");
                WriteObject(comparison);
            }
            catch (SpsPluginException failure)
            {
                WriteError(ErrorRecords.From(failure, session.Appliance));
            }
        }
    }
}
