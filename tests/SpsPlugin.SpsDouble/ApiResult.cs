using System.Text.Json.Nodes;

namespace SpsPlugin.ApplianceDouble;

/// <summary>One answer of the double: a status and a JSON body (null for none).</summary>
internal sealed record ApiResult(int Status, JsonObject? Body)
{
    public static ApiResult Ok(JsonObject body) => new(200, body);

    /// <summary>
    /// The documented error shape: an <c>error</c> object with a code, a message and <c>details</c>, beside the
    /// usual <c>meta</c> links (the REST guide's "Message format"; safeguard-ps reads <c>.error.details</c>).
    /// </summary>
    public static ApiResult Error(int status, string code, string message, string href, JsonObject? details = null)
        => new(status, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = details ?? new JsonObject() },
            ["meta"] = Meta(href),
        });

    public static ApiResult NotFound(string href)
        => Error(404, "NotFound", $"No such object: {href}", href);

    /// <summary>meta with the object's own link and its parent's, as every SPS REST answer carries.</summary>
    public static JsonObject Meta(string href)
    {
        var slash = href.TrimEnd('/').LastIndexOf('/');
        return new JsonObject { ["href"] = href, ["parent"] = slash > 0 ? href[..slash] : "/api" };
    }
}
