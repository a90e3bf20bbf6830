using System.Collections.Generic;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// Issue 15 follow-ups: the URL of a call never leaves /api/ (the session cookie goes with it), query values
/// never reach a message, a transaction's linked change list is read rather than counted as one change, and
/// a failed publish's Reason is its short cause.
/// </summary>
public sealed class ApplianceUrlTests
{
    private static readonly KeyValuePair<string, object?>[] NoQuery = new KeyValuePair<string, object?>[0];

    // Every spelling of "..": plain, percent-encoded in either case, half-encoded, with backslashes (which
    // .NET's Uri and some servers read as '/'), double-encoded (a proxy decodes once, the server again), and
    // with the slash itself encoded.
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/api/../admin")]
    [InlineData("api/..")]
    [InlineData("configuration/../../other")]
    [InlineData("%2e%2e/%2e%2e/other")]
    [InlineData("%2E%2E/%2E%2E/other")]
    [InlineData("%2E./%2e./other")]
    [InlineData(".%2e/.%2E/other")]
    [InlineData("..\\..\\other")]
    [InlineData("api\\..\\..\\other")]
    [InlineData("..%5c..%5cother")]
    [InlineData("%252e%252e/%252e%252e/other")]
    [InlineData("%25252e%25252e/%25252e%25252e/other")]
    [InlineData("..%2f..%2fother")]
    [InlineData("..%252f..%252fother")]
    [InlineData("transaction/../../other?password=hunter2")]
    public void RefusesEveryPathThatLeavesApi(string relativeUrl)
    {
        var failure = Assert.Throws<SpsPluginException>(() => ApplianceUrl.Of(relativeUrl, NoQuery));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
        Assert.Contains("leaves /api/", failure.Message);
        Assert.Contains("'" + ApplianceUrl.Mask(relativeUrl.Trim()) + "'", failure.Message);
        Assert.DoesNotContain("hunter2", failure.Message);
    }

    [Theory]
    [InlineData("https://evil.example/api/x")]
    [InlineData("//evil.example/api/x")]
    [InlineData("\\\\evil.example\\api\\x")]
    public void RefusesAbsoluteUrls(string relativeUrl)
    {
        var failure = Assert.Throws<SpsPluginException>(() => ApplianceUrl.Of(relativeUrl, NoQuery));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
        Assert.Contains("absolute URL", failure.Message);
    }

    [Theory]
    [InlineData("configuration/plugins", "/api/configuration/plugins")]
    [InlineData("/api/transaction", "/api/transaction")]
    [InlineData("api", "/api")]
    [InlineData("configuration/plugins/../../transaction", "/api/configuration/plugins/../../transaction")]
    [InlineData("configuration/./plugins", "/api/configuration/./plugins")]
    [InlineData("search?q=a..b", "/api/search?q=a..b")]
    public void KeepsPathsThatStayUnderApi(string relativeUrl, string sent)
    {
        Assert.Equal(sent, ApplianceUrl.Of(relativeUrl, NoQuery).Sent);
    }

    [Fact]
    public void TheTransportRefusesWhatTheRuntimesUriWouldMoveOutsideApi()
    {
        using var transport = new ApplianceTransport(ApplianceAddress.Parse("sps.example.com"), new SpsApplianceConnectionOptions());
        Assert.Equal("/api/transaction", transport.UrlOf(new SpsApplianceRequest("GET", "transaction")).Sent);
        var failure = Assert.Throws<SpsPluginException>(() => transport.UrlOf(new SpsApplianceRequest("GET", "%2e%2e/x")));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
    }

    [Fact]
    public void MasksEveryQueryValueButKeepsTheNames()
    {
        var query = new Dictionary<string, object?> { ["password"] = "hunter2", ["ops"] = new[] { "a", "b" }, ["flag"] = true };
        var url = ApplianceUrl.Of("authentication?token=s3cret", query);
        Assert.Equal("/api/authentication?token=s3cret&password=hunter2&ops=a&ops=b&flag=true", url.Sent);
        Assert.Equal($"/api/authentication?token={SecretMask.Text}&password={SecretMask.Text}&ops={SecretMask.Text}&ops={SecretMask.Text}&flag={SecretMask.Text}", url.Shown);
        var request = new SpsApplianceRequest("GET", "authentication?token=s3cret");
        request.Query["password"] = "hunter2";
        Assert.DoesNotContain("s3cret", request.ToString());
        Assert.DoesNotContain("hunter2", request.Check());
        Assert.Contains("password=" + SecretMask.Text, request.Check());
    }

    [Fact]
    public void RefusesAContentTypeWithALineBreakNamingIt()
    {
        var request = new SpsApplianceRequest("POST", "transaction") { ContentType = "application/json\r\nX-Evil: 1" };
        var failure = Assert.Throws<SpsPluginException>(() => request.Check());
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
        Assert.Contains("'application/json\\r\\nX-Evil: 1'", failure.Message);
    }

    [Theory]
    [InlineData("::1", "[::1]")]
    [InlineData("fe80::1:2", "[fe80::1:2]")]
    [InlineData("https://::1", "[::1]")]
    public void SuggestsBracketsForABareIpv6Address(string given, string suggested)
    {
        var failure = Assert.Throws<SpsPluginException>(() => ApplianceAddress.Parse(given));
        Assert.Equal(SpsPluginErrorId.ApplianceArgumentInvalid, failure.ErrorId);
        Assert.Contains($"give {suggested}, or {suggested}:8443", failure.Message);
        Assert.Equal("[::1]:8443", ApplianceAddress.Parse("[::1]:8443").Display);
    }

    [Fact]
    public void ALinkToTheChangesIsFollowedNotCountedAsAChange()
    {
        var followed = new List<string>();
        var open = MiniJson.Parse("{\"body\":{\"status\":\"open\"},\"meta\":{\"changes\":\"/api/transaction/changes\"}}");
        var read = ApplianceTransactions.Read(null!, "sps", open, link =>
        {
            followed.Add(link);
            return new List<object?> { "a", "b", "c" };
        });
        Assert.Equal(new[] { "/api/transaction/changes" }, followed);
        Assert.Equal(3, read.Changes!.Count);

        var unreadable = ApplianceTransactions.Read(null!, "sps", open, _ => null);
        Assert.Null(unreadable.Changes);

        var closed = MiniJson.Parse("{\"body\":{\"status\":\"closed\"},\"meta\":{\"changes\":\"/api/transaction/changes\"}}");
        Assert.Empty(ApplianceTransactions.Read(null!, "sps", closed, _ => throw new System.InvalidOperationException("not followed")).Changes!);
        Assert.Null(ApplianceTransactions.Read(null!, "sps", MiniJson.Parse("{\"body\":{\"status\":\"open\"},\"meta\":{\"changes\":7}}"), _ => null).Changes);
    }

    [Fact]
    public void AFailedPublishGivesItsShortCauseAsReason()
    {
        var root = new SpsPluginException(SpsPluginErrorId.PluginDeploymentFailed,
            "sps:4443: POST /api/upload/plugins answered 422: TransactionProcessingError: deploy failed (details: {\"a\":\"b. C\"}). The plugin was uploaded but not deployed: cancel it.");
        var wrapped = new SpsPluginException(root.ErrorId, root.Message + " The transaction opened for it was cancelled; nothing was changed.", innerException: root);
        Assert.Equal("POST /api/upload/plugins answered 422: TransactionProcessingError: deploy failed (details: {\"a\":\"b. C\"}). The transaction opened for it was cancelled; nothing was changed.",
            SpsPluginPublishResult.ShortCause("sps:4443", wrapped));

        var diagnostics = new[] { new SpsPluginDiagnostic("ManifestName", Severity.Error, "bad name. Fix it.", "MANIFEST") };
        var refused = new SpsPluginException(SpsPluginErrorId.PublishValidationFailed, "sps: 'x' is not published: it has 1 validation error(s): bad name. Fix it.", "x", diagnostics);
        var reason = SpsPluginPublishResult.ShortCause("sps", refused);
        Assert.StartsWith("Not published: 1 validation error(s)", reason);
        Assert.DoesNotContain("bad name", reason);
    }
}
