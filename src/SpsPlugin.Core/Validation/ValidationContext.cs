using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Tasks;
using SpsPlugin.Validation.Rules;

namespace SpsPlugin.Validation;

/// <summary>
/// What the rules of one validation share: the opened bundle (or why it could not be opened), its
/// MANIFEST, the target release, file contents read once, and the Python analysis run once.
/// </summary>
internal sealed class ValidationContext
{
    /// <summary>The most SpsPlugin reads of one text file of a bundle.</summary>
    public const long MaxTextBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private PythonAnalysis? _python;

    public ValidationContext(string path, SpsPluginBundle? bundle, SpsPluginException? openFailure, SpsPluginValidationOptions options)
    {
        Path = path;
        Bundle = bundle;
        OpenFailure = openFailure;
        Options = options;
        (Release, TargetReason) = options.TargetRelease != null
            ? (options.TargetRelease, "the release asked for")
            : DefaultTarget.Choose(this);
    }

    /// <summary>The same bundle against another release: how <see cref="DefaultTarget"/> tries the releases.</summary>
    private ValidationContext(ValidationContext source, SpsRelease release)
    {
        Path = source.Path;
        Bundle = source.Bundle;
        OpenFailure = source.OpenFailure;
        Options = source.Options;
        _python = source._python;
        Release = release;
        TargetReason = "a release tried as the default target";
    }

    /// <summary>This bundle checked against <paramref name="release"/> instead.</summary>
    public ValidationContext Against(SpsRelease release) => new(this, release);

    public string Path { get; }

    /// <summary>Null when the folder or zip could not be opened (see <see cref="OpenFailure"/>).</summary>
    public SpsPluginBundle? Bundle { get; }

    public SpsPluginException? OpenFailure { get; }

    public SpsPluginValidationOptions Options { get; }

    /// <summary>The release the rules check against: the one asked for, or the newest the plugin's window admits.</summary>
    public SpsRelease Release { get; }

    /// <summary>Why <see cref="Release"/> is the target, in words for the result and the ReleaseTarget finding.</summary>
    public string TargetReason { get; }

    public SpsPluginManifest? Manifest => Bundle?.Manifest;

    /// <summary>A readable manifest, or null.</summary>
    public SpsPluginManifest? ReadableManifest => Manifest is { IsReadable: true } manifest ? manifest : null;

    /// <summary>
    /// The SDK checks a source folder strictly (pluginv: description and entry_point required) and a
    /// zip compatibly (the appliance: name, api, version, type).
    /// </summary>
    public bool IsStrict => Bundle?.Kind == SpsPluginBundleKind.Folder;

    /// <summary>Findings produced while reading files (a damaged entry, a bad CRC).</summary>
    public List<SpsPluginDiagnostic> ReadFailures { get; } = new();

    /// <summary>
    /// The Python analysis, which <see cref="PythonAnalysis.StartedBatch.Finish"/> gives each context of a batch once its
    /// interpreter answered. Rules that read it say so (<see cref="BundleRule.NeedsPython"/>): the others run while it
    /// works, and one that read it without saying so would fail here, not read half an answer.
    /// </summary>
    public PythonAnalysis Python => _python ?? throw new InvalidOperationException("the Python analysis runs, batched, before the rules that need it (BundleRule.NeedsPython)");

    public void UsePythonAnalysis(PythonAnalysis analysis) => _python = analysis;

    /// <summary>True once the Python analysis was given (it is not when no selected rule needs it).</summary>
    public bool HasPythonAnalysis => _python != null;

    /// <summary>What Test-SpsPluginConfig finds in the bundle's default.cfg (nothing when there is none).</summary>
    public IReadOnlyList<SpsPluginDiagnostic> DefaultConfigFindings => _defaultConfig ??= CheckDefaultConfig();

    private IReadOnlyList<SpsPluginDiagnostic>? _defaultConfig;

    private IReadOnlyList<SpsPluginDiagnostic> CheckDefaultConfig()
    {
        if (Bundle == null || !Bundle.HasDefaultConfig)
        {
            return Array.Empty<SpsPluginDiagnostic>();
        }
        try
        {
            // The default.cfg is its own template: its commented options say how the plugin reads each one.
            var config = Bundle.ReadDefaultConfig();
            return SpsPluginConfigRules.Check(config, config);
        }
        catch (SpsPluginException failure)
        {
            var finding = SpsPluginValidator.FromFailure(failure, Path, "default.cfg");
            if (failure.ErrorId == SpsPluginErrorId.ConfigEncoding || failure.ErrorId == SpsPluginErrorId.ConfigTooLarge)
            {
                return new[] { new SpsPluginDiagnostic("ConfigEncoding", Severity.Error, finding.Message, Path, "default.cfg", suggestedFix: finding.SuggestedFix) };
            }
            ReadFailures.Add(finding);
            return Array.Empty<SpsPluginDiagnostic>();
        }
    }

    /// <summary>Files (not folders) of the bundle.</summary>
    public IEnumerable<SpsPluginBundleEntry> Files => Bundle?.Entries.Where(e => !e.IsDirectory && !e.IsSymbolicLink) ?? Enumerable.Empty<SpsPluginBundleEntry>();

    /// <summary>Python sources, in entry order.</summary>
    public IEnumerable<SpsPluginBundleEntry> PythonFiles => Files.Where(e => e.Path.EndsWith(".py", StringComparison.Ordinal));

    /// <summary>
    /// The UTF-8 text of an entry, read once; null when it is absent, too large or unreadable (the
    /// reason is added to <see cref="ReadFailures"/>).
    /// </summary>
    public string? ReadText(string entryPath)
    {
        if (!_texts.TryGetValue(entryPath, out var text))
        {
            ReadTexts(new[] { entryPath });
            text = _texts[entryPath];
        }
        return text;
    }

    /// <summary>The texts of the Python sources, read into the cache (see <see cref="ReadTexts"/>).</summary>
    public void ReadPythonTexts() => ReadTexts(PythonFiles.Select(f => f.Path));

    /// <summary>
    /// Reads the texts of <paramref name="entryPaths"/> not read yet into the cache. Inflating, checking
    /// and decoding are shared out over the cores when there is enough of it (a bundle with vendored
    /// packages has megabytes of source); what is kept, and every failure, is recorded afterwards in
    /// the order of <paramref name="entryPaths"/>, as reading them one by one would record it.
    /// </summary>
    public void ReadTexts(IEnumerable<string> entryPaths)
    {
        var sizes = FileSizes; // built here, before any other thread reads it
        var wanted = entryPaths.Where(p => !_texts.ContainsKey(p)).Distinct(StringComparer.Ordinal).ToArray();
        var reads = new TextRead[wanted.Length];
        var bytes = wanted.Sum(p => sizes.TryGetValue(p, out var size) ? size : 0);
        if (wanted.Length > 1 && bytes >= ParallelReadBytes)
        {
            try
            {
                Parallel.For(0, wanted.Length, i => reads[i] = Decode(wanted[i]));
            }
            catch (AggregateException error)
            {
                // A failure the one-by-one read does not expect is thrown as that read would throw it.
                ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            for (var i = 0; i < wanted.Length; i++)
            {
                reads[i] = Decode(wanted[i]);
            }
        }
        for (var i = 0; i < wanted.Length; i++)
        {
            _texts[wanted[i]] = reads[i].Text;
            if (reads[i].Failure is { } failure)
            {
                ReadFailures.Add(failure);
            }
        }
    }

    /// <summary>Below this many bytes of text to read, handing the reads to other threads costs more than it saves.</summary>
    private const long ParallelReadBytes = 1024 * 1024;

    private Dictionary<string, long>? _fileSizes;

    /// <summary>The files that can be read as text, with their recorded sizes.</summary>
    private Dictionary<string, long> FileSizes => _fileSizes ??= Files
        .GroupBy(e => e.Path, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Size, StringComparer.Ordinal);

    /// <summary>One entry's text or why it has none; touches nothing of the context but the bundle's reads, so it can run on any thread.</summary>
    private TextRead Decode(string entryPath)
    {
        if (Bundle == null || !FileSizes.ContainsKey(entryPath))
        {
            return default;
        }
        try
        {
            return new TextRead(new UTF8Encoding(false, true).GetString(Bundle.ReadEntry(entryPath, MaxTextBytes)), null);
        }
        catch (SpsPluginException failure)
        {
            return new TextRead(null, SpsPluginValidator.FromFailure(failure, Path, entryPath));
        }
        catch (DecoderFallbackException)
        {
            return new TextRead(null, new SpsPluginDiagnostic("PythonSyntax", Severity.Error,
                $"'{entryPath}' is not UTF-8 text, which Python 3 expects of source files.", Path, entryPath, suggestedFix: "save the file as UTF-8"));
        }
    }

    private readonly struct TextRead
    {
        public TextRead(string? text, SpsPluginDiagnostic? failure)
        {
            Text = text;
            Failure = failure;
        }

        public string? Text { get; }

        public SpsPluginDiagnostic? Failure { get; }
    }

    private bool _entriesVerified;

    /// <summary>
    /// Streams every zip entry no rule has read through its size and CRC-32 check, once, as Python's
    /// <c>zipfile.testzip()</c> does: a damaged entry, or one whose content is larger than its recorded
    /// size, fails the gate even when it is a data file no rule looks at, because SPS's own extraction
    /// would stop at it. Nothing is kept in memory.
    /// </summary>
    public void VerifyZipEntries()
    {
        if (_entriesVerified || Bundle?.Kind != SpsPluginBundleKind.Zip)
        {
            return;
        }
        _entriesVerified = true;
        foreach (var entry in Files.Where(e => !_texts.ContainsKey(e.Path)))
        {
            try
            {
                Bundle.CopyEntry(entry.Path, Stream.Null, SpsPluginBundle.MaxReadBytes);
            }
            catch (SpsPluginException failure)
            {
                ReadFailures.Add(SpsPluginValidator.FromFailure(failure, Path, entry.Path));
            }
        }
    }

    /// <summary>A finding located in this bundle.</summary>
    public SpsPluginDiagnostic Finding(SpsPluginRule rule, string message, string? entry = null, int? line = null, int? column = null, string? fix = null) =>
        new(rule.Id, rule.Severity, message, Path, entry, line, column, fix ?? rule.Fix);
}
