using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace SpsPlugin.Commands;

/// <summary>Logs in to an SPS appliance's REST API and returns the session; the newest session becomes the default.</summary>
[Cmdlet(VerbsCommunications.Connect, "SpsPluginAppliance", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(SpsApplianceSession))]
public sealed class ConnectSpsPluginApplianceCommand : SpsPluginCmdletBase
{
    private const string CredentialSet = "Credential";
    private const string CertificateSet = "Certificate";
    private const string CertificateFileSet = "CertificateFile";

    /// <summary>The appliance: host, host:port or https://host[:port].</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Host")]
    [ValidateNotNullOrEmpty]
    public string[] Appliance { get; set; } = Array.Empty<string>();

    /// <summary>The user and password; asked for when omitted in an interactive session.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>A login method the appliance offers (GET /api/authentication/login_methods lists them).</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNullOrEmpty]
    public string? LoginMethod { get; set; }

    /// <summary>A client certificate with its private key, for certificate login.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>A .pfx file with the client certificate and its key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateFileSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientCertificatePath { get; set; }

    /// <summary>The password of the .pfx file.</summary>
    [Parameter(ParameterSetName = CertificateFileSet)]
    public SecureString? ClientCertificatePassword { get; set; }

    /// <summary>Accept any server certificate (tests and labs only).</summary>
    [Parameter]
    [Alias("Insecure")]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>CA or server certificates to trust: X509Certificate2 objects or paths of .cer/.crt/.pem files.</summary>
    [Parameter]
    [ValidateNotNull]
    public object[]? TrustedCertificate { get; set; }

    /// <summary>SHA-1 or SHA-256 thumbprints of the server certificate to accept.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CertificateThumbprint { get; set; }

    /// <summary>How long one call may take, in seconds (default 100; uploads get more for their size).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>Do not make the new session the default one.</summary>
    [Parameter]
    public SwitchParameter NoDefault { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var appliance in Appliance)
        {
            try
            {
                var session = SpsApplianceSession.Connect(Options(appliance), WriteVerbose);
                if (!NoDefault)
                {
                    ApplianceSessions.MakeDefault(session);
                }
                WriteObject(session);
            }
            catch (SpsPluginException failure)
            {
                WriteError(ErrorRecords.From(failure, appliance));
            }
        }
    }

    private SpsApplianceConnectionOptions Options(string appliance)
    {
        var options = new SpsApplianceConnectionOptions
        {
            Appliance = appliance,
            SkipCertificateCheck = SkipCertificateCheck,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            LoginMethod = LoginMethod,
        };
        switch (ParameterSetName)
        {
            case CertificateSet:
                options.ClientCertificate = ClientCertificate;
                break;
            case CertificateFileSet:
                options.ClientCertificate = LoadPfx(ClientCertificatePath!);
                break;
            default:
                var credential = Credential ?? Prompt(appliance);
                options.UserName = credential.UserName;
                options.Password = credential.Password;
                break;
        }
        foreach (var item in TrustedCertificate ?? Array.Empty<object>())
        {
            options.TrustedCertificates.Add(LoadCertificate(item));
        }
        foreach (var thumbprint in CertificateThumbprint ?? Array.Empty<string>())
        {
            options.TrustedThumbprints.Add(thumbprint);
        }
        return options;
    }

    private PSCredential Prompt(string appliance)
    {
        PSCredential? credential = null;
        try
        {
            credential = Host.UI.PromptForCredential("Connect-SpsPluginAppliance", $"User name and password for the SPS appliance {appliance}", string.Empty, string.Empty);
        }
        catch (Exception failure) when (failure is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            // A non-interactive host (pwsh -NonInteractive, CI) cannot ask; the error below says what to give.
        }
        if (credential == null)
        {
            Stop(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"No -Credential for {appliance}, and this session cannot ask for one (non-interactive). Give -Credential (e.g. from Get-Secret or Import-Clixml) or -ClientCertificate.", appliance);
        }
        return credential!;
    }

    // Failures here are per appliance and non-terminating, like a refused login: they surface in the
    // appliance's error record, and the other appliances given are still connected.
    private X509Certificate2 LoadPfx(string path)
    {
        var full = ExistingFile(ResolveFileSystemPath(path, nameof(ClientCertificatePath)), nameof(ClientCertificatePath));
        try
        {
            return new X509Certificate2(full, ClientCertificatePassword ?? new SecureString());
        }
        catch (System.Security.Cryptography.CryptographicException failure)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"-ClientCertificatePath '{full}' cannot be read as a .pfx with -ClientCertificatePassword (a wrong password, or not a PKCS#12 file): {failure.Message}", full);
        }
    }

    private X509Certificate2 LoadCertificate(object item)
    {
        var value = item is PSObject wrapped ? wrapped.BaseObject : item;
        if (value is X509Certificate2 certificate)
        {
            return certificate;
        }
        var given = value is System.IO.FileInfo file ? file.FullName : value?.ToString() ?? string.Empty;
        var full = ExistingFile(ResolveFileSystemPath(given, nameof(TrustedCertificate)), nameof(TrustedCertificate));
        try
        {
            return new X509Certificate2(full);
        }
        catch (System.Security.Cryptography.CryptographicException failure)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"-TrustedCertificate '{full}' is not a certificate file (.cer, .crt or .pem): {failure.Message}", full);
        }
    }

    // Checked here because the certificate loaders report a missing file in the words of the platform's
    // crypto library (OpenSSL's "BIO routines" on Linux), which name neither the file nor the fix.
    private static string ExistingFile(string full, string parameterName)
    {
        if (System.IO.Directory.Exists(full))
        {
            throw new SpsPluginException(SpsPluginErrorId.ReadFailed, $"-{parameterName} '{full}' is a folder; give the path of the certificate file.", full);
        }
        if (!System.IO.File.Exists(full))
        {
            throw new SpsPluginException(SpsPluginErrorId.PathNotFound, $"-{parameterName} '{full}' does not exist; give the path of the certificate file.", full);
        }
        return full;
    }
}
