using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpsPlugin;

/// <summary>
/// Decides whether the appliance's HTTPS certificate is trusted: the system's validation, or a
/// thumbprint pinned by the user, or a chain that ends at a certificate the user trusts. Remembers the
/// server certificate and, when it refuses one, why, for the ApplianceCertificateUntrusted message.
/// </summary>
internal sealed class ServerCertificateTrust
{
    private readonly bool skip;
    private readonly IReadOnlyList<X509Certificate2> trusted;
    private readonly HashSet<string> trustedThumbprints;
    private readonly HashSet<string> pins;

    // Written by the TLS callback on whatever thread runs the handshake and read after the failed call;
    // several calls in parallel meet the same certificate, so the last writer's text is as good as any.
    private volatile string? lastRejection;
    private volatile string? serverThumbprint;

    public ServerCertificateTrust(SpsApplianceConnectionOptions options)
    {
        skip = options.SkipCertificateCheck;
        trusted = options.TrustedCertificates.ToList();
        trustedThumbprints = new HashSet<string>(trusted.SelectMany(Thumbprints), StringComparer.OrdinalIgnoreCase);
        pins = new HashSet<string>(options.TrustedThumbprints.Select(NormaliseThumbprint), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The SHA-1 thumbprint of the last server certificate seen.</summary>
    public string? ServerThumbprint => serverThumbprint;

    /// <summary>Why the last certificate was refused; null when none was.</summary>
    public string? LastRejection => lastRejection;

    /// <summary>A thumbprint as given (hex with spaces or colons) in the form compared: upper-case hex without separators.</summary>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid: not 40 (SHA-1) or 64 (SHA-256) hex digits.</exception>
    public static string NormaliseThumbprint(string text)
    {
        var hex = new string((text ?? string.Empty).Where(c => c != ' ' && c != ':' && c != '-').ToArray()).ToUpperInvariant();
        if ((hex.Length != 40 && hex.Length != 64) || hex.Any(c => !Uri.IsHexDigit(c)))
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"The certificate thumbprint '{text}' is not a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint.");
        }
        return hex;
    }

    public bool Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null)
        {
            lastRejection = "the appliance sent no certificate";
            return skip;
        }
        serverThumbprint = certificate.Thumbprint;
        if (skip || errors == SslPolicyErrors.None || Thumbprints(certificate).Any(pins.Contains))
        {
            return true;
        }
        var reason = Refusal(certificate, errors);
        if (reason == null)
        {
            return true;
        }
        lastRejection = $"the certificate '{certificate.Subject}' (thumbprint {certificate.Thumbprint}) {reason}";
        return false;
    }

    private string? Refusal(X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return "does not name the host connected to";
        }
        if (trusted.Count == 0)
        {
            return "is not issued by a CA this machine trusts";
        }
        if (Thumbprints(certificate).Any(trustedThumbprints.Contains))
        {
            return null;
        }
        // netstandard2.0 has no CustomTrustStore: build the chain with the trusted certificates as extra
        // ones, let it end at a root the system does not know, and then require that root to be one of
        // ours: AllowUnknownCertificateAuthority alone would accept a chain ending at ANY self-made root.
        using var own = new X509Chain();
        own.ChainPolicy.ExtraStore.AddRange(trusted.ToArray());
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        if (!own.Build(certificate))
        {
            return "does not validate: " + string.Join("; ", own.ChainStatus.Select(s => s.StatusInformation.Trim()));
        }
        var root = own.ChainElements[own.ChainElements.Count - 1].Certificate;
        return Thumbprints(root).Any(trustedThumbprints.Contains)
            ? null
            : $"is issued by '{root.Subject}', which is neither trusted by this machine nor given as a trusted certificate";
    }

    private static IEnumerable<string> Thumbprints(X509Certificate2 certificate)
    {
        yield return certificate.Thumbprint.ToUpperInvariant();
        using var sha256 = SHA256.Create();
        yield return BitConverter.ToString(sha256.ComputeHash(certificate.RawData)).Replace("-", string.Empty);
    }
}
