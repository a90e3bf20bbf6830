using System;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace SpsPlugin;

/// <summary>
/// How a session logs in, kept for renewals: the user and a read-only copy of the password as a
/// SecureString (turned into a Basic header only for the moment of a login), or a client certificate.
/// </summary>
internal sealed class ApplianceLogin : IDisposable
{
    private readonly SecureString? password;

    private ApplianceLogin(string userName, SecureString? password, string? loginMethod, SpsApplianceAuthenticationType type)
    {
        UserName = userName;
        this.password = password;
        LoginMethod = loginMethod;
        AuthenticationType = type;
    }

    public string UserName { get; }

    public string? LoginMethod { get; }

    public SpsApplianceAuthenticationType AuthenticationType { get; }

    /// <summary>Whether a new login is possible without asking anyone: a password or a certificate is held.</summary>
    public bool CanRenew => password != null || AuthenticationType == SpsApplianceAuthenticationType.Certificate;

    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid: neither a user with a password nor a client certificate.</exception>
    public static ApplianceLogin From(SpsApplianceConnectionOptions options)
    {
        if (options.ClientCertificate != null)
        {
            if (!options.ClientCertificate.HasPrivateKey)
            {
                throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                    $"The client certificate '{options.ClientCertificate.Subject}' has no private key, so it cannot log in; give a .pfx with its key (-ClientCertificatePath and -ClientCertificatePassword).");
            }
            return new ApplianceLogin(options.ClientCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
                null, null, SpsApplianceAuthenticationType.Certificate);
        }
        if (string.IsNullOrEmpty(options.UserName) || options.Password == null)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"No way to log in to '{options.Appliance}': give a user name with a password (-Credential) or a client certificate (-ClientCertificate).");
        }
        var copy = options.Password.Copy();
        copy.MakeReadOnly();
        return new ApplianceLogin(options.UserName!, copy, options.LoginMethod,
            options.LoginMethod == null ? SpsApplianceAuthenticationType.Basic : SpsApplianceAuthenticationType.LoginMethod);
    }

    /// <summary>GET /api/authentication with the login's query (reference §7).</summary>
    public SpsApplianceRequest Request()
    {
        var request = new SpsApplianceRequest("GET", "authentication");
        if (AuthenticationType == SpsApplianceAuthenticationType.Certificate)
        {
            request.Query["type"] = "x509";
        }
        else if (LoginMethod != null)
        {
            request.Query["login_method"] = LoginMethod;
        }
        return request;
    }

    /// <summary>The Basic header; null for a certificate login. Built here and nowhere else, so the password text lives only as long as this call.</summary>
    public AuthenticationHeaderValue? Authorization()
    {
        if (password == null)
        {
            return null;
        }
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(password);
        try
        {
            var pair = UserName + ":" + Marshal.PtrToStringUni(pointer, password.Length);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    public void Dispose() => password?.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{UserName} ({AuthenticationType})";
}
