using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>Reads SPS's transaction and plugin answers into the module's objects.</summary>
internal static class ApplianceTransactions
{
    private const string PluginsHref = "/api/configuration/plugins/";

    /// <summary>
    /// GET /api/transaction in either documented shape: the guide's sample <c>.transaction.status</c>, or
    /// <c>.body.status</c>, <c>.body.commit_message</c>, <c>.meta.remaining_seconds</c>, <c>.meta.changes</c>
    /// as safeguard-ps reads them (reference §7). No status at all is read as closed.
    /// </summary>
    /// <param name="session">The session read through, for the transaction object.</param>
    /// <param name="appliance">The appliance, as the session names it.</param>
    /// <param name="body">The parsed answer.</param>
    /// <param name="followChanges">
    /// Reads the pending changes behind a link (<c>meta.changes</c> naming <c>/api/transaction/changes</c>); null
    /// when they cannot be read. A link is one reference to the list, not one change.
    /// </param>
    public static SpsApplianceTransaction Read(SpsApplianceSession session, string appliance, object? body,
        System.Func<string, IReadOnlyList<object?>?> followChanges)
    {
        var status = StatusOf(body) ?? "closed";
        var remaining = ApplianceJson.Get(body, "meta", "remaining_seconds") ?? ApplianceJson.Get(body, "transaction", "remaining_seconds");
        var changes = ApplianceJson.Get(body, "meta", "changes") ?? ApplianceJson.Get(body, "body", "changes");
        return new SpsApplianceTransaction(session, appliance, status,
            remaining switch { long l => l, double d => (long)d, _ => null },
            changes switch
            {
                List<object?> list => list,
                // A closed transaction has nothing pending: no need to follow its link.
                _ when status != "open" => new List<object?>(),
                string link => followChanges(link),
                // An open transaction that says nothing readable about its changes has an unknown number.
                _ => null,
            },
            ApplianceJson.Text(body, "body", "commit_message"));
    }

    /// <summary>The status an answer reports in either shape; null when it reports none.</summary>
    public static string? StatusOf(object? body) =>
        ApplianceJson.Text(body, "transaction", "status") ?? ApplianceJson.Text(body, "body", "status");

    /// <summary>
    /// GET /api/transaction/changes: the list under <c>changes</c>, <c>body.changes</c> or <c>items</c> (SPS
    /// documents the call, not its shape); null when the answer holds no list.
    /// </summary>
    public static IReadOnlyList<object?>? Changes(object? body) =>
        (ApplianceJson.Get(body, "changes") ?? ApplianceJson.Get(body, "body", "changes") ?? ApplianceJson.Get(body, "items")) as List<object?>;

    /// <summary>One item of GET /api/configuration/plugins/&lt;type&gt;: key, meta.href and body.</summary>
    public static SpsInstalledPlugin? Plugin(SpsApplianceSession session, string type, object? item)
    {
        var key = ApplianceJson.Text(item, "key");
        return key == null ? null : FromBody(session, type, key, ApplianceJson.Text(item, "meta", "href"), ApplianceJson.Get(item, "body"));
    }

    /// <summary>The upload's 201 answer: <c>meta.href</c> names the type's collection, then <c>key</c> and <c>body</c>.</summary>
    public static SpsInstalledPlugin? Uploaded(SpsApplianceSession session, object? answer)
    {
        var href = ApplianceJson.Text(answer, "meta", "href");
        var key = ApplianceJson.Text(answer, "key");
        if (href == null || key == null || !href.StartsWith(PluginsHref, System.StringComparison.Ordinal))
        {
            return null;
        }
        var type = href.Substring(PluginsHref.Length).Split('/').First();
        return FromBody(session, SpsPluginType.FindByRestKey(type)?.Name ?? type, key, href, ApplianceJson.Get(answer, "body"));
    }

    private static SpsInstalledPlugin FromBody(SpsApplianceSession session, string type, string key, string? href, object? body) =>
        new(session, SpsPluginType.FindByRestKey(type)?.Name ?? type, key,
            ApplianceJson.Text(body, "name"), ApplianceJson.Text(body, "version"), ApplianceJson.Text(body, "api"),
            ApplianceJson.Text(body, "description"), ApplianceJson.Text(body, "path"),
            ApplianceJson.Text(body, "scb_min_version"), ApplianceJson.Text(body, "scb_max_version"), href,
            // Assumed names: SPS documents no checksum in a plugin's body; if an appliance reports one, it
            // is most likely under one of these, and a checksum read here can only make a publish skip an
            // upload of the very same bytes.
            ApplianceJson.Text(body, "checksum") ?? ApplianceJson.Text(body, "sha256"));
}
