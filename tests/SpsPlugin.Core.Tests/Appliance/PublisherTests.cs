using System;
using System.IO;
using System.Linq;
using System.Security;
using SpsPlugin.ApplianceDouble;
using SpsPlugin.Tests.Support;
using SpsPlugin.Tests.Validation;

namespace SpsPlugin.Tests.Appliance;

/// <summary>
/// SpsPluginPublisher end to end against the SPS double: upload and commit, skip, validation refusal,
/// and what a failed step does to the publish's own transaction and to the caller's.
/// </summary>
public sealed class PublisherTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly SpsDouble appliance;

    public PublisherTests() => appliance = SpsDouble.Start(new SpsDoubleOptions { ReportChecksums = true });

    public void Dispose()
    {
        appliance.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void UploadsAZipInItsOwnTransactionAndCommits()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        var result = Publish(source, session);
        Assert.Equal(SpsPluginPublishAction.Uploaded, result.Action);
        Assert.True(result.TransactionCommitted);
        Assert.Equal("good_plugin", result.Installed!.Name);
        Assert.Equal(source.Identity.Sha256, result.Checksum);
        Assert.StartsWith(SpsRelease.Find("7.5")!.Name, result.Target);
        Assert.Contains("the appliance's release 7.5.0", result.Target);
        Assert.Contains("is not installed", result.Reason);
        Assert.Equal(source.Identity.Sha256, appliance.Plugins("aa").Single().RecordedSha256);
        Assert.False(session.GetTransaction().IsOpen);
    }

    [Fact]
    public void PacksAFolderAndDeletesThePackedZip()
    {
        using var session = Connect();
        var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteFolder(temp));
        Assert.True(source.Packed);
        Assert.Equal("1.0.0", source.Identity.Version);
        Assert.Equal(SpsPluginPublishAction.Uploaded, Publish(source, session).Action);
        var zip = source.ZipPath;
        source.Dispose();
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void SkipsTheSameVersionAndChecksumUnlessForced()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        Publish(source, session);
        var uploads = UploadCount();

        var again = Publish(source, session);
        Assert.Equal(SpsPluginPublishAction.Skipped, again.Action);
        Assert.Equal(source.Identity.Sha256, again.Installed!.Sha256);
        Assert.Equal(uploads, UploadCount());

        var forced = Publish(source, session, new SpsPluginPublishOptions { UsePython = false, Force = true });
        Assert.Equal(SpsPluginPublishAction.Uploaded, forced.Action);
        Assert.Contains("-Force", forced.Reason);
        Assert.Equal(uploads + 1, UploadCount());
    }

    [Fact]
    public void UploadsAnotherBuildOfTheSameVersion()
    {
        using var session = Connect();
        using (var first = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp)))
        {
            Publish(first, session);
        }
        using var rebuilt = SpsPluginPublisher.Resolve(new PluginBuilder().Add("notes.txt", new byte[] { 1 }).WriteZip(temp));
        var result = Publish(rebuilt, session);
        Assert.Equal(SpsPluginPublishAction.Uploaded, result.Action);
        Assert.Contains("another checksum", result.Reason);
    }

    [Fact]
    public void UploadsAgainWhenTheApplianceReportsNoChecksum()
    {
        using var documented = SpsDouble.Start(new SpsDoubleOptions());
        using var session = Connect(documented);
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        Publish(source, session);
        var again = Publish(source, session);
        Assert.Equal(SpsPluginPublishAction.Uploaded, again.Action);
        Assert.Null(again.Installed!.Sha256);
        Assert.Contains("no checksum", again.Reason);
    }

    [Fact]
    public void AFolderRefusedForItsFindingsIsNamedByItsOwnFilesNotTheTemporaryZip()
    {
        using var session = Connect();
        var folder = new PluginBuilder().Manifest(m => m.Replace("api: 1.6", "api: 1.9")).WriteFolder(temp);
        using var source = SpsPluginPublisher.Resolve(folder);
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session));
        Assert.Equal(SpsPluginErrorId.PublishValidationFailed, failure.ErrorId);
        Assert.Contains(Path.Combine(folder, "MANIFEST") + ":", failure.Message);
        Assert.DoesNotContain(source.ZipPath, failure.Message);
    }

    [Fact]
    public void RefusesABundleWithValidationErrorsUnlessForced()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().Manifest(m => m.Replace("api: 1.6", "api: 1.9")).WriteZip(temp));
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session));
        Assert.Equal(SpsPluginErrorId.PublishValidationFailed, failure.ErrorId);
        Assert.NotEmpty(failure.Diagnostics);
        Assert.Contains("7.5", failure.Message);
        Assert.Equal(0, UploadCount());

        // Forced past the validation, the upload reaches the appliance, whose own check refuses it.
        var forced = Assert.Throws<SpsPluginException>(() => Publish(source, session, new SpsPluginPublishOptions { UsePython = false, Force = true }));
        Assert.Equal(SpsPluginErrorId.PluginUploadRefused, forced.ErrorId);
        Assert.Equal(1, UploadCount());
    }

    [Fact]
    public void ValidatesForTargetSpsVersionWhenTheApplianceReleaseIsUnknown()
    {
        using var odd = SpsDouble.Start(new SpsDoubleOptions { Release = "99.1.0" });
        using var session = Connect(odd);
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        var plan = SpsPluginPublisher.Plan(source, session, new SpsPluginPublishOptions { UsePython = false, TargetRelease = SpsRelease.Find("7.4") });
        Assert.StartsWith(SpsRelease.Find("7.4")!.Name, plan.Target);
        Assert.Contains("-TargetSpsVersion", plan.Target);
        Assert.Contains("99.1.0", plan.Target);
        Assert.Equal(SpsPluginPublishAction.WhatIf, plan.WhatIf().Action);
        Assert.Equal(0, UploadCount(odd));
    }

    [Fact]
    public void CancelsItsOwnTransactionWhenDeploymentFails()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        appliance.SetFault(DoubleFault.DeployFail());
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session));
        Assert.Equal(SpsPluginErrorId.PluginDeploymentFailed, failure.ErrorId);
        Assert.Contains("was cancelled", failure.Message);
        Assert.False(session.GetTransaction().IsOpen);
        Assert.Empty(appliance.Plugins("aa"));
        Assert.Contains(appliance.Requests, r => r.Method == "DELETE" && r.Path == "/api/transaction");
    }

    [Fact]
    public void CancelsItsOwnTransactionWhenTheConnectionDropsMidUpload()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().Add("padding.bin", Noise(200_000)).WriteZip(temp));
        appliance.SetFault(DoubleFault.DropConnection(10_000));
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session));
        Assert.Equal(SpsPluginErrorId.ApplianceUnreachable, failure.ErrorId);
        Assert.Contains("was cancelled", failure.Message);
        Assert.False(session.GetTransaction().IsOpen);
        Assert.Empty(appliance.Plugins("aa"));
    }

    [Fact]
    public void NeverCancelsOrCommitsTheCallersTransaction()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        var noCommit = new SpsPluginPublishOptions { UsePython = false, NoCommit = true };
        session.OpenTransaction();

        var uploaded = Publish(source, session, noCommit);
        Assert.Equal(SpsPluginPublishAction.Uploaded, uploaded.Action);
        Assert.False(uploaded.TransactionCommitted);
        Assert.True(session.GetTransaction().IsOpen);
        Assert.Empty(appliance.Plugins("aa"));

        appliance.SetFault(DoubleFault.DeployFail());
        var forced = new SpsPluginPublishOptions { UsePython = false, NoCommit = true, Force = true };
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session, forced));
        Assert.Contains("left as it is", failure.Message);
        Assert.True(session.GetTransaction().IsOpen);
        Assert.DoesNotContain(appliance.Requests, r => r.Method is "DELETE" or "PUT" && r.Path == "/api/transaction");
    }

    [Fact]
    public void RefusesToCommitAlongTheCallersOpenTransaction()
    {
        using var session = Connect();
        using var source = SpsPluginPublisher.Resolve(new PluginBuilder().WriteZip(temp));
        session.OpenTransaction();
        var failure = Assert.Throws<SpsPluginException>(() => Publish(source, session));
        Assert.Equal(SpsPluginErrorId.PublishTransactionOpen, failure.ErrorId);
        Assert.True(session.GetTransaction().IsOpen);
        Assert.Equal(0, UploadCount());
    }

    [Fact]
    public void BundleIdentityReadsAZipsChecksumButNeverAFolders()
    {
        var bytes = new PluginBuilder().ZipBytes();
        var zip = SpsPluginBundleIdentity.FromZip(PluginBuilder.WriteBytes(temp, bytes));
        Assert.Equal(("good_plugin", "aa", "1.0.0", "1.6"), (zip.Name, zip.Type, zip.Version, zip.Api));
        Assert.Equal(bytes.Length, zip.Length);
        Assert.True(zip.HasChecksum(zip.Sha256!.ToUpperInvariant()));
        var folder = SpsPluginBundleIdentity.FromZip(new PluginBuilder().WriteFolder(temp));
        Assert.Null(folder.Sha256);
        Assert.False(folder.HasChecksum(null));
    }

    private static SpsPluginPublishResult Publish(SpsPluginPublishSource source, SpsApplianceSession session, SpsPluginPublishOptions? options = null)
    {
        options ??= new SpsPluginPublishOptions { UsePython = false };
        return SpsPluginPublisher.Run(SpsPluginPublisher.Plan(source, session, options), options);
    }

    // Incompressible bytes, so the zip is as large as the test needs.
    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(15).NextBytes(bytes);
        return bytes;
    }

    private int UploadCount(SpsDouble? target = null) =>
        (target ?? appliance).Requests.Count(r => r.Method == "POST" && r.Path == "/api/upload/plugins");

    private SpsApplianceSession Connect(SpsDouble? target = null)
    {
        var password = new SecureString();
        foreach (var c in SpsDoubleOptions.DefaultPassword)
        {
            password.AppendChar(c);
        }
        return SpsApplianceSession.Connect(new SpsApplianceConnectionOptions
        {
            Appliance = (target ?? appliance).Appliance,
            UserName = SpsDoubleOptions.DefaultUser,
            Password = password,
            TrustedCertificates = { (target ?? appliance).CaCertificate },
            Timeout = TimeSpan.FromSeconds(10),
        });
    }
}
