namespace SpsPlugin.Tests.Simulation;

/// <summary>The connection a simulation plays when nothing else is said: run-scenario's values, and RDP's own port.</summary>
public sealed class ConnectionDefaultsTests
{
    [Theory]
    [InlineData("ssh", "ssh", 22)]
    [InlineData("RDP", "rdp", 3389)]
    [InlineData("Telnet", "telnet", 22)]
    [InlineData("ica", "ica", 22)]
    public void TheProtocolIsLowerCaseAndRdpListensOn3389(string given, string protocol, int port)
    {
        var connection = SpsPluginConnection.For(given);
        Assert.Equal((protocol, port), (connection.Protocol, connection.ServerPort));
        Assert.Equal(("5.6.7.8", "targetuser"), (connection.ServerIp, connection.ServerUsername));
    }
}
