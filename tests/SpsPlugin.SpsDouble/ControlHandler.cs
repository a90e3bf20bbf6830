using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// /__double/&lt;op&gt;: the C# control API over HTTPS, for a double running as a console host (Pester).
/// Every call needs the header X-Double-Control with the token printed at start, so a client under test
/// cannot reach it by accident.
/// </summary>
internal sealed class ControlHandler
{
    public const string TokenHeader = "X-Double-Control";
    private readonly SpsDouble _double;
    private readonly byte[] _token;

    public ControlHandler(SpsDouble owner, string token)
    {
        _double = owner;
        _token = Encoding.UTF8.GetBytes(token);
    }

    public async Task<ApiResult> HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[TokenHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, _token))
            return ApiResult.Error(403, "ControlTokenRequired", $"Control calls need the {TokenHeader} header.", path);

        var op = path["/__double/".Length..];
        JsonObject body;
        try { body = await ReadBodyAsync(context.Request); }
        catch (JsonException e) { return ApiResult.Error(400, "InvalidJson", e.Message, path); }
        try
        {
            return (context.Request.Method, op) switch
            {
                ("GET", "requests") => Done(new JsonObject { ["requests"] = JsonSerializer.SerializeToNode(_double.Requests) }),
                ("GET", "plugins") => Plugins(context.Request.Query["type"].FirstOrDefault()),
                ("POST", "seal") => Do(() => _double.Seal(Bool(body, "sealed", true))),
                ("POST", "expire-sessions") => Do(_double.ExpireSessions),
                ("POST", "fault") => Do(() => SetFault(body)),
                ("POST", "lock") => Do(() => _double.HoldTransactionLock(Text(body, "user"))),
                ("POST", "unlock") => Do(_double.ReleaseLock),
                ("POST", "tamper") => Do(() => _double.TamperPlugin(Text(body, "type"), Text(body, "key"))),
                ("POST", "remove-deployed-file") => Do(() => _double.RemoveDeployedFile(Text(body, "type"), Text(body, "key"), Text(body, "entry"))),
                ("POST", "unregistered") => Do(() => _double.AddUnregistered(Text(body, "type"), Text(body, "name"))),
                ("POST", "in-use") => Do(() => _double.MarkInUse(Text(body, "type"), Text(body, "key"), Bool(body, "inUse", true))),
                _ => ApiResult.Error(404, "NotFound", $"No control operation {context.Request.Method} {op}.", path),
            };
        }
        catch (ArgumentException e)
        {
            return ApiResult.Error(400, "InvalidArgument", e.Message, path);
        }
    }

    private void SetFault(JsonObject body)
    {
        var kind = Text(body, "kind");
        if (kind == "none")
        {
            _double.ClearFaults();
            return;
        }
        _double.SetFault(kind switch
        {
            "slow" => DoubleFault.Slow(TimeSpan.FromMilliseconds(Number(body, "delayMs"))),
            "drop-connection" => DoubleFault.DropConnection(Number(body, "afterBytes")),
            "fail-next" => DoubleFault.FailNext(Text(body, "path"), (int)Number(body, "status"), Text(body, "code")),
            "flaky" => DoubleFault.Flaky((int)Number(body, "count")),
            "deploy-fail" => DoubleFault.DeployFail(),
            _ => throw new ArgumentException($"Unknown fault kind '{kind}': slow, drop-connection, fail-next, flaky, deploy-fail or none."),
        });
    }

    private ApiResult Plugins(string? type)
    {
        var types = type is null ? DoubleManifest.KnownTypes : new[] { type };
        var items = new JsonArray();
        foreach (var plugin in types.SelectMany(_double.Plugins))
        {
            items.Add(new JsonObject
            {
                ["type"] = plugin.Type, ["key"] = plugin.Key, ["name"] = plugin.Name, ["version"] = plugin.Version,
                ["api"] = plugin.Api, ["sha256"] = plugin.RecordedSha256, ["inUse"] = plugin.InUse,
            });
        }
        return Done(new JsonObject { ["plugins"] = items });
    }

    private static ApiResult Do(Action action)
    {
        action();
        return Done(new JsonObject { ["ok"] = true });
    }

    private static ApiResult Done(JsonObject body) => ApiResult.Ok(body);

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }

    private static string Text(JsonObject body, string name)
        => body[name]?.GetValue<string>() ?? throw new ArgumentException($"The control call needs '{name}'.");

    private static long Number(JsonObject body, string name)
        => body[name]?.GetValue<long>() ?? throw new ArgumentException($"The control call needs the number '{name}'.");

    private static bool Bool(JsonObject body, string name, bool fallback) => body[name]?.GetValue<bool>() ?? fallback;
}
