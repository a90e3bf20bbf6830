using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SpsPlugin.IO;

namespace SpsPlugin;

/// <summary>
/// Publishes plugin bundles to SPS appliances (reference §7): resolve the bundle to a zip, plan per
/// appliance (validate for its release, compare with what is installed), then upload inside a transaction
/// the publish opens and commits, or inside the caller's (-NoCommit). A failed step cancels the
/// transaction the publish opened, never the caller's.
/// </summary>
public static class SpsPluginPublisher
{
    /// <summary>
    /// A zip as it is, or a folder packed (Compress-SpsPluginBundle's defaults, without its validation:
    /// the zip is validated per appliance release by <see cref="Plan"/>) into a private temporary folder.
    /// </summary>
    /// <exception cref="SpsPluginException">PathNotFound, ManifestNotFound, BundleNotZip, BundleCorrupt, PackTooLarge, PackLinkRefused, ReadFailed.</exception>
    public static SpsPluginPublishSource Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            return new SpsPluginPublishSource(full, SpsPluginBundleIdentity.FromZip(full), null);
        }
        var options = new SpsPluginPackOptions { SkipValidation = true, SourceDate = SpsPluginPacker.SourceDateFromEnvironment() };
        var folder = PrivateDirectory.Create("spsplugin-publish-");
        try
        {
            options.DestinationPath = folder.Path + Path.DirectorySeparatorChar;
            var plan = SpsPluginPacker.Plan(full, options);
            var zip = SpsPluginPacker.Write(plan, options);
            return new SpsPluginPublishSource(full, SpsPluginBundleIdentity.FromZip(zip.Path), folder);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decides what publishing <paramref name="source"/> to <paramref name="session"/> does; changes nothing.
    /// Validates for the appliance's release when SpsPlugin knows it, else the -TargetSpsVersion, else the
    /// validator's default; looks up the installed plugin of that name and type.
    /// </summary>
    /// <exception cref="SpsPluginException">PublishValidationFailed (errors, not forced), PublishTransactionOpen, and the appliance's failures.</exception>
    public static SpsPluginPublishPlan Plan(SpsPluginPublishSource source, SpsApplianceSession session, SpsPluginPublishOptions options)
    {
        if (source == null || session == null || options == null)
        {
            throw new ArgumentNullException(source == null ? nameof(source) : session == null ? nameof(session) : nameof(options));
        }
        var identity = source.Identity;
        var (release, why) = TargetOf(session, options);
        var validation = source.Validation(release, options);
        var target = $"{validation.Release.Name} ({why ?? validation.TargetReason})";
        options.Verbose?.Invoke($"{session.Appliance}: {identity} validated for SPS {target}: {validation.ErrorCount} error(s), {validation.WarningCount} warning(s).");
        var errors = validation.Diagnostics.Where(d => d.Severity == Severity.Error).ToArray();
        if (errors.Length > 0 && !options.Force)
        {
            throw new SpsPluginException(SpsPluginErrorId.PublishValidationFailed,
                $"{session.Appliance}: '{source.SourcePath}' is not published: it has {errors.Length} validation error(s) for SPS {target}: {string.Join(" | ", errors.Select(source.Describe))}. Fix them (Test-SpsPluginBundle), or use -Force.",
                source.SourcePath, errors);
        }
        if (!options.NoCommit && session.GetTransaction().IsOpen)
        {
            // Committing our own transaction would also commit whatever the caller left pending in theirs.
            throw new SpsPluginException(SpsPluginErrorId.PublishTransactionOpen,
                $"{session.Appliance}: the session already has an open transaction, and committing the publish would commit its other pending changes too. Use -NoCommit to upload into it (and commit it yourself with Complete-SpsPluginTransaction), or commit or cancel it first.");
        }
        var installed = session.FindInstalledPlugin(identity);
        var (upload, reason) = Decide(identity, installed, options);
        if (errors.Length > 0)
        {
            reason += $" Forced past {errors.Length} validation error(s) for SPS {target}.";
        }
        options.Verbose?.Invoke($"{session.Appliance}: {(upload ? "upload" : "skip")}: {reason}");
        return new SpsPluginPublishPlan(source, session, target, validation.Diagnostics, installed, upload, reason);
    }

    /// <summary>Carries out <paramref name="plan"/>: skip, or upload (in its own transaction unless -NoCommit) and commit.</summary>
    /// <param name="plan">From <see cref="Plan"/>.</param>
    /// <param name="options">The same options the plan was made with.</param>
    /// <param name="progress">Receives the bytes sent, from the thread that sends them.</param>
    /// <exception cref="SpsPluginException">The failed step's failure; its message says what happened to the transaction.</exception>
    public static SpsPluginPublishResult Run(SpsPluginPublishPlan plan, SpsPluginPublishOptions options, IProgress<long>? progress = null)
    {
        if (plan == null || options == null)
        {
            throw new ArgumentNullException(plan == null ? nameof(plan) : nameof(options));
        }
        var clock = Stopwatch.StartNew();
        if (!plan.Upload)
        {
            return new SpsPluginPublishResult(plan, SpsPluginPublishAction.Skipped, plan.Reason, plan.Installed, false, clock.Elapsed);
        }
        var session = plan.Session;
        SpsInstalledPlugin? uploaded = null;
        bool committed;
        try
        {
            committed = session.RunInTransaction(() =>
            {
                using var zip = plan.Source.OpenRead();
                uploaded = session.UploadPlugin(zip, zip.Length, progress);
                options.Verbose?.Invoke($"{session.Appliance}: uploaded {uploaded}.");
            }, commit: !options.NoCommit, options.CommitMessage, options.Verbose);
        }
        catch (SpsPluginException failure) when (options.NoCommit)
        {
            throw new SpsPluginException(failure.ErrorId,
                $"{failure.Message} The caller's transaction was left as it is (-NoCommit): see Get-SpsPluginTransaction, then commit or cancel it.",
                failure.Path, failure.Diagnostics, failure);
        }
        var outcome = committed ? " Committed."
            : options.NoCommit ? " Uploaded into the caller's transaction, which stays open (-NoCommit): commit it with Complete-SpsPluginTransaction."
            // Opened by someone else on this session between the plan and the upload: never committed here.
            : " A transaction of this session was open by the time of the upload, so the upload joined it and is not committed: commit it with Complete-SpsPluginTransaction.";
        return new SpsPluginPublishResult(plan, SpsPluginPublishAction.Uploaded, plan.Reason + outcome, uploaded, committed, clock.Elapsed);
    }

    private static (SpsRelease? Release, string? Why) TargetOf(SpsApplianceSession session, SpsPluginPublishOptions options)
    {
        var reported = session.Release == null ? null : SpsRelease.Find(session.Release);
        if (reported != null)
        {
            return (reported, $"the appliance's release {session.Release}, from {session.ReleaseSource}");
        }
        var unknown = session.Release == null ? $"the appliance's release is unknown ({session.ReleaseSource})" : $"the appliance's release {session.Release} is not one SpsPlugin knows";
        return options.TargetRelease != null
            ? (options.TargetRelease, $"-TargetSpsVersion, because {unknown}")
            : (null, null);
    }

    private static (bool Upload, string Reason) Decide(SpsPluginBundleIdentity identity, SpsInstalledPlugin? installed, SpsPluginPublishOptions options)
    {
        if (installed == null)
        {
            return (true, $"{identity.Type}/{identity.Name} is not installed.");
        }
        if (installed.Version != identity.Version)
        {
            return (true, $"Version {installed.Version ?? "(none)"} is installed; this bundle is {identity.Version}.");
        }
        if (installed.Sha256 == null)
        {
            // Cautious: uploading the same plugin again is harmless, skipping a changed build is not.
            return (true, $"Version {installed.Version} is installed, but the appliance reports no checksum to compare with (SPS documents none), so it is uploaded again.");
        }
        if (!identity.HasChecksum(installed.Sha256))
        {
            return (true, $"Version {installed.Version} is installed with another checksum ({installed.Sha256}): a different build of the same version.");
        }
        return options.Force
            ? (true, $"Version {installed.Version} with the same checksum is installed; uploaded again because of -Force.")
            : (false, $"Version {installed.Version} with the same checksum is installed; nothing to do (use -Force to upload anyway).");
    }
}
