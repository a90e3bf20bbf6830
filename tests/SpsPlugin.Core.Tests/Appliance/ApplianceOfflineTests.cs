using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using SpsPlugin.IO;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// The client's pieces that need no appliance: addresses, thumbprints, both transaction shapes, the
/// error classification, and the transport's retry and timeout rules against raw sockets that drop
/// or stall every connection (the SPS double covers the conversations).
/// </summary>
public sealed class ApplianceOfflineTests
{
    [Theory]
    [InlineData("sps.example.com", "sps.example.com", "https://sps.example.com/")]
    [InlineData("10.0.0.5:8443", "10.0.0.5:8443", "https://10.0.0.5:8443/")]
    [InlineData("https://sps.example.com:443", "sps.example.com", "https://sps.example.com/")]
    [InlineData(" HTTPS://SPS.example.com/ ", "sps.example.com", "https://sps.example.com/")]
    public void AcceptsHostPortAndHttpsAddresses(string given, string display, string baseAddress)
    {
        var address = ApplianceAddress.Parse(given);
        Assert.Equal(display, address.Display);
        Assert.Equal(baseAddress, address.BaseAddress.ToString());
    }

    [Theory]
    [InlineData("http://sps.example.com", "http:// is not allowed")]
    [InlineData("sps.example.com/api", "has a path")]
    [InlineData("https://user@sps.example.com", "user name")]
    [InlineData("", "empty")]
    public void RefusesAddressesThatWouldLeakOrMislead(string given, string reason)
    {
        var failure = Assert.Throws<SpsPluginException>(() => ApplianceAddress.Parse(given));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
        Assert.Contains(reason, failure.Message);
        Assert.Contains("host:port", failure.Message);
    }

    [Fact]
    public void ReadsThumbprintsWithSeparatorsAndRefusesOtherLengths()
    {
        Assert.Equal("274289302022FF3135B95C3FE9BB259A46B05217",
            ServerCertificateTrust.NormaliseThumbprint("27:42:89:30:20:22:ff:31:35:b9:5c:3f:e9:bb:25:9a:46:b0:52:17"));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid,
            Assert.Throws<SpsPluginException>(() => ServerCertificateTrust.NormaliseThumbprint("27:42")).ErrorId);
    }

    [Theory]
    [InlineData("{\"key\":\"transaction\",\"meta\":{\"href\":\"/api/transaction\"},\"transaction\":{\"status\":\"closed\"}}", "closed", null, 0)]
    [InlineData("{\"body\":{\"status\":\"open\",\"commit_message\":\"m\"},\"meta\":{\"remaining_seconds\":598,\"changes\":[{\"a\":1},{\"b\":2}]}}", "open", 598L, 2)]
    public void ReadsBothDocumentedTransactionShapes(string json, string status, long? remaining, int changes)
    {
        var transaction = ApplianceTransactions.Read(null!, "sps", MiniJson.Parse(json), _ => null);
        Assert.Equal(status, transaction.Status);
        Assert.Equal(remaining, transaction.RemainingSeconds);
        Assert.Equal(changes, transaction.Changes!.Count);
    }

    [Theory]
    [InlineData(411, "{}", "ApplianceLengthRequired")]
    [InlineData(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The appliance is sealed\"}}", "ApplianceSealed")]
    [InlineData(409, "{\"error\":{\"code\":\"Conflict\"}}", "ApplianceTransactionConflict")]
    [InlineData(400, "{\"error\":{\"code\":\"ConfigurationLocked\",\"message\":\"locked by bob\"}}", "ApplianceTransactionConflict")]
    [InlineData(500, "<html>proxy</html>", "ApplianceRequestFailed")]
    public void ClassifiesErrorAnswers(int status, string text, string id)
    {
        var failure = Assert.Throws<SpsPluginException>(() => Fail(status, text, null));
        Assert.Equal(id, failure.ErrorId.Id);
        Assert.Contains("sps:4443: POST /api/transaction answered " + status, failure.Message);
    }

    [Fact]
    public void NamesSpsErrorCodeMessageAndDetailsForARefusedUpload()
    {
        var failure = Assert.Throws<SpsPluginException>(() => Fail(400,
            "{\"error\":{\"code\":\"InvalidPlugin\",\"message\":\"bad MANIFEST\",\"details\":{\"reason\":\"api 9.9\"}}}", ApplianceFailures.ForUpload));
        Assert.Equal(SpsPluginErrorId.PluginUploadRefused, failure.ErrorId);
        Assert.Contains("InvalidPlugin: bad MANIFEST (details: {\"reason\": \"api 9.9\"})", failure.Message);
        var deployment = Assert.Throws<SpsPluginException>(() => Fail(422, "{\"error\":{\"code\":\"TransactionProcessingError\"}}", ApplianceFailures.ForUpload));
        Assert.Equal(SpsPluginErrorId.PluginDeploymentFailed, deployment.ErrorId);
        Assert.Contains("uploaded but not deployed", deployment.Message);
    }

    [Fact]
    public void TellsAPluginInUseFromAMissingOne()
    {
        Assert.Equal(SpsPluginErrorId.PluginInUse, Assert.Throws<SpsPluginException>(() =>
            Fail(400, "{\"error\":{\"code\":\"SemanticError\",\"message\":\"still used by an AA Plugin Configuration\"}}", ApplianceFailures.ForRemove)).ErrorId);
        Assert.Equal(SpsPluginErrorId.PluginNotInstalled, Assert.Throws<SpsPluginException>(() =>
            Fail(404, "{\"error\":{\"code\":\"NotFound\"}}", ApplianceFailures.ForRemove)).ErrorId);
    }

    [Fact]
    public void RetriesALoginGetThatLosesItsConnectionThreeTimes()
    {
        using var server = new DroppingServer(stall: false);
        var watch = Stopwatch.StartNew();
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(Options(server.Port, TimeSpan.FromSeconds(10))));
        Assert.Equal(SpsPluginErrorId.ApplianceUnreachable, failure.ErrorId);
        Assert.Equal(3, server.Connections);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.DoesNotContain("double-password-1", failure.ToString());
    }

    [Fact]
    public void StopsAStalledCallWithinItsTimeout()
    {
        using var server = new DroppingServer(stall: true);
        var watch = Stopwatch.StartNew();
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(Options(server.Port, TimeSpan.FromSeconds(1))));
        Assert.Equal(SpsPluginErrorId.ApplianceTimeout, failure.ErrorId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Contains("within 1 s", failure.Message);
    }

    [Fact]
    public void RefusesToConnectWithoutAWayToLogIn()
    {
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(new SpsApplianceConnectionOptions { Appliance = "127.0.0.1:1", UserName = "admin" }));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
    }

    private static void Fail(int status, string text, Func<int, ApplianceError, SpsPluginErrorId?>? special)
    {
        object? body;
        try
        {
            body = MiniJson.Parse(text);
        }
        catch (FormatException)
        {
            body = null;
        }
        var response = new SpsApplianceResponse("sps:4443", "POST", "/api/transaction", status, "application/json",
            new Dictionary<string, string>(), text, body, null);
        ApplianceFailures.ThrowIfFailed("sps:4443", new SpsApplianceRequest("POST", "transaction"), response, special);
    }

    internal static SpsApplianceConnectionOptions Options(int port, TimeSpan timeout)
    {
        var password = new SecureString();
        foreach (var c in "double-password-1")
        {
            password.AppendChar(c);
        }
        return new SpsApplianceConnectionOptions
        {
            Appliance = "127.0.0.1:" + port,
            UserName = "admin",
            Password = password,
            SkipCertificateCheck = true,
            Timeout = timeout,
            RetryDelay = TimeSpan.FromMilliseconds(50),
        };
    }

    /// <summary>A TCP listener that closes (or holds silent) every connection, counting them.</summary>
    private sealed class DroppingServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> held = new();
        private int connections;

        public DroppingServer(bool stall)
        {
            listener.Start();
            Task.Run(async () =>
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync();
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    Interlocked.Increment(ref connections);
                    if (stall)
                    {
                        lock (held)
                        {
                            held.Add(client);
                        }
                    }
                    else
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Dispose();
                    }
                }
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref connections);

        public void Dispose()
        {
            listener.Stop();
            lock (held)
            {
                held.ForEach(c => c.Dispose());
            }
        }
    }
}
