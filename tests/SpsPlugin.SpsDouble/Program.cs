using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// The console host: starts one double, prints one JSON line describing it, serves until stdin closes (so a
/// test process that dies never leaves a double running) and exits 0. Bad arguments: a message, exit 2.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: SpsPlugin.SpsDouble [--release 7.5.0] [--idle-seconds N] [--transaction-seconds N] "
        + "[--max-body-bytes N] [--sealed] [--report-checksum] [--user name:password[:login_method]]...";

    public static int Main(string[] args)
    {
        SpsDoubleOptions options;
        try { options = ParseArguments(args); }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var controlToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var spsDouble = SpsDouble.StartWithControl(controlToken, options);
        var firstUser = options.Users.Count > 0 ? options.Users[0].Name : SpsDoubleOptions.DefaultUser;
        var pfxPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        using var clientCertificate = spsDouble.ClientCertificate(firstUser);
        var pfxPath = spsDouble.WriteTempFile("client.pfx", clientCertificate.Export(X509ContentType.Pkcs12, pfxPassword));

        var line = new JsonObject
        {
            ["url"] = spsDouble.BaseAddress.ToString(),
            ["appliance"] = spsDouble.Appliance,
            ["thumbprint"] = spsDouble.ServerCertificate.GetCertHashString(HashAlgorithmName.SHA256),
            ["thumbprintSha1"] = spsDouble.ServerCertificate.Thumbprint,
            ["caCertificatePath"] = spsDouble.CaCertificatePath,
            ["clientCertificatePath"] = pfxPath,
            ["clientCertificatePassword"] = pfxPassword,
            ["clientCertificateUser"] = firstUser,
            ["controlToken"] = controlToken,
            ["pid"] = Environment.ProcessId,
        };
        Console.Out.WriteLine(line.ToJsonString());
        Console.Out.Flush();

        // Serve until the parent closes our stdin (or dies, which closes it too).
        Console.In.ReadToEnd();
        return 0;
    }

    private static SpsDoubleOptions ParseArguments(string[] args)
    {
        var options = new SpsDoubleOptions();
        var users = new List<SpsDoubleUser>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--release": options.Release = Value(); break;
                case "--idle-seconds": options.IdleTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--transaction-seconds": options.TransactionTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--max-body-bytes": options.MaxBodyBytes = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--sealed": options.Sealed = true; break;
                case "--report-checksum": options.ReportChecksum = true; break;
                case "--user": users.Add(ParseUser(Value())); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        if (users.Count > 0) options.Users = users;
        return options;
    }

    // name:password[:login_method]; the password may not contain ':' (the double's users are made up).
    private static SpsDoubleUser ParseUser(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
            throw new ArgumentException($"--user takes name:password[:login_method], got '{parts[0]}:…'.");
        return new SpsDoubleUser(parts[0], parts[1], parts.Length == 3 ? parts[2] : "local");
    }
}
