using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace SpsPlugin;

/// <summary>
/// What <see cref="SpsApplianceSession.Connect"/> needs: the appliance, how to log in and which server
/// certificate to trust. The password is a <see cref="SecureString"/>, never a string property, so the
/// options object cannot leak it through ToString, Format-List or ConvertTo-Json.
/// </summary>
public sealed class SpsApplianceConnectionOptions
{
    /// <summary>The appliance: <c>host</c>, <c>host:port</c> or <c>https://host[:port]</c>; no path, never http://.</summary>
    public string Appliance { get; set; } = string.Empty;

    /// <summary>The user for Basic authentication; null with a client certificate.</summary>
    public string? UserName { get; set; }

    /// <summary>The user's password.</summary>
    public SecureString? Password { get; set; }

    /// <summary>A login method the appliance offers (<c>?login_method=</c>); null for its default.</summary>
    public string? LoginMethod { get; set; }

    /// <summary>A client certificate with its private key for <c>?type=x509</c>; replaces the user and password.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Accept any server certificate. For tests and labs only: anyone on the path can read the password.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>
    /// CA or leaf certificates to trust besides the system's store: a server certificate validates when
    /// its chain ends at one of them (or it is one of them), even though the system does not trust them.
    /// </summary>
    public IList<X509Certificate2> TrustedCertificates { get; } = new List<X509Certificate2>();

    /// <summary>SHA-1 or SHA-256 thumbprints (hex; spaces and colons allowed) of the server's own certificate to accept.</summary>
    public IList<string> TrustedThumbprints { get; } = new List<string>();

    /// <summary>How long one call may take in all, retries included; uploads add time for their size. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>After how long without a call the appliance forgets a session: SPS's 20 minutes (reference §7).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often a GET is tried when the failure looks transient (connection reset, 502/503/504). Tests shorten the backoff.</summary>
    internal int GetAttempts { get; set; } = 3;

    /// <summary>The first backoff between GET attempts; it doubles each time, with jitter.</summary>
    internal TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The most of an answer read into memory, in characters. SPS's JSON answers are small; an endless or
    /// huge body (a broken appliance, or anything answering in its place with -SkipCertificateCheck) must not
    /// exhaust memory. A download goes to -OutFile instead, which has no such cap. Internal: tests lower it.
    /// </summary>
    internal int MaxAnswerChars { get; set; } = 64 * 1024 * 1024;

    /// <inheritdoc />
    public override string ToString() => $"{Appliance} as {UserName ?? ClientCertificate?.Subject ?? "(no user)"}";
}
