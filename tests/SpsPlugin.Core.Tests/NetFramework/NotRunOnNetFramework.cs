namespace SpsPlugin.Tests.NetFramework;

/// <summary>
/// The test files the net472 project does not compile (its csproj lists them as NotOnNetFramework), each group
/// reported as a skipped test with the reason, so the net472 count shows what did not run there.
/// </summary>
public sealed class NotRunOnNetFramework
{
    [Fact(Skip = "net10.0 only: the appliance tests against the SPS double (Appliance/*Double*, InstalledPlugin, Publisher) need its ASP.NET Core (Kestrel) server, which has no .NET Framework build; ApplianceOfflineTests run here.")]
    public void ApplianceTestsAgainstTheSpsDouble()
    {
    }

    [Fact(Skip = "net10.0 only: the Architecture tests read the C# source tree, not the assemblies, so the runtime cannot change their answer (and they use .NET 5's IReadOnlySet).")]
    public void ArchitectureTestsOfTheSourceTree()
    {
    }

    [Fact(Skip = "net10.0 only: NetFrameworkApiTests reads the shipped assemblies' metadata and .NET Framework's reference assemblies, the same answer on any runtime.")]
    public void MetadataCheckOfTheShippedAssemblies()
    {
    }
}
