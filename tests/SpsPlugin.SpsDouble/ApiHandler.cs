using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SpsPlugin.ApplianceDouble;

/// <summary>The /api endpoints: routing, authentication, the X-Token rule and the plugin calls.</summary>
internal sealed class ApiHandler
{
    private const string CookieName = "session_id";
    private readonly SpsDoubleOptions _options;
    private readonly ApplianceState _state;
    private readonly DoubleCertificates _certificates;
    private readonly FaultSwitch _faults;

    public ApiHandler(SpsDoubleOptions options, ApplianceState state, DoubleCertificates certificates, FaultSwitch faults)
    {
        _options = options;
        _state = state;
        _certificates = certificates;
        _faults = faults;
    }

    public async Task<ApiResult?> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var method = request.Method;

        var injected = _faults.TakeFailure(path, method);
        if (injected is not null) return injected;

        if (path == "/api/authentication/login_methods" && method == "GET") return LoginMethods();
        if (path == "/api/authentication" && method == "GET") return await LoginAsync(context);

        var sessionId = request.Cookies[CookieName];
        if (_state.Touch(sessionId) is null)
        {
            return ApiResult.Error(401, "Unauthenticated",
                sessionId is null ? "Authentication is required: log in at /api/authentication." : "The session expired or is unknown: log in again.",
                path);
        }
        var missingToken = XTokenRefusal(request, path);
        if (missingToken is not null) return missingToken;

        var parts = path.TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (parts.Length > 1 ? parts[1] : "", method) switch
        {
            ("firmware", "GET") when path == "/api/firmware/slots" => FirmwareSlots(),
            ("info", "GET") when parts.Length == 2 => Info(),
            ("transaction", _) => await TransactionCallAsync(context, sessionId!, parts, method),
            ("upload", "POST") when path == "/api/upload/plugins" => await UploadAsync(context, sessionId!),
            ("configuration", _) when parts.Length >= 3 && parts[2] == "plugins" => PluginsCall(sessionId!, parts, method),
            ("plugin", "GET") when path == "/api/plugin/integrity" => Integrity(request),
            _ => ApiResult.Error(404, "NotFound", $"The double does not serve {method} {path}.", path),
        };
    }

    // Shape assumed from safeguard-ps, which reads .login_methods; the items' own shape is not documented.
    private ApiResult LoginMethods()
        => ApiResult.Ok(new JsonObject
        {
            ["meta"] = ApiResult.Meta("/api/authentication/login_methods"),
            ["login_methods"] = new JsonArray(_options.LoginMethods.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
        });

    private async Task<ApiResult> LoginAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? user;
        string loginMethod;
        if (query["type"] == "x509")
        {
            var certificate = await context.Connection.GetClientCertificateAsync();
            user = certificate is not null && _certificates.IsIssuedByClientCa(certificate) ? certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false) : null;
            loginMethod = "x509";
            if (user is null) return Unauthenticated("No client certificate issued by a trusted CA was presented.", null);
        }
        else
        {
            loginMethod = query["login_method"].FirstOrDefault() ?? _options.LoginMethods.FirstOrDefault() ?? "local";
            // Undocumented: an unknown login method. Assumed 401 Unauthenticated (a login that cannot succeed),
            // with the method and the known ones in details so the client can say what to use.
            if (!_options.LoginMethods.Contains(loginMethod))
            {
                return Unauthenticated($"Unknown login method '{loginMethod}'.", new JsonObject
                {
                    ["login_method"] = loginMethod,
                    ["login_methods"] = new JsonArray(_options.LoginMethods.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
                });
            }
            user = BasicUser(context.Request, loginMethod);
            if (user is null) return Unauthenticated("Wrong user name or password.", null);
        }
        var sessionId = _state.Login(user, loginMethod);
        context.Response.Cookies.Append(CookieName, sessionId, new CookieOptions { Secure = true, HttpOnly = true, Path = "/" });
        // Documented: 200 with a meta object; the body naming the user is the double's addition.
        return ApiResult.Ok(new JsonObject
        {
            ["meta"] = ApiResult.Meta("/api/authentication"),
            ["body"] = new JsonObject { ["user"] = user, ["login_method"] = loginMethod },
        });
    }

    private static ApiResult Unauthenticated(string message, JsonObject? details)
        => ApiResult.Error(401, "Unauthenticated", message, "/api/authentication", details);

    private string? BasicUser(HttpRequest request, string loginMethod)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null) return null;
        string pair;
        try { pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)); }
        catch (FormatException) { return null; }
        var colon = pair.IndexOf(':');
        if (colon < 0) return null;
        var name = pair[..colon];
        var password = pair[(colon + 1)..];
        var user = _options.Users.FirstOrDefault(u => u.Name == name && u.LoginMethod == loginMethod);
        return user is not null && user.Password == password ? user.Name : null;
    }

    /// <summary>
    /// From SPS 7.5, state-changing calls from browser-like clients need X-Token; other clients are exempt.
    /// Assumed: "browser-like" means a User-Agent containing "Mozilla", any non-empty X-Token is accepted (how
    /// SPS issues the token is not documented), and the refusal is 403 with code XTokenRequired.
    /// </summary>
    private ApiResult? XTokenRefusal(HttpRequest request, string path)
    {
        var changes = request.Method is "POST" or "PUT" or "DELETE";
        var browser = request.Headers.UserAgent.ToString().Contains("Mozilla", StringComparison.Ordinal);
        if (!changes || !browser || !string.IsNullOrEmpty(request.Headers["X-Token"]) || !ReleaseAtLeast(7, 5)) return null;
        return ApiResult.Error(403, "XTokenRequired", "A state-changing call from a browser needs the X-Token header.", path);
    }

    private bool ReleaseAtLeast(int major, int minor)
    {
        var parts = _options.Release.Split('.');
        var releaseMajor = int.Parse(parts[0]);
        var releaseMinor = parts.Length > 1 ? int.Parse(parts[1]) : 0;
        return releaseMajor > major || (releaseMajor == major && releaseMinor >= minor);
    }

    // Assumed field names: the guide documents /api/firmware/slots items with version/current/after_reboot.
    private ApiResult FirmwareSlots()
        => ApiResult.Ok(new JsonObject
        {
            ["meta"] = ApiResult.Meta("/api/firmware/slots"),
            ["items"] = new JsonArray(new JsonObject
            {
                ["key"] = "1",
                ["meta"] = ApiResult.Meta("/api/firmware/slots/1"),
                ["body"] = new JsonObject { ["version"] = _options.Release, ["current"] = true, ["after_reboot"] = true },
            }),
        });

    // Assumed: /api/info's fields are not documented in the sources; firmware_version is the double's choice.
    private ApiResult Info()
        => ApiResult.Ok(new JsonObject
        {
            ["meta"] = ApiResult.Meta("/api/info"),
            ["body"] = new JsonObject { ["firmware_version"] = _options.Release, ["product"] = "SPS double" },
        });

    private async Task<ApiResult> TransactionCallAsync(HttpContext context, string sessionId, string[] parts, string method)
    {
        if (parts.Length == 3 && parts[2] == "changes" && method == "GET") return _state.Changes(sessionId);
        if (parts.Length != 2) return ApiResult.NotFound(context.Request.Path.Value!);
        switch (method)
        {
            case "GET":
                return _state.Status(sessionId);
            case "POST":
                // Documented: POST /api/transaction must carry a body or a Content-Length.
                var request = context.Request;
                if (request.ContentLength is null && !request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    return ApiResult.Error(411, "LengthRequired", "POST /api/transaction needs a body or a Content-Length header.", "/api/transaction");
                return _state.Open(sessionId);
            case "PUT":
                var body = await ReadJsonBodyAsync(context.Request);
                // A script in the wild commits with an empty PUT body: accepted as a commit.
                var status = body?["status"]?.GetValue<string>();
                if (body is not null && status != "commit")
                    return ApiResult.Error(400, "InvalidArgument", "PUT /api/transaction takes {\"status\":\"commit\"}.", "/api/transaction");
                return _state.Commit(sessionId);
            case "DELETE":
                return _state.Cancel(sessionId);
            default:
                return MethodNotAllowed(method, "/api/transaction");
        }
    }

    private static async Task<JsonObject?> ReadJsonBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text) as JsonObject ?? new JsonObject(); }
        catch (System.Text.Json.JsonException) { return new JsonObject(); }
    }

    private async Task<ApiResult?> UploadAsync(HttpContext context, string sessionId)
    {
        const string href = "/api/upload/plugins";
        var request = context.Request;
        // Documented only that sealed mode refuses uploads and deletes; assumed 403 with code SealedMode.
        if (_state.Sealed) return ApiResult.Error(403, "SealedMode", "SPS is in sealed mode: plugins cannot be uploaded or deleted.", href);
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/zip", StringComparison.OrdinalIgnoreCase))
            return ApiResult.Error(415, "UnsupportedMediaType", "Upload the raw zip with Content-Type: application/zip.", href);
        if (request.ContentLength > _options.MaxBodyBytes) return TooLarge(href);

        var drop = _faults.TakeDropConnection();
        var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (drop is not null && buffer.Length >= drop.AfterBytes)
                {
                    context.Abort();
                    return null;
                }
                if (buffer.Length > _options.MaxBodyBytes) return TooLarge(href);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(chunk); }

        var zip = buffer.ToArray();
        var manifest = DoubleManifest.Read(zip, out var problem);
        if (manifest is null) return ApiResult.Error(400, "InvalidPlugin", problem!, href);
        // Documented: 400 when the plugin does not support the appliance's version. Assumed: the same code as a
        // bad MANIFEST (InvalidPlugin), with the versions in details.
        var refusal = DoubleCompatibility.Refusal(_options.Release, manifest.Api, manifest.ScbMinVersion, manifest.ScbMaxVersion);
        if (refusal is not null)
        {
            return ApiResult.Error(400, "InvalidPlugin", refusal, href, new JsonObject
            {
                ["firmware_version"] = _options.Release, ["api"] = manifest.Api,
                ["scb_min_version"] = manifest.ScbMinVersion, ["scb_max_version"] = manifest.ScbMaxVersion,
            });
        }
        return _state.Upload(sessionId, manifest, zip, _faults.TakeDeployFail());
    }

    private ApiResult TooLarge(string href)
        => ApiResult.Error(413, "PayloadTooLarge", $"The upload is larger than {_options.MaxBodyBytes} bytes.", href,
            new JsonObject { ["max_bytes"] = _options.MaxBodyBytes });

    private ApiResult PluginsCall(string sessionId, string[] parts, string method)
    {
        var href = "/" + string.Join('/', parts);
        switch (parts.Length, method)
        {
            case (3, "GET"):
                // Documented: 7.x lists four types, 6.0 only aa and credentialstore.
                var types = ReleaseAtLeast(7, 0) ? DoubleManifest.KnownTypes : new[] { "aa", "credentialstore" };
                return ApiResult.Ok(new JsonObject
                {
                    ["meta"] = ApiResult.Meta(href),
                    ["items"] = new JsonArray(types.Select(t => (JsonNode)new JsonObject { ["key"] = t, ["meta"] = ApiResult.Meta($"{href}/{t}") }).ToArray()),
                });
            case (4, "GET") when DoubleManifest.KnownTypes.Contains(parts[3]):
                return ApiResult.Ok(new JsonObject
                {
                    ["meta"] = ApiResult.Meta(href),
                    ["items"] = new JsonArray(_state.Visible(sessionId, parts[3]).Select(p => (JsonNode)PluginItem(p)).ToArray()),
                });
            case (5, "GET"):
                var plugin = _state.Visible(sessionId, parts[3]).FirstOrDefault(p => p.Key == parts[4]);
                return plugin is null ? ApiResult.NotFound(href) : ApiResult.Ok(PluginItem(plugin));
            case (5, "DELETE"):
                if (_state.Sealed) return ApiResult.Error(403, "SealedMode", "SPS is in sealed mode: plugins cannot be uploaded or deleted.", href);
                return _state.Delete(sessionId, parts[3], parts[4]);
            case (3 or 4 or 5, _):
                return MethodNotAllowed(method, href);
            default:
                return ApiResult.NotFound(href);
        }
    }

    private JsonObject PluginItem(DoublePlugin plugin)
    {
        var body = new JsonObject
        {
            ["api"] = plugin.Api, ["description"] = plugin.Description, ["name"] = plugin.Name, ["version"] = plugin.Version,
            ["path"] = plugin.Path, ["scb_min_version"] = plugin.ScbMinVersion, ["scb_max_version"] = plugin.ScbMaxVersion,
        };
        if (_options.ReportChecksums) body["sha256"] = plugin.RecordedSha256;
        return new JsonObject
        {
            ["key"] = plugin.Key,
            ["meta"] = new JsonObject { ["href"] = plugin.Href, ["parent"] = plugin.Parent },
            ["body"] = body,
        };
    }

    private ApiResult Integrity(HttpRequest request)
    {
        const string href = "/api/plugin/integrity";
        var key = request.Query["key"].FirstOrDefault();
        var type = request.Query["plugin_type"].FirstOrDefault();
        var ops = request.Query["ops"].Where(o => o is not null).Select(o => o!).ToList();
        if (key is null || type is null || !DoubleManifest.KnownTypes.Contains(type))
            return ApiResult.Error(400, "InvalidArgument", "The integrity check needs key and a known plugin_type.", href);
        var unknown = ops.Where(o => !ApplianceState.IntegrityOps.Contains(o)).ToList();
        if (unknown.Count > 0)
            return ApiResult.Error(400, "InvalidArgument", $"Unknown ops: {string.Join(", ", unknown)}.", href);
        // Assumed: no ops means all of them.
        return _state.Integrity(type, key, ops.Count > 0 ? ops : ApplianceState.IntegrityOps);
    }

    private static ApiResult MethodNotAllowed(string method, string href)
        => ApiResult.Error(405, "MethodNotAllowed", $"{method} is not allowed on {href}.", href);
}
