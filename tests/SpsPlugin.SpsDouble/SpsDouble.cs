using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpsPlugin.ApplianceDouble;

/// <summary>
/// A stand-in SPS appliance on https://127.0.0.1:&lt;ephemeral port&gt;, for tests. Start one per test (or
/// several at once); everything lives in this process and is gone on Dispose.
/// </summary>
public sealed class SpsDouble : IDisposable, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DoubleCertificates _certificates;
    private readonly ApplianceState _state;
    private readonly FaultSwitch _faults = new();
    private readonly object _requestsGate = new();
    private readonly List<DoubleRequest> _requests = new();
    private string? _tempFolder;

    private SpsDouble(SpsDoubleOptions options, string? controlToken)
    {
        Options = options;
        _certificates = new DoubleCertificates();
        _state = new ApplianceState(options);
        var api = new ApiHandler(options, _state, _certificates, _faults);
        var control = controlToken is null ? null : new ControlHandler(this, controlToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The double answers oversized uploads itself (413 with a JSON error), so Kestrel must not cut them first.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = _certificates.ServerCertificate;
                // Asked for in the handshake, never required: only ?type=x509 logins use it, validated by the
                // double against its client CA (ApiHandler), so any certificate is let through here.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        });
        _app = builder.Build();
        _app.Run(context => ServeAsync(context, api, control));
        _app.StartAsync().GetAwaiter().GetResult();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        BaseAddress = new Uri($"https://127.0.0.1:{port}/");
        Appliance = $"127.0.0.1:{port}";
    }

    public static SpsDouble Start(SpsDoubleOptions? options = null) => new(options ?? new SpsDoubleOptions(), null);

    /// <summary>Starts a double that also serves the /__double control endpoints to callers sending this token.</summary>
    public static SpsDouble StartWithControl(string controlToken, SpsDoubleOptions? options = null)
        => new(options ?? new SpsDoubleOptions(), controlToken);

    public SpsDoubleOptions Options { get; }

    public Uri BaseAddress { get; }

    /// <summary>host:port, as an admin types an appliance's address.</summary>
    public string Appliance { get; }

    public X509Certificate2 ServerCertificate => _certificates.ServerCertificate;

    /// <summary>The issuer of <see cref="ServerCertificate"/> (public part only).</summary>
    public X509Certificate2 CaCertificate => _certificates.CaCertificate;

    /// <summary>The issuer of the certificates accepted for ?type=x509 logins (public part only).</summary>
    public X509Certificate2 ClientCaCertificate => _certificates.ClientCaCertificate;

    /// <summary>The CA certificate as a PEM file in a private temp folder, removed on Dispose.</summary>
    public string CaCertificatePath => WriteTempFile("ca.pem", CaCertificate.ExportCertificatePem());

    /// <summary>A client certificate (with key) for <paramref name="user"/>, issued by the client CA.</summary>
    public X509Certificate2 ClientCertificate(string user) => _certificates.IssueClientCertificate(user);

    // ---- state and control, for tests ----

    public IReadOnlyList<DoublePlugin> Plugins(string type) => _state.Installed(type);

    public void Seal(bool isSealed) => _state.Sealed = isSealed;

    public void ExpireSessions() => _state.ExpireSessions();

    public void SetFault(DoubleFault fault) => _faults.Set(fault);

    public void ClearFaults() => _faults.Clear();

    public void HoldTransactionLock(string otherUser) => _state.HoldLock(otherUser);

    public void ReleaseLock() => _state.ReleaseLock();

    public void TamperPlugin(string type, string key) => _state.Tamper(type, key);

    public void RemoveDeployedFile(string type, string key, string entry) => _state.RemoveDeployedFile(type, key, entry);

    public void AddUnregistered(string type, string name) => _state.AddUnregistered(type, name);

    /// <summary>An AA Plugin Configuration now refers to the plugin (or no longer does): deleting it answers 400.</summary>
    public void MarkInUse(string type, string key, bool inUse = true) => _state.MarkInUse(type, key, inUse);

    public IReadOnlyList<DoubleRequest> Requests
    {
        get { lock (_requestsGate) return _requests.ToList(); }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates.Dispose();
        if (_tempFolder is not null && Directory.Exists(_tempFolder)) Directory.Delete(_tempFolder, true);
    }

    internal string WriteTempFile(string name, string text) => WriteTempFile(name, System.Text.Encoding.ASCII.GetBytes(text));

    internal string WriteTempFile(string name, byte[] bytes)
    {
        lock (_requestsGate)
        {
            _tempFolder ??= Directory.CreateTempSubdirectory("spsdouble-").FullName;
        }
        var path = Path.Combine(_tempFolder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task ServeAsync(HttpContext context, ApiHandler api, ControlHandler? control)
    {
        await _faults.DelayAsync();
        var path = context.Request.Path.Value ?? "/";
        ApiResult? result;
        if (path.StartsWith("/__double/", StringComparison.Ordinal))
        {
            result = control is null ? ApiResult.NotFound(path) : await control.HandleAsync(context);
        }
        else
        {
            result = await api.HandleAsync(context);
            Record(context, result);
        }
        if (result is null) return; // the connection was dropped on purpose
        context.Response.StatusCode = result.Status;
        if (result.Body is null) return;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(result.Body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private void Record(HttpContext context, ApiResult? result)
    {
        var request = context.Request;
        var entry = new DoubleRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", result?.Status ?? 0,
            !string.IsNullOrEmpty(request.Headers["X-Token"]), request.Cookies.ContainsKey("session_id"),
            request.Headers.UserAgent.FirstOrDefault(), request.ContentType, request.ContentLength);
        lock (_requestsGate) _requests.Add(entry);
    }
}
