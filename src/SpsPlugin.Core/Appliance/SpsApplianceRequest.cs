using System;
using System.Collections.Generic;

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

    /// <inheritdoc />
    public override string ToString() => $"{Method} {RelativeUrl}";
}
