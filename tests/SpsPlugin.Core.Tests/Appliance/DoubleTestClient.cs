using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SpsPlugin.ApplianceDouble;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// A plain HttpClient for one double, trusting its CA and keeping its cookies: what any REST client does,
/// so the double's tests check its documented answers, not the module's client.
/// </summary>
internal sealed class DoubleTestClient : IDisposable
{
    private readonly HttpClient _http;

    public DoubleTestClient(SpsDouble sps, X509Certificate2? clientCertificate = null, TimeSpan? timeout = null)
    {
        var ca = sps.CaCertificate;
        var handler = new HttpClientHandler
        {
            CookieContainer = Cookies,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }
        _http = new HttpClient(handler) { BaseAddress = sps.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("SpsPluginTests/1.0");
    }

    public CookieContainer Cookies { get; } = new();

    public HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    public async Task<HttpResponseMessage> LoginAsync(string user = SpsDoubleOptions.DefaultUser, string password = SpsDoubleOptions.DefaultPassword, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/authentication" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await _http.SendAsync(request);
    }

    public async Task<DoubleTestClient> LoggedInAsync()
    {
        using var response = await LoginAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return this;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        => _http.SendAsync(new HttpRequestMessage(method, path) { Content = content });

    public Task<HttpResponseMessage> OpenTransactionAsync() => _http.PostAsync("api/transaction", new StringContent(""));

    public Task<HttpResponseMessage> CommitAsync()
        => _http.PutAsync("api/transaction", new StringContent("{\"status\":\"commit\"}", Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> UploadAsync(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return _http.PostAsync("api/upload/plugins", content);
    }

    /// <summary>Uploads and commits; returns the plugin's key.</summary>
    public async Task<string> InstallAsync(byte[] zip)
    {
        using var upload = await UploadAsync(zip);
        var body = await Json(upload, HttpStatusCode.Created);
        using var commit = await CommitAsync();
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        return body["key"]!.GetValue<string>();
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(text)!;
    }

    /// <summary>Asserts the documented error shape and returns error.code.</summary>
    public static async Task<string> ErrorCode(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await Json(response, expected);
        var error = Assert.IsType<JsonObject>(body["error"]);
        Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()));
        Assert.IsType<JsonObject>(error["details"]);
        return error["code"]!.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Plugin zips made in the test: a MANIFEST with the given lines and a main.py.</summary>
internal static class PluginZip
{
    public static byte[] Make(string name = "demo", string type = "aa", string api = "1.7", string version = "1.0.0", string extraManifest = "", int padding = 0)
        => MakeRaw(("MANIFEST", $"name: {name}\ntype: {type}\napi: {api}\nversion: \"{version}\"\ndescription: A test plugin\n{extraManifest}"),
                   ("main.py", "class Plugin:\n    pass\n" + new string('#', padding)));

    public static byte[] MakeRaw(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.NoCompression).Open());
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }
}
