namespace SpsPlugin;

/// <summary>How a session logged in to the appliance (reference §7: GET /api/authentication).</summary>
public enum SpsApplianceAuthenticationType
{
    /// <summary>HTTP Basic authentication with the appliance's default login method.</summary>
    Basic,

    /// <summary>HTTP Basic authentication with a named login method (<c>?login_method=</c>).</summary>
    LoginMethod,

    /// <summary>A client certificate (<c>?type=x509</c>).</summary>
    Certificate,
}
