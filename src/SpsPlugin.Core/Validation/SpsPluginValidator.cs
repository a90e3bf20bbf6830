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
        return Check(Batches(paths.Select(path => Open(path, options)), needsPython), new RuleOrder(rules), needsPython, python);
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

    /// <summary>
    /// Batch by batch, with each batch's interpreter working beside the rules: it starts first, the rules
    /// that do not read its answers run while it works, then its answers are read and the rest run. The
    /// next batch's interpreter starts before this batch's last rules, so it works while they run and
    /// while the caller takes the results. At most two batches are open at a time.
    /// </summary>
    private static IEnumerable<SpsPluginValidationResult> Check(IEnumerable<List<ValidationContext>> batches, RuleOrder rules, bool needsPython, PythonInterpreter? python)
    {
        using var batchesLeft = batches.GetEnumerator();
        Batch? next = batchesLeft.MoveNext() ? new Batch(batchesLeft.Current, needsPython, python) : null;
        try
        {
            while (next != null)
            {
                using var batch = next;
                next = null;
                var checks = batch.Contexts.Select(context => rules.Start(context, batch.PythonRunning)).ToArray();
                batch.FinishPython();
                next = batchesLeft.MoveNext() ? new Batch(batchesLeft.Current, needsPython, python) : null;
                foreach (var check in checks)
                {
                    yield return rules.Finish(check);
                }
            }
        }
        finally
        {
            next?.Dispose();
        }
    }

    /// <summary>One batch of contexts and, when a rule needs them, its Python checks under way.</summary>
    private sealed class Batch : IDisposable
    {
        private readonly PythonAnalysis.StartedBatch? _python;

        public Batch(List<ValidationContext> contexts, bool needsPython, PythonInterpreter? python)
        {
            Contexts = contexts;
            _python = needsPython ? PythonAnalysis.Start(contexts.Where(c => c.Bundle != null).ToList(), python) : null;
        }

        public List<ValidationContext> Contexts { get; }

        /// <summary>True while the batch's interpreter works: until it answers, only the rules that do not wait for it can run.</summary>
        public bool PythonRunning => _python?.Running ?? false;

        public void FinishPython() => _python?.Finish();

        public void Dispose() => _python?.Dispose();
    }

    /// <summary>
    /// The selected rules in the order they run: in catalogue order, the reader failures last (the other
    /// rules' reads add to them). While a batch's interpreter works, the rules that do not wait for it
    /// (<see cref="BundleRule.RunsAfterPythonAnalysis"/>) run first and the others, in that same order,
    /// once it answered. Findings are gathered by each rule's place, so their order does not depend on
    /// when a rule ran.
    /// </summary>
    private sealed class RuleOrder
    {
        private readonly BundleRule[] _rules;
        private readonly int[] _all;
        private readonly int[] _beside;
        private readonly int[] _after;

        public RuleOrder(BundleRule[] selected)
        {
            _rules = selected.Where(r => r is not ReadFailureRule).Concat(selected.Where(r => r is ReadFailureRule)).ToArray();
            _all = Enumerable.Range(0, _rules.Length).ToArray();
            _beside = _all.Where(i => !Waits(_rules[i])).ToArray();
            _after = _all.Where(i => Waits(_rules[i])).ToArray();
        }

        /// <summary>The rules that can run now: those that do not wait while <paramref name="pythonRunning"/>, else all.</summary>
        public RuleFindings Start(ValidationContext context, bool pythonRunning)
        {
            var findings = new RuleFindings(context, _rules.Length, pythonRunning ? _after : Array.Empty<int>());
            Run(findings, pythonRunning ? _beside : _all);
            return findings;
        }

        /// <summary>The rest of the rules, then the result.</summary>
        public SpsPluginValidationResult Finish(RuleFindings findings)
        {
            Run(findings, findings.Waiting);
            var context = findings.Context;
            using var span = StartupTrace.Span("validate.rules");
            var ordered = findings.ByRule.SelectMany(f => f)
                .Where(f => context.Options.Keeps(f.Severity))
                .OrderBy(f => f.Severity).ThenBy(f => f.Entry, StringComparer.Ordinal).ThenBy(f => f.Line ?? 0)
                .ToArray();
            return new SpsPluginValidationResult(context.Path, context.Release, ordered, context.TargetReason, context.Options.Strict)
            {
                Interpreter = context.HasPythonAnalysis && context.Python.Ran ? context.Python.Interpreter?.Describe() : null,
            };
        }

        private static bool Waits(BundleRule rule) => rule.RunsAfterPythonAnalysis || rule is ReadFailureRule;

        private void Run(RuleFindings findings, int[] places)
        {
            using var span = StartupTrace.Span("validate.rules");
            foreach (var place in places)
            {
                var rule = _rules[place];
                if (findings.Context.Bundle != null || !rule.NeedsBundle)
                {
                    findings.ByRule[place] = rule.Check(findings.Context).ToList();
                }
            }
        }
    }

    /// <summary>A bundle's findings so far, by the place of the rule that found them.</summary>
    private sealed class RuleFindings
    {
        public RuleFindings(ValidationContext context, int rules, int[] waiting)
        {
            Context = context;
            ByRule = Enumerable.Repeat<IReadOnlyList<SpsPluginDiagnostic>>(Array.Empty<SpsPluginDiagnostic>(), rules).ToArray();
            Waiting = waiting;
        }

        public ValidationContext Context { get; }

        /// <summary>The places of the rules still to run.</summary>
        public int[] Waiting { get; }

        public IReadOnlyList<SpsPluginDiagnostic>[] ByRule { get; }
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
