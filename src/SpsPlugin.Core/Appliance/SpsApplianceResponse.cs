using System.Collections.Generic;

namespace SpsPlugin;

/// <summary>The appliance's answer to one call: status, body and headers (Set-Cookie left out: it carries the session).</summary>
public sealed class SpsApplianceResponse
{
    internal SpsApplianceResponse(string appliance, string method, string url, int statusCode, string? contentType,
        IReadOnlyDictionary<string, string> headers, string? text, object? body, string? outFile)
    {
        Appliance = appliance;
        Method = method;
        Url = url;
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
        Text = text;
        Body = body;
        OutFile = outFile;
    }

    /// <summary>The appliance (host:port) that answered.</summary>
    public string Appliance { get; }

    /// <summary>The method of the call.</summary>
    public string Method { get; }

    /// <summary>The path and query called.</summary>
    public string Url { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The answer's media type.</summary>
    public string? ContentType { get; }

    /// <summary>The answer's headers, without Set-Cookie.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as text; null when it was written to <see cref="OutFile"/>.</summary>
    public string? Text { get; }

    /// <summary>The body as JSON values (dictionaries, lists, long, double, string, bool); null when it is not JSON.</summary>
    public object? Body { get; }

    /// <summary>The file the body was written to, if asked.</summary>
    public string? OutFile { get; }

    /// <summary>The session_id cookie the answer set (a login's); internal so that no output shows it.</summary>
    internal string? SessionCookie { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {Method} {Url}";
}
