using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>One call of the REST API through <see cref="SpsApplianceSession.Invoke"/>.</summary>
public sealed class SpsApplianceRequest
{
    /// <summary>Creates a call of <paramref name="method"/> on <paramref name="relativeUrl"/> (e.g. <c>/api/transaction</c> or <c>configuration/plugins</c>).</summary>
    public SpsApplianceRequest(string method, string relativeUrl)
    {
        Method = method;
        RelativeUrl = relativeUrl;
    }

    /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
    public string Method { get; }

    /// <summary>Whether the call only reads (GET, HEAD): only such a call is repeated after a transient failure or renewed session.</summary>
    internal bool IsRead =>
        string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(Method, "HEAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path under <c>/api/</c>; a leading <c>/api/</c> or <c>/</c> is accepted.</summary>
    public string RelativeUrl { get; }

    /// <summary>Query parameters; a value that is a list repeats the parameter (<c>ops=a&amp;ops=b</c>).</summary>
    public IDictionary<string, object?> Query { get; } = new Dictionary<string, object?>();

    /// <summary>
    /// The body: a string (sent as is), bytes, a readable <see cref="System.IO.Stream"/> (streamed), or
    /// plain values (dictionaries, lists, numbers, strings, booleans) written as JSON. Null sends no body,
    /// except on POST, PUT and PATCH, which send <c>{}</c>: SPS answers 411 to a change without one.
    /// </summary>
    public object? Body { get; set; }

    /// <summary>The body's media type; default application/json, or application/octet-stream for bytes and streams.</summary>
    public string? ContentType { get; set; }

    /// <summary>Write the answer's body to this file instead of reading it.</summary>
    public string? OutFile { get; set; }

    /// <summary>Whether an existing <see cref="OutFile"/> may be replaced (-Force); otherwise it is FileExists.</summary>
    public bool OverwriteOutFile { get; set; }

    /// <summary>The time this call may take; null for the session's.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Reports the bytes of the body sent so far.</summary>
    public IProgress<long>? UploadProgress { get; set; }

    /// <summary>
    /// Checks what can be checked before anything is sent (the URL stays under /api/, the media type is one),
    /// and returns the path and query as messages show it: query values masked (names kept), since a query
    /// may carry a password.
    /// </summary>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid when the URL is absolute or leaves /api/ (also through encoded or backslash '..' segments), or the media type is not one.</exception>
    public string Check()
    {
        if (ContentType != null)
        {
            MediaType(ContentType);
        }
        return ApplianceUrl.Of(RelativeUrl, Query).Shown;
    }

    /// <summary>The media type of the body, checked: a line break or another character a header cannot carry is refused, naming it.</summary>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid for a value that is not a media type.</exception>
    internal static System.Net.Http.Headers.MediaTypeHeaderValue MediaType(string type)
    {
        try
        {
            return System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
        }
        catch (FormatException)
        {
            throw new SpsPluginException(SpsPluginErrorId.ApplianceArgumentInvalid,
                $"-ContentType '{Escaped(type)}' is not a media type (type/subtype, e.g. application/json; line breaks are not allowed in a header).");
        }
    }

    // Control characters shown as \n, \r, \uXXXX, so the message names the value on one line.
    private static string Escaped(string text) => string.Concat(text.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        _ when char.IsControl(c) => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    }));

    /// <inheritdoc />
    public override string ToString() => $"{Method} {ApplianceUrl.Mask(RelativeUrl)}";
}
