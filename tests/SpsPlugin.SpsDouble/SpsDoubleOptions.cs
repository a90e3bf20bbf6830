using System;
using System.Collections.Generic;

namespace SpsPlugin.ApplianceDouble;

/// <summary>A REST user of the double: name, password and the login method (backend) it belongs to.</summary>
public sealed class SpsDoubleUser
{
    public SpsDoubleUser(string name, string password, string loginMethod = "local")
    {
        Name = name;
        Password = password;
        LoginMethod = loginMethod;
    }

    public string Name { get; }
    public string Password { get; }
    public string LoginMethod { get; }

    // Never the password: test output and assertion messages print users.
    public override string ToString() => $"{Name} ({LoginMethod})";
}

/// <summary>How the double behaves: the release it claims, its users, limits and timeouts.</summary>
public sealed class SpsDoubleOptions
{
    public const string DefaultUser = "admin";
    public const string DefaultPassword = "double-password-1";

    /// <summary>The firmware version reported by /api/firmware/slots and /api/info, and checked against uploads.</summary>
    public string Release { get; set; } = "7.5.0";

    public IList<SpsDoubleUser> Users { get; set; } = new List<SpsDoubleUser> { new(DefaultUser, DefaultPassword) };

    /// <summary>What GET /api/authentication/login_methods lists; ?login_method= must name one of these.</summary>
    public IList<string> LoginMethods { get; set; } = new List<string> { "local", "ldap" };

    /// <summary>Documented: a REST session expires after 20 minutes without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Not documented: how long an open transaction lives. Assumed 10 minutes from opening, counted down in
    /// meta.remaining_seconds; when it runs out the pending changes are dropped and the lock is released.
    /// </summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Documented: SPS refuses plugin uploads over 20 MB (the double reads that as 20 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Not documented: a plugin's body carries no checksum in SPS's answers (reference §7, §11). When set, the
    /// double adds <c>sha256</c> (of the zip as uploaded) to the plugin listings, to test clients that use
    /// one where an appliance reports it. Off by default, as documented.
    /// </summary>
    public bool ReportChecksum { get; set; }

    /// <summary>Sealed mode: uploads and deletes of plugins are refused.</summary>
    public bool Sealed { get; set; }
}
