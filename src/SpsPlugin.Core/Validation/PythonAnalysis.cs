using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SpsPlugin.IO;

namespace SpsPlugin.Validation;

/// <summary>Where the Plugin class of the entry module stands.</summary>
internal enum PluginClassStatus
{
    /// <summary>Found (in the bundle or as an SDK class), with its hooks.</summary>
    Found,

    /// <summary>The entry module neither defines nor imports Plugin.</summary>
    Missing,

    /// <summary>It could not be followed (imported from outside the bundle, a file that does not parse).</summary>
    Unresolved,
}

/// <summary>A syntax error found by the Python checks.</summary>
internal sealed class PythonSyntaxError
{
    public PythonSyntaxError(string file, int? line, int? column, string message)
    {
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public string File { get; }

    public int? Line { get; }

    public int? Column { get; }

    public string Message { get; }
}

/// <summary>
/// The Python side of validation: one interpreter process checks the .py files of many bundles
/// (syntax for the target Python, the Plugin class, its hooks, their signatures and literal verdicts)
/// through check_bundle.py, which answers bundle by bundle. Without an interpreter it falls back to
/// lexical checks, and says so.
/// </summary>
internal sealed class PythonAnalysis
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PythonAnalysis).Assembly.GetManifestResourceStream("SpsPlugin.check_bundle.py")
            ?? throw new InvalidOperationException("the embedded check_bundle.py is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    // What every request shares: the hooks each SDK base class provides ({"AAPlugin": ["authenticate", ...], ...})
    // and the result key of a verdict, so check_bundle.py holds no copy of SPS's words.
    private static readonly Lazy<string> RequestHead = new(() => "{\"sdk_hooks\": " + MiniJson.Write(SpsPluginType.Known.Where(t => t.SdkBaseClass != null)
        .ToDictionary(t => t.SdkBaseClass!, t => t.Hooks.Select(h => h.Name).ToArray())) + ", \"verdict_key\": " + MiniJson.Quote(SpsVerdict.ResultKey) + ", \"bundles\": [");

    private static readonly Regex DefinesPlugin = new(@"^\s*class\s+Plugin\b", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ImportsPlugin = new(@"^\s*from\s+\S+\s+import\s+(?:\(?[^\n]*\b)Plugin\b", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private PythonAnalysis()
    {
    }

    /// <summary>True when an interpreter ran the checks; false for the lexical fallback.</summary>
    public bool Ran { get; private set; }

    /// <summary>Why the Python checks did not run (no interpreter, disabled, failed); null when they ran.</summary>
    public string? NotRunReason { get; private set; }

    /// <summary>The interpreter that ran the checks; null when they did not run.</summary>
    public PythonInterpreter? Interpreter { get; private set; }

    /// <summary>The interpreter's version, when it ran.</summary>
    public Version? InterpreterVersion { get; private set; }

    /// <summary>The grammar the syntax was checked with (the target's, or the interpreter's when older).</summary>
    public Version? CheckedGrammar { get; private set; }

    public List<PythonSyntaxError> SyntaxErrors { get; } = new();

    public PluginClassStatus PluginStatus { get; private set; } = PluginClassStatus.Unresolved;

    /// <summary>Why the Plugin class could not be followed.</summary>
    public string? UnresolvedReason { get; private set; }

    /// <summary>The file and line of the Plugin class, when found in the bundle.</summary>
    public string? PluginFile { get; private set; }

    public int? PluginLine { get; private set; }

    /// <summary>The hooks Plugin has (its own methods and those of its bases).</summary>
    public HashSet<string> Hooks { get; } = new(StringComparer.Ordinal);

    /// <summary>Base classes that could not be followed: they may provide hooks, so missing hooks are not reported.</summary>
    public List<string> UnresolvedBases { get; } = new();

    /// <summary>The SDK base class Plugin derives from (directly or through classes of the bundle), or null.</summary>
    public string? SdkBase { get; private set; }

    /// <summary>The public methods of Plugin found in the bundle, by name, as Python looks them up (own before inherited); empty without an interpreter.</summary>
    public Dictionary<string, PythonMethod> Methods { get; } = new(StringComparer.Ordinal);

    /// <summary>The most bundles checked by one interpreter process.</summary>
    internal const int BatchBundles = 64;

    /// <summary>The most source characters sent to one interpreter process, so memory stays bounded whatever the bundles hold.</summary>
    internal const long BatchCharacters = 8L * 1024 * 1024;

    /// <summary>
    /// Starts the analysis of each context of <paramref name="contexts"/> (one batch: see <see cref="BatchBundles"/>)
    /// with one run of <paramref name="python"/> (null: none was found). The interpreter works on its own
    /// thread while the caller runs the rules that do not read its answers; <see cref="StartedBatch.Finish"/>
    /// waits for it and gives each context its analysis. The request is built here, on the caller's
    /// thread: only the contexts' owner reads their files.
    /// </summary>
    public static StartedBatch Start(IReadOnlyList<ValidationContext> contexts, PythonInterpreter? python)
    {
        var analyses = new List<PythonAnalysis>();
        var pending = new List<Pending>();
        foreach (var context in contexts)
        {
            var analysis = new PythonAnalysis();
            analyses.Add(analysis);
            if (!context.Options.UsePython)
            {
                analysis.NotRunReason = "they are turned off (-SkipPythonCheck)";
            }
            else if (python == null)
            {
                analysis.NotRunReason = $"no Python 3 interpreter was found (searched {PythonSearchAdvice.SystemPlaces(PythonSearchEnvironment.Current)}){PythonSearchAdvice.StoreAliasNote(PythonSearchEnvironment.Current)}";
            }
            else if (context.PythonFiles.Any())
            {
                pending.Add(new Pending(context, analysis));
            }
        }
        var batch = new StartedBatch(contexts, analyses, python, pending);
        if (!batch.Running)
        {
            // Nothing to wait for: the analyses (reasons, the lexical fallback) are there before any rule runs.
            batch.Finish();
        }
        return batch;
    }

    /// <summary>The source characters a context adds to a batch (its readable .py files).</summary>
    public static long BatchSize(ValidationContext context)
    {
        if (!context.Options.UsePython)
        {
            return 0;
        }
        context.ReadPythonTexts();
        return context.PythonFiles.Sum(f => (long)(context.ReadText(f.Path)?.Length ?? 0));
    }

    /// <summary>The file SPS starts: entry_point, or main.py for legacy plugins.</summary>
    public static string EntryModule(ValidationContext context)
    {
        var entry = context.ReadableManifest?["entry_point"];
        return entry == null || entry.Value.Type == PyYamlType.Null ? "main.py" : entry.PythonText;
    }

    /// <summary>The request for <paramref name="pending"/>: what every request shares, then each bundle's part.</summary>
    private static string Request(List<Pending> pending) =>
        new StringBuilder(RequestHead.Value).Append(string.Join(", ", pending.Select(p => p.Request()))).Append("]}").ToString();

    /// <summary>One interpreter process for a request; a process that cannot be started is the error that says why.</summary>
    private static Launch Run(PythonInterpreter python, string request, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            using var span = StartupTrace.Span("python.check_bundle");
            return new Launch(PythonProcess.Run(python.Path, Script.Value, request, timeout, cancellation), null);
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            return new Launch(null, error);
        }
    }

    /// <summary>
    /// The answers of one process for all of <paramref name="pending"/>. check_bundle.py answers a line
    /// per bundle as it goes, so when the process dies or times out on one bundle, the bundles answered
    /// keep their answers and the rest are checked again one per process: a bad bundle gets the answer it
    /// would get alone, and takes no other bundle with it.
    /// </summary>
    private static void Answer(PythonInterpreter python, List<Pending> pending, TimeSpan timeout, Launch launch)
    {
        if (launch.Run is not { } run)
        {
            pending.ForEach(p => p.Analysis.NotRunReason = $"'{python.Path}' could not be started ({launch.Failure!.Message})");
            return;
        }
        // Complete lines only: the first is the interpreter's version, then one per bundle.
        var lines = run.Stdout.Split('\n');
        var answers = lines.Length - 2;
        for (var i = 0; i < Math.Min(answers, pending.Count); i++)
        {
            pending[i].Analysis.Read(python, lines[0], lines[i + 1]);
        }
        var unanswered = pending.Skip(Math.Max(answers, 0)).ToList();
        if (unanswered.Count > 1 || (unanswered.Count == 1 && pending.Count > 1))
        {
            unanswered.ForEach(p => Answer(python, new List<Pending> { p }, timeout, Run(python, Request(new List<Pending> { p }), timeout, CancellationToken.None)));
        }
        else if (unanswered.Count == 1)
        {
            unanswered[0].Analysis.NotRunReason = run.TimedOut
                ? $"'{python.Path}' took longer than {timeout.TotalSeconds:N0} s"
                : run.ExitCode != 0
                    ? $"'{python.Path}' failed (exit code {run.ExitCode}): {LastLine(run.Stderr)}"
                    : $"'{python.Path}' answered something unexpected (no answer for the bundle)";
        }
    }

    /// <summary>What a process gave back, or why it could not be started.</summary>
    private sealed class Launch
    {
        public Launch(PythonRunResult? run, Exception? failure)
        {
            Run = run;
            Failure = failure;
        }

        public PythonRunResult? Run { get; }

        public Exception? Failure { get; }
    }

    /// <summary>
    /// The Python checks of one batch, started by <see cref="PythonAnalysis.Start"/>. Disposing a batch
    /// that was not finished (the caller stopped, a rule failed) cancels its process, which kills every
    /// process of the run, and waits for its thread: no thread or process outlives the validation.
    /// </summary>
    internal sealed class StartedBatch : IDisposable
    {
        private readonly IReadOnlyList<ValidationContext> _contexts;
        private readonly List<PythonAnalysis> _analyses;
        private readonly PythonInterpreter? _python;
        private readonly List<Pending> _pending;
        private readonly CancellationTokenSource _cancel = new();
        private Task<Launch>? _run;
        private bool _finished;

        public StartedBatch(IReadOnlyList<ValidationContext> contexts, List<PythonAnalysis> analyses, PythonInterpreter? python, List<Pending> pending)
        {
            _contexts = contexts;
            _analyses = analyses;
            _python = python;
            _pending = pending;
            if (python != null && pending.Count > 0)
            {
                var request = Request(pending);
                var timeout = contexts[0].Options.PythonTimeout;
                // A thread of its own, as PythonProcess's readers have: a pool thread may be long in coming.
                _run = Task.Factory.StartNew(() => Run(python, request, timeout, _cancel.Token),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>True while the batch's interpreter works.</summary>
        public bool Running => _run != null;

        /// <summary>Waits for the interpreter (bounded by the Python timeout), reads its answers and gives each context its analysis.</summary>
        public void Finish()
        {
            if (_finished)
            {
                return;
            }
            if (_run != null)
            {
                var launch = _run.GetAwaiter().GetResult();
                _run = null;
                Answer(_python!, _pending, _contexts[0].Options.PythonTimeout, launch);
            }
            _finished = true;
            for (var i = 0; i < _contexts.Count; i++)
            {
                _contexts[i].UsePythonAnalysis(_analyses[i]);
            }
            foreach (var context in _contexts.Where(c => !c.Python.Ran))
            {
                context.Python.Lexical(context, EntryModule(context));
            }
        }

        public void Dispose()
        {
            if (_run != null)
            {
                _cancel.Cancel();
                try
                {
                    _run.Wait();
                }
                catch (AggregateException)
                {
                    // The batch was abandoned: nobody is left to read why its run failed.
                }
                _run = null;
            }
            _cancel.Dispose();
        }
    }

    private void Read(PythonInterpreter python, string head, string line)
    {
        try
        {
            var version = (Dictionary<string, object?>)MiniJson.Parse(head)!;
            var result = (Dictionary<string, object?>)MiniJson.Parse(line)!;
            if (result.TryGetValue("failed", out var failed))
            {
                NotRunReason = $"'{python.Path}' failed: {failed}";
                return;
            }
            InterpreterVersion = ToVersion((List<object?>)version["python"]!);
            Read(result);
            Interpreter = python;
            Ran = true;
        }
        catch (Exception error) when (error is FormatException || error is InvalidCastException || error is KeyNotFoundException || error is NullReferenceException)
        {
            NotRunReason = $"'{python.Path}' answered something unexpected ({error.Message})";
        }
    }

    private void Read(Dictionary<string, object?> result)
    {
        CheckedGrammar = ToVersion((List<object?>)result["feature_version"]!);
        foreach (var error in ((List<object?>)result["syntax"]!).Cast<Dictionary<string, object?>>())
        {
            SyntaxErrors.Add(new PythonSyntaxError((string)error["file"]!, ToInt(error["line"]), ToInt(error["column"]), (string)error["message"]!));
        }
        var plugin = (Dictionary<string, object?>)result["plugin"]!;
        var status = (string)plugin["status"]!;
        PluginStatus = status == "missing" ? PluginClassStatus.Missing : status == "unresolved" ? PluginClassStatus.Unresolved : PluginClassStatus.Found;
        UnresolvedReason = plugin.TryGetValue("reason", out var reason) ? reason as string : null;
        PluginFile = plugin.TryGetValue("file", out var file) ? file as string : null;
        PluginLine = plugin.TryGetValue("line", out var line) ? ToInt(line) : null;
        SdkBase = (plugin.TryGetValue("sdk", out var sdk) ? sdk : null) as string ?? (status == "sdk" ? plugin["base"] as string : null);
        if (plugin.TryGetValue("hooks", out var hooks) && hooks is List<object?> names)
        {
            Hooks.UnionWith(names.OfType<string>());
        }
        if (plugin.TryGetValue("unresolved_bases", out var bases) && bases is List<object?> unresolved)
        {
            UnresolvedBases.AddRange(unresolved.OfType<string>());
        }
        if (plugin.TryGetValue("methods", out var methods) && methods is Dictionary<string, object?> byName)
        {
            foreach (var pair in byName)
            {
                Methods[pair.Key] = ToMethod(pair.Key, (Dictionary<string, object?>)pair.Value!);
            }
        }
    }

    private static PythonMethod ToMethod(string name, Dictionary<string, object?> method) => new(
        name,
        (string)method["file"]!,
        ToInt(method["line"]),
        ((List<object?>)method["params"]!).Cast<List<object?>>()
            .Select(p => new PythonParameter((string)p[0]!, ParameterKinds[(string)p[1]!], (bool)p[2]!)).ToArray(),
        ((List<object?>)method["decorators"]!).Cast<string>().ToArray(),
        ((List<object?>)method["verdicts"]!).Cast<List<object?>>().Select(v => new PythonLiteral((string)v[0]!, ToInt(v[1]))).ToArray());

    private static readonly Dictionary<string, PythonParameterKind> ParameterKinds = new(StringComparer.Ordinal)
    {
        ["positional_only"] = PythonParameterKind.PositionalOnly,
        ["positional"] = PythonParameterKind.Positional,
        ["var_positional"] = PythonParameterKind.VarPositional,
        ["keyword_only"] = PythonParameterKind.KeywordOnly,
        ["var_keyword"] = PythonParameterKind.VarKeyword,
    };

    /// <summary>A context waiting in a batch, with its part of the request.</summary>
    internal sealed class Pending
    {
        public Pending(ValidationContext context, PythonAnalysis analysis)
        {
            Context = context;
            Analysis = analysis;
        }

        public ValidationContext Context { get; }

        public PythonAnalysis Analysis { get; }

        public string Request()
        {
            var target = Context.Release.PythonVersion;
            var sources = Context.PythonFiles.Select(f => (f.Path, Text: Context.ReadText(f.Path))).Where(f => f.Text != null);
            return new StringBuilder("{\"feature_version\": [")
                .Append(target.Major.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(target.Minor.ToString(CultureInfo.InvariantCulture))
                .Append("], \"entry\": ").Append(MiniJson.Quote(EntryModule(Context))).Append(", \"files\": {")
                .Append(string.Join(", ", sources.Select(s => MiniJson.Quote(s.Path) + ": " + MiniJson.Quote(s.Text!))))
                .Append("}}").ToString();
        }
    }

    /// <summary>
    /// Without an interpreter: Plugin and hooks found by their text in the entry module and the
    /// module it imports Plugin from (only those two are read); syntax is not checked.
    /// </summary>
    private void Lexical(ValidationContext context, string entry)
    {
        var main = context.ReadText(entry);
        if (main == null)
        {
            UnresolvedReason = entry + " could not be read";
            return;
        }
        var texts = new List<string> { main };
        var import = ImportsPlugin.Match(main);
        if (DefinesPlugin.IsMatch(main))
        {
            PluginStatus = PluginClassStatus.Found;
        }
        else if (import.Success)
        {
            PluginStatus = PluginClassStatus.Found;
            var module = Regex.Match(import.Value, @"from\s+(\S+)\s+import").Groups[1].Value.TrimStart('.').Replace('.', '/');
            var text = context.ReadText(module + ".py") ?? context.ReadText(module + "/__init__.py");
            if (text != null)
            {
                texts.Add(text);
            }
        }
        else
        {
            PluginStatus = PluginClassStatus.Missing;
            return;
        }
        var all = string.Join("\n", texts);
        foreach (var hook in SpsHooks.Names)
        {
            if (Regex.IsMatch(all, @"^\s*def\s+" + hook + @"\s*\(", RegexOptions.Multiline))
            {
                Hooks.Add(hook);
            }
        }
        foreach (var type in SpsPluginType.Known.Where(t => t.SdkBaseClass != null && all.Contains(t.SdkBaseClass)))
        {
            Hooks.UnionWith(type.Hooks.Select(h => h.Name));
        }
        if (texts.Count == 1 && import.Success)
        {
            // Plugin comes from outside what could be read: its hooks cannot be known.
            UnresolvedBases.Add("Plugin");
        }
    }

    private static Version ToVersion(List<object?> parts) =>
        new(parts.Count > 0 ? ToInt(parts[0]) ?? 0 : 0, parts.Count > 1 ? ToInt(parts[1]) ?? 0 : 0);

    private static int? ToInt(object? value) => value switch
    {
        long whole => (int)whole,
        double number => (int)number,
        _ => null,
    };

    private static string LastLine(string text) =>
        text.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no error output";
}
