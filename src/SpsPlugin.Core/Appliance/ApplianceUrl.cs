using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// The URL of one call under <c>/api/</c>: the one that is sent (<see cref="Sent"/>) and the one messages show
/// (<see cref="Shown"/>, query values masked: a <c>?password=</c> must not reach -Verbose, errors or logs).
/// A URL that would leave <c>/api/</c> is refused, so the session cookie only ever goes to the REST API.
/// </summary>
internal sealed class ApplianceUrl
{
    private const string Root = "api";

    // Enough to see through any nesting a server or proxy would decode (%252e%252e is decoded twice).
    private const int MaxDecodings = 5;

    private ApplianceUrl(string sent)
    {
        Sent = sent;
        Shown = Mask(sent);
    }

    /// <summary>The path and query as sent: <c>/api/...?...</c>.</summary>
    public string Sent { get; }

    /// <summary>The path and query with every query value masked (names kept).</summary>
    public string Shown { get; }

    /// <summary>The URL of <paramref name="relativeUrl"/> (a leading <c>/</c> or <c>/api/</c> optional) with <paramref name="query"/> appended.</summary>
    /// <exception cref="SpsPluginException">ApplianceArgumentInvalid for an absolute URL or a path outside /api/, naming the URL (masked).</exception>
    public static ApplianceUrl Of(string relativeUrl, IEnumerable<KeyValuePair<string, object?>> query)
    {
        var given = relativeUrl.Trim();
        var cut = given.IndexOfAny(new[] { '?', '#' });
        var path = cut < 0 ? given : given.Substring(0, cut);
        var inline = cut < 0 ? string.Empty : given.Substring(cut);
        if (path.Contains("://") || path.StartsWith("//", StringComparison.Ordinal) || path.StartsWith("\\\\", StringComparison.Ordinal))
        {
            // An absolute URL would send the session cookie to whatever host it names.
            throw Refused(given, "is an absolute URL");
        }
        path = path.TrimStart('/');
        if (!path.StartsWith(Root + "/", StringComparison.Ordinal) && path != Root)
        {
            path = Root + "/" + path;
        }
        if (LeavesApi(path))
        {
            throw Refused(given, "leaves /api/ (a '..' segment, also when encoded as %2e%2e or written with '\\')");
        }
        var appended = string.Join("&", query.SelectMany(pair => Values(pair.Value)
            .Select(value => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(value))));
        var sent = "/" + path + inline;
        if (appended.Length > 0)
        {
            sent += (inline.StartsWith("?", StringComparison.Ordinal) ? "&" : "?") + appended;
        }
        return new ApplianceUrl(sent);
    }

    /// <summary><paramref name="url"/> with the value of every query parameter replaced by the secret mask.</summary>
    public static string Mask(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0)
        {
            return url;
        }
        var fragment = url.IndexOf('#', start);
        var query = fragment < 0 ? url.Substring(start + 1) : url.Substring(start + 1, fragment - start - 1);
        var masked = query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            return equals < 0 ? pair : pair.Substring(0, equals + 1) + SecretMask.Text;
        });
        return url.Substring(0, start + 1) + string.Join("&", masked);
    }

    /// <summary>
    /// Whether the path, read as the most lenient server would (backslashes as slashes, percent-decoded
    /// again and again), resolves to a place outside /api/.
    /// </summary>
    internal static bool LeavesApi(string path)
    {
        var decoded = path;
        for (var i = 0; i < MaxDecodings; i++)
        {
            var once = Uri.UnescapeDataString(decoded.Replace('\\', '/'));
            if (once == decoded)
            {
                break;
            }
            decoded = once;
        }
        var resolved = new List<string>();
        foreach (var segment in decoded.Replace('\\', '/').Split('/'))
        {
            var name = segment.Trim();
            if (name == "..")
            {
                if (resolved.Count <= 1)
                {
                    return true;
                }
                resolved.RemoveAt(resolved.Count - 1);
            }
            else if (name.Length > 0 && name != ".")
            {
                resolved.Add(segment);
            }
        }
        return resolved.Count == 0 || resolved[0] != Root;
    }

    private static SpsPluginException Refused(string given, string why) =>
        new(SpsPluginErrorId.ApplianceArgumentInvalid,
            $"'{Mask(given)}' {why}; the session's cookie is only ever sent to the appliance's REST API. Give a path under /api/ on the appliance (e.g. configuration/plugins).");

    private static IEnumerable<string> Values(object? value) => value switch
    {
        null => new[] { string.Empty },
        string text => new[] { text },
        bool flag => new[] { flag ? "true" : "false" },
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(Values),
        _ => new[] { Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty },
    };
}
