using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpsPlugin.ApplianceDouble;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// The REST client end to end against the SPS double (tests/SpsPlugin.SpsDouble): an HTTPS server on
/// loopback that answers as the reference documents SPS does.
/// </summary>
public sealed class ApplianceDoubleTests : IDisposable
{
    private readonly SpsDouble appliance = SpsDouble.Start(new SpsDoubleOptions());

    public void Dispose() => appliance.Dispose();

    [Fact]
    public void RefusesToReadAnAnswerLargerThanTheCapIntoMemory()
    {
        var options = Options();
        options.MaxAnswerChars = 64;
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(options));
        Assert.Equal(SpsPluginErrorId.ApplianceRequestFailed, failure.ErrorId);
        Assert.Contains("GET /api/authentication is larger than 64 characters", failure.Message);
        Assert.Contains("-OutFile", failure.Message);
        options.MaxAnswerChars = 64 * 1024;
        using var session = SpsApplianceSession.Connect(options);
        Assert.NotNull(session.Invoke(new SpsApplianceRequest("GET", "firmware/slots")).Body);
    }

    [Fact]
    public void AnOutFileThatCannotBeWrittenIsWriteFailedAndTheGetIsNotRepeated()
    {
        using var session = SpsApplianceSession.Connect(Options());
        var blocker = Path.Combine(Path.GetTempPath(), "spsplugin-outfile-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(blocker, "a file where a folder would have to be");
        try
        {
            var before = appliance.Requests.Count(r => r.Path == "/api/firmware/slots");
            var failure = Assert.Throws<SpsPluginException>(() =>
                session.Invoke(new SpsApplianceRequest("GET", "firmware/slots") { OutFile = Path.Combine(blocker, "slots.json") }));
            Assert.Equal(SpsPluginErrorId.WriteFailed, failure.ErrorId);
            Assert.Equal(before + 1, appliance.Requests.Count(r => r.Path == "/api/firmware/slots"));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public void LogsInWithBasicAndReadsTheRelease()
    {
        using var session = SpsApplianceSession.Connect(Options());
        Assert.Equal("admin", session.UserName);
        Assert.Equal(SpsApplianceAuthenticationType.Basic, session.AuthenticationType);
        Assert.Equal("7.5.0", session.Release);
        Assert.Equal("/api/firmware/slots", session.ReleaseSource);
        Assert.Equal(appliance.ServerCertificate.Thumbprint, session.ServerCertificateThumbprint);
        Assert.All(appliance.Requests, r => Assert.StartsWith("SpsPlugin/", r.UserAgent));
        Assert.DoesNotContain(appliance.Requests, r => (r.UserAgent ?? string.Empty).Contains("Mozilla"));
    }

    [Fact]
    public void LogsInWithALoginMethodAndWithACertificate()
    {
        var withMethod = Options();
        withMethod.LoginMethod = "local";
        using (var session = SpsApplianceSession.Connect(withMethod))
        {
            Assert.Equal(SpsApplianceAuthenticationType.LoginMethod, session.AuthenticationType);
        }
        Assert.Contains(appliance.Requests, r => r.Path == "/api/authentication" && r.Query.Contains("login_method=local") && r.Status == 200);

        var withCertificate = Options();
        withCertificate.UserName = null;
        withCertificate.Password = null;
        withCertificate.ClientCertificate = appliance.ClientCertificate("admin");
        using var byCertificate = SpsApplianceSession.Connect(withCertificate);
        Assert.Equal(SpsApplianceAuthenticationType.Certificate, byCertificate.AuthenticationType);
        Assert.Equal("admin", byCertificate.UserName);
        Assert.Contains(appliance.Requests, r => r.Path == "/api/authentication" && r.Query.Contains("type=x509") && r.Status == 200);
    }

    [Fact]
    public void RefusesAWrongPasswordWithoutShowingIt()
    {
        var options = Options("wrong-password-7");
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(options));
        Assert.Equal(SpsPluginErrorId.ApplianceLoginFailed, failure.ErrorId);
        Assert.Contains("admin", failure.Message);
        Assert.DoesNotContain("wrong-password-7", failure.ToString());
    }

    [Fact]
    public void RefusesTheDoublesCertificateUnlessTrusted()
    {
        var untrusted = Options();
        untrusted.SkipCertificateCheck = false;
        var failure = Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(untrusted));
        Assert.Equal(SpsPluginErrorId.ApplianceCertificateUntrusted, failure.ErrorId);
        Assert.Contains(appliance.ServerCertificate.Thumbprint, failure.Message);
        Assert.Contains(appliance.ServerCertificate.Subject, failure.Message);
        Assert.Contains("-TrustedCertificate", failure.Message);

        var unrelated = Options();
        unrelated.SkipCertificateCheck = false;
        using (var other = SpsDouble.Start(new SpsDoubleOptions()))
        {
            unrelated.TrustedCertificates.Add(other.CaCertificate);
            Assert.Equal(SpsPluginErrorId.ApplianceCertificateUntrusted,
                Assert.Throws<SpsPluginException>(() => SpsApplianceSession.Connect(unrelated)).ErrorId);
        }

        var byCa = Options();
        byCa.SkipCertificateCheck = false;
        byCa.TrustedCertificates.Add(appliance.CaCertificate);
        using (SpsApplianceSession.Connect(byCa))
        {
        }

        var bySha256 = Options();
        bySha256.SkipCertificateCheck = false;
        bySha256.TrustedThumbprints.Add(Convert.ToHexString(SHA256.HashData(appliance.ServerCertificate.RawData)));
        using (SpsApplianceSession.Connect(bySha256))
        {
        }
    }

    [Fact]
    public void RenewsAnIdleSessionForAGetButNotForAChange()
    {
        // One second of idleness, and logins counted from after Connect, whose own calls may take a while on a
        // loaded machine: the renewal is exactly one more login.
        using var idle = SpsDouble.Start(new SpsDoubleOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        var options = Options(target: idle);
        options.IdleTimeout = TimeSpan.FromSeconds(1);
        using var session = SpsApplianceSession.Connect(options);
        int Logins() => idle.Requests.Count(r => r.Path == "/api/authentication" && r.Status == 200);
        var before = Logins();
        Thread.Sleep(1300);
        Assert.False(session.GetTransaction().IsOpen);
        Assert.Equal(before + 1, Logins());

        Thread.Sleep(1300);
        var failure = Assert.Throws<SpsPluginException>(() => session.OpenTransaction());
        Assert.Equal(SpsPluginErrorId.ApplianceSessionExpired, failure.ErrorId);
        Assert.DoesNotContain(idle.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void DoesNotRenewASessionWhoseTransactionIsOpen()
    {
        using var session = SpsApplianceSession.Connect(Options());
        session.OpenTransaction();
        appliance.ExpireSessions();
        var failure = Assert.Throws<SpsPluginException>(() => session.GetTransaction());
        Assert.Equal(SpsPluginErrorId.ApplianceSessionExpired, failure.ErrorId);
        Assert.Contains("transaction", failure.Message);
        Assert.Equal(1, appliance.Requests.Count(r => r.Path == "/api/authentication"));
    }

    [Fact]
    public void OpensCommitsAndCancelsTransactionsWithABody()
    {
        using var session = SpsApplianceSession.Connect(Options());
        var opened = session.OpenTransaction();
        Assert.True(opened.IsOpen);
        Assert.NotNull(opened.RemainingSeconds);
        Assert.DoesNotContain(appliance.Requests, r => r.Status == 411);
        Assert.Contains(appliance.Requests, r => r.Method == "POST" && r.Path == "/api/transaction" && r.ContentLength > 0);
        Assert.False(session.CommitTransaction("from the tests").IsOpen);
        session.OpenTransaction();
        Assert.False(session.CancelTransaction().IsOpen);
    }

    [Fact]
    public void UploadsAPluginAndListsIt()
    {
        using var session = SpsApplianceSession.Connect(Options());
        session.OpenTransaction();
        var zip = PluginZip("ticket_gate", "1.2.0");
        var sent = new ProgressLog();
        var uploaded = session.UploadPlugin(new MemoryStream(zip), zip.Length, sent);
        Assert.Equal("ticket_gate", uploaded.Name);
        Assert.Equal("1.2.0", uploaded.Version);
        Assert.Equal("aa", uploaded.Type);
        Assert.Equal(zip.Length, sent.Last);
        session.CommitTransaction();
        var listed = Assert.Single(session.GetInstalledPlugins(SpsPluginType.Aa, "TICKET*"));
        Assert.Equal(uploaded.Key, listed.Key);
        Assert.Empty(session.GetInstalledPlugins(null, "other*"));
        Assert.Single(appliance.Requests, r => r.Path == "/api/upload/plugins" && r.ContentType == "application/zip");
    }

    [Fact]
    public void NamesSpsDetailsOfARefusedUploadAndAFailedDeployment()
    {
        using var session = SpsApplianceSession.Connect(Options());
        session.OpenTransaction();
        var bad = Encoding.ASCII.GetBytes("not a zip");
        var refused = Assert.Throws<SpsPluginException>(() => session.UploadPlugin(new MemoryStream(bad), bad.Length));
        Assert.Equal(SpsPluginErrorId.PluginUploadRefused, refused.ErrorId);
        Assert.Contains("InvalidPlugin", refused.Message);

        appliance.SetFault(DoubleFault.DeployFail());
        var zip = PluginZip("ticket_gate", "1.2.0");
        var failed = Assert.Throws<SpsPluginException>(() => session.UploadPlugin(new MemoryStream(zip), zip.Length));
        Assert.Equal(SpsPluginErrorId.PluginDeploymentFailed, failed.ErrorId);
        Assert.Contains("uploaded but not deployed", failed.Message);
    }

    [Fact]
    public void NeverRetriesAnUploadWhoseConnectionDropped()
    {
        using var session = SpsApplianceSession.Connect(Options());
        session.OpenTransaction();
        appliance.SetFault(DoubleFault.DropConnection(64 * 1024));
        var zip = PluginZip("ticket_gate", "1.2.0", padding: 512 * 1024);
        var failure = Assert.Throws<SpsPluginException>(() => session.UploadPlugin(new MemoryStream(zip), zip.Length));
        Assert.Equal(SpsPluginErrorId.ApplianceUnreachable, failure.ErrorId);
        Assert.Contains("not repeated", failure.Message);
        Assert.True(appliance.Requests.Count(r => r.Path == "/api/upload/plugins") <= 1);
    }

    [Fact]
    public void RetriesAFlakyGet()
    {
        using var session = SpsApplianceSession.Connect(Options());
        appliance.SetFault(DoubleFault.Flaky(2));
        Assert.False(session.GetTransaction().IsOpen);
        Assert.Equal(3, appliance.Requests.Count(r => r.Method == "GET" && r.Path == "/api/transaction"));
    }

    [Fact]
    public void StopsASlowCallWithinItsTimeout()
    {
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(0.5);
        using var session = SpsApplianceSession.Connect(options);
        appliance.SetFault(DoubleFault.Slow(TimeSpan.FromSeconds(1.5)));
        var watch = Stopwatch.StartNew();
        var failure = Assert.Throws<SpsPluginException>(() => session.GetTransaction());
        Assert.Equal(SpsPluginErrorId.ApplianceTimeout, failure.ErrorId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void NeverShowsTheCookieOrPassword()
    {
        using var session = SpsApplianceSession.Connect(Options());
        var cookie = (string)typeof(SpsApplianceSession).GetField("cookie", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(session)!;
        Assert.False(string.IsNullOrEmpty(cookie));
        var shown = string.Join("\n", typeof(SpsApplianceSession).GetProperties().Select(p => Convert.ToString(p.GetValue(session))))
            + session + Assert.Throws<SpsPluginException>(() => session.Invoke(new SpsApplianceRequest("GET", "nothing/here"))).ToString();
        var raw = session.Invoke(new SpsApplianceRequest("GET", "transaction"));
        shown += string.Join("\n", raw.Headers.Select(h => h.Key + h.Value)) + raw.Text;
        Assert.DoesNotContain(raw.Headers.Keys, k => k.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cookie, shown);
        Assert.DoesNotContain(SpsDoubleOptions.DefaultPassword, shown);
    }

    [Fact]
    public void ServesEightThreadsOnOneSessionAndThreeAppliancesAtOnce()
    {
        using var session = SpsApplianceSession.Connect(Options());
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.False(session.GetTransaction().IsOpen);
                session.GetInstalledPlugins();
            }
        });
        var doubles = Enumerable.Range(0, 3).Select(_ => SpsDouble.Start(new SpsDoubleOptions())).ToArray();
        try
        {
            var releases = doubles.AsParallel().Select(d =>
            {
                using var each = SpsApplianceSession.Connect(Options(target: d));
                each.OpenTransaction();
                var zip = PluginZip("ticket_gate", "1.0.0");
                each.UploadPlugin(new MemoryStream(zip), zip.Length);
                each.CommitTransaction();
                return each.GetInstalledPlugins(SpsPluginType.Aa).Count;
            }).ToArray();
            Assert.All(releases, count => Assert.Equal(1, count));
        }
        finally
        {
            Array.ForEach(doubles, d => d.Dispose());
        }
    }

    private SpsApplianceConnectionOptions Options(string password = SpsDoubleOptions.DefaultPassword, SpsDouble? target = null)
    {
        var secure = new SecureString();
        foreach (var c in password)
        {
            secure.AppendChar(c);
        }
        return new SpsApplianceConnectionOptions
        {
            Appliance = (target ?? appliance).Appliance,
            UserName = SpsDoubleOptions.DefaultUser,
            Password = secure,
            SkipCertificateCheck = true,
            Timeout = TimeSpan.FromSeconds(10),
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
    }

    private static byte[] PluginZip(string name, string version, int padding = 0)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open());
                writer.Write(text);
            }
            Add("MANIFEST", $"name: {name}\ntype: aa\napi: 1.0\nversion: {version}\nentry_point: main.py\ndescription: test\nscb_min_version: 6.0\nscb_max_version: 8.9\n");
            Add("main.py", "class Plugin(object):\n    pass\n");
            if (padding > 0)
            {
                using var noise = zip.CreateEntry("noise.bin", CompressionLevel.NoCompression).Open();
                noise.Write(RandomNumberGenerator.GetBytes(padding));
            }
        }
        return bytes.ToArray();
    }

    private sealed class ProgressLog : IProgress<long>
    {
        public long Last { get; private set; }

        public void Report(long value) => Last = value;
    }
}
