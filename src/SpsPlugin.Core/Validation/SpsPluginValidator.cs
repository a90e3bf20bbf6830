using System;
using System.Collections.Generic;
using System.Linq;
using SpsPlugin.Validation;
using SpsPlugin.Validation.Rules;

namespace SpsPlugin;

/// <summary>
/// Validates a plugin folder or zip as SPS would: every rule of the catalogue, one Python process
/// per batch of bundles for the Python checks, findings filtered by the options. Never throws for bad input:
/// whatever the bundle is, the answer is a list of findings.
/// </summary>
public static class SpsPluginValidator
{
    private static readonly BundleRule[] Rules = BuildCatalogue();

    /// <summary>Every rule, as <c>Get-SpsPluginRule</c> lists them.</summary>
    public static IReadOnlyList<SpsPluginRule> Catalogue { get; } = Rules.Select(r => r.Descriptor).ToArray();

    /// <summary>Validates the folder or zip at <paramref name="path"/>.</summary>
    public static SpsPluginValidationResult Validate(string path, SpsPluginValidationOptions options) =>
        ValidateMany(new[] { path }, options).Single();

    /// <summary>
    /// Validates each folder or zip of <paramref name="paths"/>, yielding one result per path in
    /// their order (lazily, batch by batch: a caller can write each result as it comes). The Python
    /// checks of a batch of bundles (<see cref="PythonAnalysis.BatchBundles"/> or
    /// <see cref="PythonAnalysis.BatchCharacters"/> of source, whichever comes first) run in one
    /// interpreter process; the findings are those of one bundle at a time.
    /// </summary>
    /// <exception cref="SpsPluginException">PythonNotFound, before any bundle is validated: -PythonPath or SPSPLUGIN_PYTHON names no runnable Python 3.</exception>
    public static IEnumerable<SpsPluginValidationResult> ValidateMany(IEnumerable<string> paths, SpsPluginValidationOptions options)
    {
        var rules = Rules.Where(r => Selected(r.Descriptor, options)).ToArray();
        var needsPython = rules.Any(r => r.NeedsPython);
        // Named or system interpreters only: check_bundle.py needs no packages, and a .venv found in or
        // beside the bundle being validated is the bundle's to control, so the gate never starts it.
        var python = options.UsePython ? PythonLocator.ResolveFor(options.PythonPath, null, options.TargetRelease?.PythonVersion) : null;
        return Batches(paths.Select(path => Open(path, options)), needsPython)
            .SelectMany(batch => CheckBatch(batch, rules, needsPython, needsPython ? python : null));
    }

    private static ValidationContext Open(string path, SpsPluginValidationOptions options)
    {
        SpsPluginBundle? bundle = null;
        SpsPluginException? failure = null;
        try
        {
            bundle = SpsPluginBundle.Open(path);
        }
        catch (SpsPluginException error)
        {
            failure = error;
        }
        return new ValidationContext(failure?.Path ?? bundle?.Path ?? path, bundle, failure, options);
    }

    /// <summary>Contexts grouped into batches bounded by count and by source characters, so memory stays bounded for any number of bundles.</summary>
    private static IEnumerable<List<ValidationContext>> Batches(IEnumerable<ValidationContext> contexts, bool needsPython)
    {
        var batch = new List<ValidationContext>();
        long characters = 0;
        foreach (var context in contexts)
        {
            batch.Add(context);
            characters += needsPython ? PythonAnalysis.BatchSize(context) : 0;
            if (batch.Count >= PythonAnalysis.BatchBundles || characters >= PythonAnalysis.BatchCharacters)
            {
                yield return batch;
                batch = new List<ValidationContext>();
                characters = 0;
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static IEnumerable<SpsPluginValidationResult> CheckBatch(List<ValidationContext> batch, BundleRule[] rules, bool needsPython, PythonInterpreter? python)
    {
        if (needsPython)
        {
            PythonAnalysis.RunBatch(batch.Where(c => c.Bundle != null).ToList(), python);
        }
        return batch.Select(context => Check(context, rules));
    }

    private static SpsPluginValidationResult Check(ValidationContext context, BundleRule[] rules)
    {
        using var span = StartupTrace.Span("validate.rules");
        var findings = new List<SpsPluginDiagnostic>();
        // Reader failures last: the other rules' reads add to them.
        foreach (var rule in rules.Where(r => r is not ReadFailureRule).Concat(rules.Where(r => r is ReadFailureRule)))
        {
            if (context.Bundle == null && rule.NeedsBundle)
            {
                continue;
            }
            findings.AddRange(rule.Check(context));
        }
        var ordered = findings
            .Where(f => context.Options.Keeps(f.Severity))
            .OrderBy(f => f.Severity).ThenBy(f => f.Entry, StringComparer.Ordinal).ThenBy(f => f.Line ?? 0)
            .ToArray();
        return new SpsPluginValidationResult(context.Path, context.Release, ordered, context.TargetReason, context.Options.Strict)
        {
            Interpreter = context.HasPythonAnalysis && context.Python.Ran ? context.Python.Interpreter?.Describe() : null,
        };
    }

    /// <summary>The finding for a reader failure.</summary>
    internal static SpsPluginDiagnostic FromFailure(SpsPluginException failure, string path, string? entry) =>
        failure.Diagnostics.Count > 0
            ? failure.Diagnostics[0]
            : new SpsPluginDiagnostic(failure.ErrorId.Id, Severity.Error, failure.Message, path, entry);

    /// <summary>True when <paramref name="text"/> matches the wildcard <paramref name="pattern"/> (* and ?, case-insensitive).</summary>
    public static bool MatchesWildcard(string text, string pattern) => Wildcard.Matches(text, pattern);

    /// <summary>The rules of the catalogue that <paramref name="options"/> select (IncludeRules, then ExcludeRules), as reports list them.</summary>
    public static IReadOnlyList<SpsPluginRule> SelectedRules(SpsPluginValidationOptions options) =>
        Catalogue.Where(rule => Selected(rule, options)).ToArray();

    private static bool Selected(SpsPluginRule rule, SpsPluginValidationOptions options) =>
        (options.IncludeRules.Count == 0 || options.IncludeRules.Any(p => MatchesWildcard(rule.Id, p))) &&
        !options.ExcludeRules.Any(p => MatchesWildcard(rule.Id, p));

    private static BundleRule[] BuildCatalogue()
    {
        var rules = new List<BundleRule>
        {
            new ManifestRequiredKeyRule(), new ManifestEmptyValueRule(), new ManifestTypeRule(), new ManifestNameRule(),
            new ManifestVersionRule(), new ManifestApiRule(), new ManifestEntryPointRule(), new ManifestEntryPointFileRule(),
            new ManifestAuthorEmailRule(), new ManifestRetypedValueRule(), new ManifestUnknownKeyRule(), new ManifestLegacyPython2Rule(),
            new ReleaseTargetRule(), new ReleaseApiRule(), new ReleaseWindowRule(), new ReleaseWindowFormatRule(),
            new PythonUnavailableRule(), new PythonGrammarRule(), new PythonSyntaxRule(), new PythonShebangRule(),
            new PythonPluginClassRule(), new PythonHookRule(), new PythonOptionalHookRule(),
            new PythonHookSignatureRule(), new PythonHookNameRule(), new PythonVerdictRule(),
            new StructureMainPyRule(), new StructureWrappedFolderRule(), new StructureSizeRule(), new StructureSizeNearLimitRule(),
            new StructureSdkBundledRule(), new StructureShadowedModuleRule(), new StructureJunkRule(), new StructureDefaultConfigPluginRule(), new StructureSpecialFileRule(), new StructureGitSymlinkRule(),
            new StructureCrlfLineEndsRule(),
            new ZipPathTraversalRule(), new ZipAbsolutePathRule(), new ZipDrivePathRule(), new ZipBackslashRule(), new ZipSymlinkRule(),
            new ZipEncryptedRule(), new ZipCompressionRatioRule(), new ZipDuplicateEntryRule(), new ZipCaseCollisionRule(), new ZipTooManyEntriesRule(),
            new ZipControlCharacterRule(), new ZipLocalNameRule(), new ZipDirectoryDataRule(), new ZipFileFolderClashRule(), new ZipUnextractableNameRule(),
            new ZipLongPathRule(), new ZipReservedNameRule(), new ZipTrailingDotSpaceRule(), new ZipWindowsCharacterRule(), new ZipNormalizationCollisionRule(),
        };
        rules.AddRange(DefaultConfigRule.All());
        rules.AddRange(ReadFailureRule.All());
        return rules.ToArray();
    }
}
