using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// The double's certificates (ECDSA P-256: quick to make, so every test can have its own double), made fresh for every double: a server CA that issues the HTTPS certificate
/// (so a test can trust the CA or pin the thumbprint), and a client CA that issues the certificates
/// accepted for ?type=x509 logins. Nothing is written to a certificate store.
/// </summary>
internal sealed class DoubleCertificates : IDisposable
{
    private readonly X509Certificate2 _serverCaWithKey;
    private readonly X509Certificate2 _clientCaWithKey;

    public DoubleCertificates()
    {
        // Each double's CAs have names of their own: a client trusting the CAs of several doubles at once
        // (a publish to many appliances) finds an issuer by its name, as chain building does.
        var instance = Guid.NewGuid().ToString("N").Substring(0, 8);
        _serverCaWithKey = MakeCa($"CN=SpsPlugin double server CA {instance}");
        _clientCaWithKey = MakeCa($"CN=SpsPlugin double client CA {instance}");
        ServerCertificate = MakeServerCertificate(_serverCaWithKey);
        CaCertificate = X509CertificateLoader.LoadCertificate(_serverCaWithKey.RawData);
        ClientCaCertificate = X509CertificateLoader.LoadCertificate(_clientCaWithKey.RawData);
    }

    /// <summary>The HTTPS certificate, with its private key (Kestrel needs it).</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The server certificate's issuer, public part only.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The issuer of accepted client certificates, public part only.</summary>
    public X509Certificate2 ClientCaCertificate { get; }

    /// <summary>A client certificate for <paramref name="user"/> (its CN), with its private key.</summary>
    public X509Certificate2 IssueClientCertificate(string user)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={user}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        using var issued = request.Create(_clientCaWithKey, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2), NewSerial());
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>True when <paramref name="certificate"/> chains to the client CA (the only root trusted for logins).</summary>
    public bool IsIssuedByClientCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ClientCaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        _serverCaWithKey.Dispose();
        _clientCaWithKey.Dispose();
        ServerCertificate.Dispose();
        CaCertificate.Dispose();
        ClientCaCertificate.Dispose();
    }

    private static X509Certificate2 MakeCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // The CA outlives what it issues by a day: an issued certificate may not end after its issuer.
        using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(3));
        return Reload(self);
    }

    private static X509Certificate2 MakeServerCertificate(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2), NewSerial());
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A certificate made in memory carries an ephemeral key that TLS stacks may refuse; a PKCS#12 round trip
    // gives a key every platform's SslStream accepts.
    private static X509Certificate2 Reload(X509Certificate2 certificate)
        => X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    private static byte[] NewSerial() => RandomNumberGenerator.GetBytes(12);
}
