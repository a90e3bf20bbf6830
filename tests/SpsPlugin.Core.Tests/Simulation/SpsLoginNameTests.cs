using System.Linq;

namespace SpsPlugin.Tests.Simulation;

/// <summary>Every login-name example of the reference (§3.5) and One Identity's tutorials.</summary>
public sealed class SpsLoginNameTests
{
    [Theory]
    [InlineData("ssh", "otp=123456@root", "root", null, "otp=123456")]
    [InlineData("ssh", "gu=gatewayusername@remoteusername", "remoteusername", null, "gu=gatewayusername")]
    [InlineData("telnet", "otp=123456@gu=alice@root", "root", null, "otp=123456;gu=alice")]
    [InlineData("ssh", "ticket_id=INC1@rp=secret@admin", "admin", null, "ticket_id=INC1;rp=secret")]
    [InlineData("ssh", "root", "root", null, "")]
    [InlineData("rdp", "domain\\otp~YOUR-ONE-TIME-PASSWORD%Administrator", "Administrator", "domain", "otp=YOUR-ONE-TIME-PASSWORD")]
    [InlineData("rdp", "MYDOMAIN\\gu~gwuser%Administrator", "Administrator", "MYDOMAIN", "gu=gwuser")]
    [InlineData("rdp", "otp~y_cccccbhuinkt%Administrator", "Administrator", null, "otp=y_cccccbhuinkt")]
    [InlineData("rdp", "CORP\\url~https^//x%tkt~1%admin", "admin", "CORP", "url=https://x;tkt=1")]
    [InlineData("rdp", "Administrator", "Administrator", null, "")]
    public void ParsesTheDocumentedSyntax(string protocol, string loginName, string user, string? domain, string pairs)
    {
        var parsed = SpsLoginName.Parse(protocol, loginName);
        Assert.Equal(user, parsed.ServerUsername);
        Assert.Equal(domain, parsed.Domain);
        Assert.Equal(pairs, string.Join(";", parsed.KeyValuePairs.Select(p => p.Key + "=" + p.Value)));
    }

    [Fact]
    public void TheGuPairSetsTheGatewayUser()
    {
        Assert.Equal("gwuser", SpsLoginName.Parse("rdp", "MYDOMAIN\\gu~gwuser%Administrator").GatewayUser);
        var connection = new SpsPluginConnection();
        connection.ApplyLoginName("gu=alice@otp=1@root");
        Assert.Equal(("alice", "root"), (connection.GatewayUser, connection.ServerUsername));
        Assert.Equal("1", connection.KeyValuePairs["otp"]);
    }

    [Theory]
    [InlineData("ssh", "notapair@root")]
    [InlineData("ssh", "otp=1@")]
    [InlineData("rdp", "DOMAIN\\otp=1%admin")]
    [InlineData("rdp", "otp~1%")]
    public void RefusesWhatSpsWouldNotRead(string protocol, string loginName)
    {
        var error = Assert.Throws<SpsPluginException>(() => SpsLoginName.Parse(protocol, loginName));
        Assert.Equal(SpsPluginErrorId.LoginNameInvalid, error.ErrorId);
    }
}
