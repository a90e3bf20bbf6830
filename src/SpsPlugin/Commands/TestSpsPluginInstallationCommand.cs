using System.Management.Automation;
using SpsPlugin.Completers;

namespace SpsPlugin.Commands;

/// <summary>
/// Runs SPS's integrity check on installed plugins (GET /api/plugin/integrity): the stored zip's checksum,
/// the deployed files, and folders no plugin owns.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SpsPluginInstallation", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(bool), typeof(SpsPluginIntegrityResult))]
public sealed class TestSpsPluginInstallationCommand : InstalledPluginCmdletBase
{
    /// <summary>The operations to run; all three (zip_checksum, zip_content, unregistered) when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateIntegrityOperation]
    [ArgumentCompleter(typeof(IntegrityOperationCompleter))]
    public string[]? Operation { get; set; }

    /// <summary>Write an SpsPluginIntegrityResult per plugin, with every operation's verdict and reason, instead of $true or $false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var operations = Operation == null ? null : System.Array.ConvertAll(Operation, o => SpsIntegrityOperation.Find(o)!);
        foreach (var plugin in SelectPlugins())
        {
            try
            {
                var result = plugin.Session.CheckIntegrity(plugin, operations);
                foreach (var check in result.Checks)
                {
                    WriteVerbose($"{result.Appliance}: {result.Type}/{result.Name ?? result.Key}: {check}");
                }
                WriteObject(Detailed ? result : result.Passed);
            }
            catch (SpsPluginException failure)
            {
                WriteError(ErrorRecords.From(failure, plugin));
                if (!Detailed)
                {
                    // Like Test-SpsPluginBundle: every plugin asked about gets an answer, and one that could not be checked did not pass.
                    WriteObject(false);
                }
            }
        }
    }
}
