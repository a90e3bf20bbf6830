using System;

namespace SpsPlugin;

/// <summary>
/// An appliance address as users write it (<c>host</c>, <c>host:port</c>, <c>https://host[:port]</c>),
/// turned into the HTTPS base address of its REST API. Plain http:// is refused: the password and the
/// session cookie would cross the network in clear text.
/// </summary>
internal sealed class ApplianceAddress
{
    private ApplianceAddress(string host, int port)
    {
        Host = host;
        Port = port;
        var bracketed = host.Contains(":") ? "[" + host + "]" : host;
        Display = port == 443 ? bracketed : bracketed + ":" + port;
        BaseAddress = new Uri("https://" + bracketed + ":" + port + "/");
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>host, or host:port when the port is not 443.</summary>
    public string Display { get; }

    public Uri BaseAddress { get; }

    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid, naming what is wrong and the forms that work.</exception>
    public static ApplianceAddress Parse(string? text)
    {
        var given = (text ?? string.Empty).Trim();
        if (given.Length == 0)
        {
            throw Invalid(given, "it is empty");
        }
        var withScheme = given.Contains("://") ? given : "https://" + given;
        var authority = withScheme.Substring(withScheme.IndexOf("://", StringComparison.Ordinal) + 3).TrimEnd('/');
        if (authority.IndexOf(':') != authority.LastIndexOf(':') && !authority.StartsWith("[", StringComparison.Ordinal))
        {
            // host:port cannot tell an IPv6 address's last group from a port: URLs put the address in brackets.
            throw Invalid(given, $"an IPv6 address needs brackets, so the port can be told apart: give [{authority}], or [{authority}]:8443 with a port");
        }
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Invalid(given, "it is not a host name or address");
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid(given, $"{uri.Scheme}:// is not allowed: SPS's REST API is HTTPS only, and plain HTTP would send the password in clear text");
        }
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw Invalid(given, "it has a path, query or user name; the module adds /api/... itself and takes the user from -Credential");
        }
        return new ApplianceAddress(uri.IdnHost.Trim('[', ']'), uri.Port);
    }

    private static SpsPluginException Invalid(string given, string reason) =>
        new(SpsPluginErrorId.ApplianceArgumentInvalid,
            $"The appliance address '{given}' cannot be used: {reason}. Give host, host:port or https://host[:port] (e.g. sps.example.com or 10.0.0.5:8443).");
}
