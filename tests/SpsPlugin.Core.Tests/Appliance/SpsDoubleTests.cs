using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SpsPlugin.ApplianceDouble;
using static SpsPlugin.Tests.Appliance.DoubleTestClient;

namespace SpsPlugin.Tests.Appliance;

/// <summary>The double answers as the REST facts document (reference §7), checked with a plain HttpClient.</summary>
public sealed class SpsDoubleTests
{
    [Fact]
    public async Task LoginSetsASecureHttpOnlySessionCookie()
    {
        await using var sps = SpsDouble.Start();
        using var client = new DoubleTestClient(sps);
        using var response = await client.LoginAsync();
        var body = await Json(response, HttpStatusCode.OK);
        Assert.Equal("/api/authentication", body["meta"]!["href"]!.GetValue<string>());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^session_id=[0-9a-f]{40}; ", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        using var info = await client.GetAsync("api/info");
        Assert.Equal("7.5.0", (await Json(info, HttpStatusCode.OK))["body"]!["firmware_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWrongPasswordIs401Unauthenticated()
    {
        await using var sps = SpsDouble.Start();
        using var client = new DoubleTestClient(sps);
        using var response = await client.LoginAsync(password: "wrong");
        Assert.Equal("Unauthenticated", await ErrorCode(response, HttpStatusCode.Unauthorized));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task EveryOtherCallNeedsALiveSession()
    {
        await using var sps = SpsDouble.Start(new SpsDoubleOptions { IdleTimeout = TimeSpan.FromMilliseconds(400) });
        using var client = new DoubleTestClient(sps);
        using (var anonymous = await client.GetAsync("api/configuration/plugins"))
            Assert.Equal("Unauthenticated", await ErrorCode(anonymous, HttpStatusCode.Unauthorized));
        client.Cookies.Add(sps.BaseAddress, new Cookie("session_id", new string('a', 40)));
        using (var unknown = await client.GetAsync("api/configuration/plugins"))
            Assert.Equal("Unauthenticated", await ErrorCode(unknown, HttpStatusCode.Unauthorized));

        await client.LoggedInAsync();
        using (var live = await client.GetAsync("api/firmware/slots"))
        {
            var slot = (await Json(live, HttpStatusCode.OK))["items"]!.AsArray().Single()!["body"]!;
            Assert.Equal("7.5.0", slot["version"]!.GetValue<string>());
            Assert.True(slot["current"]!.GetValue<bool>());
        }
        await Task.Delay(700);
        using (var idle = await client.GetAsync("api/firmware/slots"))
            Assert.Equal("Unauthenticated", await ErrorCode(idle, HttpStatusCode.Unauthorized));

        await client.LoggedInAsync();
        sps.ExpireSessions();
        using var expired = await client.GetAsync("api/firmware/slots");
        Assert.Equal("Unauthenticated", await ErrorCode(expired, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task LoginMethodsAreListedAnonymouslyAndChooseTheBackend()
    {
        var options = new SpsDoubleOptions();
        options.Users.Add(new SpsDoubleUser("carol", "ldap-password", "ldap"));
        await using var sps = SpsDouble.Start(options);
        using var client = new DoubleTestClient(sps);
        using (var methods = await client.GetAsync("api/authentication/login_methods"))
        {
            var listed = (await Json(methods, HttpStatusCode.OK))["login_methods"]!.AsArray().Select(m => m!.GetValue<string>());
            Assert.Equal(new[] { "local", "ldap" }, listed);
        }
        using (var local = await client.LoginAsync("carol", "ldap-password"))
            Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        using (var ldap = await client.LoginAsync("carol", "ldap-password", "?login_method=ldap"))
            Assert.Equal("carol", (await Json(ldap, HttpStatusCode.OK))["body"]!["user"]!.GetValue<string>());
        using var unknown = await client.LoginAsync(query: "?login_method=radius");
        Assert.Equal("Unauthenticated", await ErrorCode(unknown, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task X509LoginTakesTheCommonNameOfACertificateFromTheClientCa()
    {
        await using var sps = SpsDouble.Start();
        using var certificate = sps.ClientCertificate("admin");
        using var client = new DoubleTestClient(sps, certificate);
        using var response = await client.GetAsync("api/authentication?type=x509");
        Assert.Equal("admin", (await Json(response, HttpStatusCode.OK))["body"]!["user"]!.GetValue<string>());

        await using var other = SpsDouble.Start();
        using var foreign = other.ClientCertificate("admin");
        using var stranger = new DoubleTestClient(sps, foreign);
        using var refused = await stranger.GetAsync("api/authentication?type=x509");
        Assert.Equal("Unauthenticated", await ErrorCode(refused, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task TheServerCertificateIsIssuedByTheCaAndUntrustedOtherwise()
    {
        await using var sps = SpsDouble.Start();
        Assert.Equal(sps.CaCertificate.Subject, sps.ServerCertificate.Issuer);
        Assert.False(sps.CaCertificate.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(sps.CaCertificatePath));
        using var untrusting = new HttpClient { BaseAddress = sps.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("api/authentication/login_methods"));
    }

    [Fact]
    public async Task OpeningATransactionWithoutALengthIs411()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        var cookie = client.Cookies.GetCookies(sps.BaseAddress)["session_id"]!.Value;
        var (withoutLength, _) = await RawRequestAsync(sps, $"POST /api/transaction HTTP/1.1\r\nHost: {sps.Appliance}\r\nCookie: session_id={cookie}\r\nConnection: close\r\n\r\n");
        Assert.Equal(411, withoutLength);
        var (withLength, text) = await RawRequestAsync(sps, $"POST /api/transaction HTTP/1.1\r\nHost: {sps.Appliance}\r\nCookie: session_id={cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, withLength);
        Assert.Contains("\"status\":\"open\"", text);
    }

    [Fact]
    public async Task AnUploadIsPendingUntilCommitAndCancelDiscardsIt()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        using var other = await new DoubleTestClient(sps).LoggedInAsync();

        using (var upload = await client.UploadAsync(PluginZip.Make()))
        {
            var body = await Json(upload, HttpStatusCode.Created);
            var key = body["key"]!.GetValue<string>();
            Assert.Equal($"/api/configuration/plugins/aa/{key}", body["meta"]!["href"]!.GetValue<string>());
            Assert.Equal("/api/configuration/plugins/aa", body["meta"]!["parent"]!.GetValue<string>());
            Assert.Equal("/opt/scb/var/plugins/aa/demo", body["body"]!["path"]!.GetValue<string>());
            Assert.Equal("1.7", body["body"]!["api"]!.GetValue<string>());
        }
        using (var status = await client.GetAsync("api/transaction"))
        {
            var transaction = await Json(status, HttpStatusCode.OK);
            Assert.Equal("open", transaction["body"]!["status"]!.GetValue<string>());
            Assert.InRange(transaction["meta"]!["remaining_seconds"]!.GetValue<int>(), 590, 600);
        }
        using (var changes = await client.GetAsync("api/transaction/changes"))
            Assert.Single((await Json(changes, HttpStatusCode.OK))["changes"]!.AsArray());
        Assert.Single(await ListAsync(client, "aa"));
        Assert.Empty(await ListAsync(other, "aa"));
        Assert.Empty(sps.Plugins("aa"));

        using (var cancel = await client.SendAsync(HttpMethod.Delete, "api/transaction"))
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Empty(await ListAsync(client, "aa"));

        var installedKey = await client.InstallAsync(PluginZip.Make());
        Assert.Equal(installedKey, Assert.Single(sps.Plugins("aa")).Key);
        Assert.Single(await ListAsync(other, "aa"));
        using (var one = await other.GetAsync($"api/configuration/plugins/aa/{installedKey}"))
            Assert.Equal("demo", (await Json(one, HttpStatusCode.OK))["body"]!["name"]!.GetValue<string>());
        using (var missing = await other.GetAsync("api/configuration/plugins/aa/nope"))
            Assert.Equal("NotFound", await ErrorCode(missing, HttpStatusCode.NotFound));

        Assert.Equal(installedKey, await client.InstallAsync(PluginZip.Make(version: "2.0.0")));
        Assert.Equal("2.0.0", Assert.Single(sps.Plugins("aa")).Version);
    }

    [Fact]
    public async Task AnEmptyPutCommitsAndTheTypesAreListed()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        using (var upload = await client.UploadAsync(PluginZip.Make(type: "credentialstore")))
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        using (var commit = await client.SendAsync(HttpMethod.Put, "api/transaction"))
            Assert.Equal("closed", (await Json(commit, HttpStatusCode.OK))["body"]!["status"]!.GetValue<string>());
        Assert.Single(sps.Plugins("credentialstore"));
        using var types = await client.GetAsync("api/configuration/plugins");
        Assert.Equal(new[] { "aa", "configuration_sync", "credentialstore", "signingca" },
            (await Json(types, HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherHoldersTransactionLockIs409()
    {
        await using var sps = SpsDouble.Start();
        using var first = await new DoubleTestClient(sps).LoggedInAsync();
        using var second = await new DoubleTestClient(sps).LoggedInAsync();
        using (var open = await first.OpenTransactionAsync()) Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using (var locked = await second.OpenTransactionAsync())
            Assert.Equal("TransactionLocked", await ErrorCode(locked, HttpStatusCode.Conflict));
        using (var upload = await second.UploadAsync(PluginZip.Make()))
            Assert.Equal("TransactionLocked", await ErrorCode(upload, HttpStatusCode.Conflict));
        using (var cancel = await first.SendAsync(HttpMethod.Delete, "api/transaction")) Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        sps.HoldTransactionLock("webadmin");
        using (var held = await first.UploadAsync(PluginZip.Make()))
        {
            var error = (await Json(held, HttpStatusCode.Conflict))["error"]!;
            Assert.Equal("webadmin", error["details"]!["locked_by"]!.GetValue<string>());
        }
        sps.ReleaseLock();
        using var free = await first.UploadAsync(PluginZip.Make());
        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
    }

    [Fact]
    public async Task ATransactionTimesOutAndDropsItsChanges()
    {
        await using var sps = SpsDouble.Start(new SpsDoubleOptions { TransactionTimeout = TimeSpan.FromMilliseconds(300) });
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        using (var upload = await client.UploadAsync(PluginZip.Make())) Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await Task.Delay(500);
        using (var status = await client.GetAsync("api/transaction"))
            Assert.Equal("closed", (await Json(status, HttpStatusCode.OK))["body"]!["status"]!.GetValue<string>());
        using var commit = await client.CommitAsync();
        Assert.Equal("SemanticError", await ErrorCode(commit, HttpStatusCode.BadRequest));
        Assert.Empty(sps.Plugins("aa"));
    }

    [Fact]
    public async Task UploadsOverTheLimitAre413()
    {
        await using var sps = SpsDouble.Start(new SpsDoubleOptions { MaxBodyBytes = 2000 });
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        using var response = await client.UploadAsync(PluginZip.Make(padding: 5000));
        Assert.Equal("PayloadTooLarge", await ErrorCode(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [Theory]
    [InlineData("no-manifest")]
    [InlineData("unknown-type")]
    [InlineData("not-a-zip")]
    [InlineData("api-too-new")]
    [InlineData("release-above-max")]
    [InlineData("release-below-min")]
    public async Task BadOrUnsupportedPluginsAre400InvalidPlugin(string kind)
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        var zip = kind switch
        {
            "no-manifest" => PluginZip.MakeRaw(("main.py", "")),
            "unknown-type" => PluginZip.Make(type: "audit"),
            "not-a-zip" => Encoding.ASCII.GetBytes("not a zip at all"),
            "api-too-new" => PluginZip.Make(api: "1.8"),
            "release-above-max" => PluginZip.Make(extraManifest: "scb_max_version: 7.4\n"),
            _ => PluginZip.Make(extraManifest: "scb_min_version: 7.6\n"),
        };
        using var response = await client.UploadAsync(zip);
        Assert.Equal("InvalidPlugin", await ErrorCode(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task APluginWithinItsWindowIsAccepted()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        using var response = await client.UploadAsync(PluginZip.Make(api: "1.1", extraManifest: "scb_min_version: 7.0\nscb_max_version: 7.5\n"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AFailedDeploymentIs422AndLeavesNoFilesOnDisk()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        sps.SetFault(DoubleFault.DeployFail());
        using (var response = await client.UploadAsync(PluginZip.Make()))
            Assert.Equal("TransactionProcessingError", await ErrorCode(response, HttpStatusCode.UnprocessableEntity));
        using (var commit = await client.CommitAsync()) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        var plugin = Assert.Single(sps.Plugins("aa"));
        Assert.Empty(plugin.DeployedEntries);
        Assert.Equal("failed", (await IntegrityAsync(client, plugin.Key))["zip_content"]!["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheIntegrityCheckComparesTheStoredZipAndTheDisk()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        var key = await client.InstallAsync(PluginZip.Make());
        var clean = await IntegrityAsync(client, key);
        Assert.All(new[] { "zip_checksum", "zip_content", "unregistered" }, op => Assert.Equal("passed", clean[op]!["verdict"]!.GetValue<string>()));

        sps.RemoveDeployedFile("aa", key, "main.py");
        var missingFile = await IntegrityAsync(client, key);
        Assert.Equal("failed", missingFile["zip_content"]!["verdict"]!.GetValue<string>());
        Assert.Contains("main.py", missingFile["zip_content"]!["reason"]!.GetValue<string>());
        Assert.Equal("passed", missingFile["zip_checksum"]!["verdict"]!.GetValue<string>());

        sps.TamperPlugin("aa", key);
        Assert.Equal("failed", (await IntegrityAsync(client, key))["zip_checksum"]!["verdict"]!.GetValue<string>());

        sps.AddUnregistered("aa", "leftover");
        var unregistered = await IntegrityAsync(client, key);
        Assert.Equal("failed", unregistered["unregistered"]!["verdict"]!.GetValue<string>());
        Assert.Contains("leftover", unregistered["unregistered"]!["reason"]!.GetValue<string>());

        using var unknown = await client.GetAsync("api/plugin/integrity?key=nope&plugin_type=aa&ops=zip_checksum");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task DeletingIsRefusedWhileInUseAndUnknownKeysAre404()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        var key = await client.InstallAsync(PluginZip.Make());
        using (var unknown = await client.SendAsync(HttpMethod.Delete, "api/configuration/plugins/aa/nope"))
            Assert.Equal("NotFound", await ErrorCode(unknown, HttpStatusCode.NotFound));
        sps.MarkInUse("aa", key);
        using (var inUse = await client.SendAsync(HttpMethod.Delete, $"api/configuration/plugins/aa/{key}"))
            Assert.Equal("SemanticError", await ErrorCode(inUse, HttpStatusCode.BadRequest));
        sps.MarkInUse("aa", key, false);
        using (var deleted = await client.SendAsync(HttpMethod.Delete, $"api/configuration/plugins/aa/{key}"))
        {
            var body = await Json(deleted, HttpStatusCode.OK);
            Assert.Null(body["body"]);
            Assert.Equal($"/api/configuration/plugins/aa/{key}", body["meta"]!["href"]!.GetValue<string>());
        }
        Assert.Single(sps.Plugins("aa"));
        using (var commit = await client.CommitAsync()) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Empty(sps.Plugins("aa"));
    }

    [Fact]
    public async Task SealedModeRefusesUploadsAndDeletes()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        var key = await client.InstallAsync(PluginZip.Make());
        sps.Seal(true);
        using (var upload = await client.UploadAsync(PluginZip.Make(name: "other")))
            Assert.Equal("SealedMode", await ErrorCode(upload, HttpStatusCode.Forbidden));
        using (var delete = await client.SendAsync(HttpMethod.Delete, $"api/configuration/plugins/aa/{key}"))
            Assert.Equal("SealedMode", await ErrorCode(delete, HttpStatusCode.Forbidden));
        sps.Seal(false);
        using var unsealed = await client.UploadAsync(PluginZip.Make(name: "other"));
        Assert.Equal(HttpStatusCode.Created, unsealed.StatusCode);
    }

    [Theory]
    [InlineData("7.5.0", "Mozilla/5.0 (X11; Linux x86_64)", false, HttpStatusCode.Forbidden)]
    [InlineData("7.5.0", "Mozilla/5.0 (X11; Linux x86_64)", true, HttpStatusCode.OK)]
    [InlineData("7.5.0", "safeguard-ps", false, HttpStatusCode.OK)]
    [InlineData("7.4.0", "Mozilla/5.0 (X11; Linux x86_64)", false, HttpStatusCode.OK)]
    public async Task BrowsersNeedAnXTokenFromSps75(string release, string userAgent, bool sendToken, HttpStatusCode expected)
    {
        await using var sps = SpsDouble.Start(new SpsDoubleOptions { Release = release });
        using var client = await new DoubleTestClient(sps).LoggedInAsync();
        client.Headers.UserAgent.Clear();
        client.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (sendToken) client.Headers.Add("X-Token", "token-from-the-web-ui");
        using var response = await client.OpenTransactionAsync();
        if (expected == HttpStatusCode.Forbidden) Assert.Equal("XTokenRequired", await ErrorCode(response, expected));
        else Assert.Equal(expected, response.StatusCode);
        var recorded = sps.Requests.Last();
        Assert.Equal(sendToken, recorded.HadXToken);
        Assert.Equal(userAgent, recorded.UserAgent);
    }

    [Fact]
    public async Task FaultsMakeTheDoubleMisbehaveOnce()
    {
        await using var sps = SpsDouble.Start();
        using var client = await new DoubleTestClient(sps, timeout: TimeSpan.FromMilliseconds(300)).LoggedInAsync();

        sps.SetFault(DoubleFault.Flaky(2));
        foreach (var expected in new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK })
        {
            using var response = await client.GetAsync("api/transaction");
            Assert.Equal(expected, response.StatusCode);
        }

        sps.SetFault(DoubleFault.FailNext("/api/transaction", 500, "InternalError"));
        using (var failed = await client.CommitAsync()) Assert.Equal("InternalError", await ErrorCode(failed, HttpStatusCode.InternalServerError));

        sps.SetFault(DoubleFault.DropConnection(1000));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.UploadAsync(PluginZip.Make(padding: 50_000)));
        // The double records an aborted request after the abort, which the client may see first: wait for it.
        var clock = Stopwatch.StartNew();
        while (!sps.Requests.Any(r => r.Path == "/api/upload/plugins") && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        Assert.Equal(0, sps.Requests.Last(r => r.Path == "/api/upload/plugins").Status);
        Assert.Empty(sps.Plugins("aa"));

        sps.SetFault(DoubleFault.Slow(TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.GetAsync("api/transaction"));
        sps.ClearFaults();
        using var healthy = await client.GetAsync("api/transaction");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task SeveralDoublesRunAtOnceWithTheirOwnState()
    {
        await using var first = SpsDouble.Start();
        await using var second = SpsDouble.Start(new SpsDoubleOptions { Release = "6.0.0" });
        Assert.NotEqual(first.Appliance, second.Appliance);
        using var client = await new DoubleTestClient(first).LoggedInAsync();
        await client.InstallAsync(PluginZip.Make());
        Assert.Single(first.Plugins("aa"));
        Assert.Empty(second.Plugins("aa"));
        using var old = await new DoubleTestClient(second).LoggedInAsync();
        using var types = await old.GetAsync("api/configuration/plugins");
        Assert.Equal(new[] { "aa", "credentialstore" }, (await Json(types, HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheConsoleHostPrintsOneLineServesControlCallsAndStopsWhenStdinCloses()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SpsPlugin.SpsDouble.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--release");
        start.ArgumentList.Add("7.4.0");
        using var host = Process.Start(start)!;
        try
        {
            var first = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            if (first is null)
            {
                host.Kill();
                Assert.Fail("the host printed nothing: " + await host.StandardError.ReadToEndAsync());
            }
            var line = (JsonObject)JsonNode.Parse(first)!;
            Assert.Equal(host.Id, line["pid"]!.GetValue<int>());
            var url = new Uri(line["url"]!.GetValue<string>());
            Assert.Equal($"127.0.0.1:{url.Port}", line["appliance"]!.GetValue<string>());
            using var ca = X509CertificateLoader.LoadCertificateFromFile(line["caCertificatePath"]!.GetValue<string>());
            using var pfx = X509CertificateLoader.LoadPkcs12FromFile(line["clientCertificatePath"]!.GetValue<string>(), line["clientCertificatePassword"]!.GetValue<string>());
            Assert.Equal("CN=admin", pfx.Subject);

            using var http = new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                    string.Equals(certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), line["thumbprint"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            }) { BaseAddress = url };
            using (var refused = await http.PostAsync("__double/seal", new StringContent("{\"sealed\":true}")))
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var control = new HttpRequestMessage(HttpMethod.Post, "__double/seal") { Content = new StringContent("{\"sealed\":true}") };
            control.Headers.Add("X-Double-Control", line["controlToken"]!.GetValue<string>());
            using (var sealedResponse = await http.SendAsync(control)) Assert.Equal(HttpStatusCode.OK, sealedResponse.StatusCode);
            using (var methods = await http.GetAsync("api/authentication/login_methods")) Assert.Equal(HttpStatusCode.OK, methods.StatusCode);

            host.StandardInput.Close();
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            if (!host.HasExited) host.Kill();
        }
    }

    private static async Task<JsonObject> IntegrityAsync(DoubleTestClient client, string key)
    {
        using var response = await client.GetAsync($"api/plugin/integrity?key={key}&plugin_type=aa&ops=zip_checksum&ops=zip_content&ops=unregistered");
        return (JsonObject)(await Json(response, HttpStatusCode.OK))["body"]!;
    }

    private static async Task<JsonArray> ListAsync(DoubleTestClient client, string type)
    {
        using var response = await client.GetAsync($"api/configuration/plugins/{type}");
        return (await Json(response, HttpStatusCode.OK))["items"]!.AsArray();
    }

    // HttpClient always sends a length or chunks a body, so the 411 case needs a hand-written request.
    private static async Task<(int Status, string Text)> RawRequestAsync(SpsDouble sps, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, sps.BaseAddress.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == sps.ServerCertificate.GetCertHashString());
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return (int.Parse(text.Split(' ')[1]), text);
    }
}
