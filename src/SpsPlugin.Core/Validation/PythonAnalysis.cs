using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
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
/// The Python side of validation, run once per bundle: one interpreter process checks every .py
/// file (syntax for the target Python, the Plugin class and its hooks) through check_bundle.py.
/// Without an interpreter it falls back to lexical checks, and says so.
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

    // The hooks each SDK base class provides, for check_bundle.py's request: {"AAPlugin": ["authenticate", ...], ...}.
    private static readonly Lazy<string> SdkHooksJson = new(() => MiniJson.Write(SpsPluginType.Known.Where(t => t.SdkBaseClass != null)
        .ToDictionary(t => t.SdkBaseClass!, t => t.Hooks.Select(h => h.Name).ToArray())));

    private static readonly Regex DefinesPlugin = new(@"^\s*class\s+Plugin\b", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ImportsPlugin = new(@"^\s*from\s+\S+\s+import\s+(?:\(?[^\n]*\b)Plugin\b", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private PythonAnalysis()
    {
    }

    /// <summary>True when an interpreter ran the checks; false for the lexical fallback.</summary>
    public bool Ran { get; private set; }

    /// <summary>Why the Python checks did not run (no interpreter, disabled, failed); null when they ran.</summary>
    public string? NotRunReason { get; private set; }

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

    public static PythonAnalysis Run(ValidationContext context)
    {
        var analysis = new PythonAnalysis();
        var entry = EntryModule(context);
        var python = context.Options.UsePython ? PythonLocator.Find(context.Options.PythonPath) : null;
        if (!context.Options.UsePython)
        {
            analysis.NotRunReason = "the Python checks are turned off";
        }
        else if (python == null)
        {
            analysis.NotRunReason = "no Python 3 interpreter was found (looked at -PythonPath, SPSPLUGIN_PYTHON, /usr/bin/python3 and PATH)";
        }
        else if (context.PythonFiles.Any())
        {
            var sources = context.PythonFiles.Select(f => (f.Path, Text: context.ReadText(f.Path))).Where(f => f.Text != null).ToList();
            analysis.RunInterpreter(python, context.Release.PythonVersion, entry, sources!, context.Options.PythonTimeout);
        }
        if (!analysis.Ran)
        {
            analysis.Lexical(context, entry);
        }
        return analysis;
    }

    /// <summary>The file SPS starts: entry_point, or main.py for legacy plugins.</summary>
    public static string EntryModule(ValidationContext context)
    {
        var entry = context.ReadableManifest?["entry_point"];
        return entry == null || entry.Value.Type == PyYamlType.Null ? "main.py" : entry.PythonText;
    }

    private void RunInterpreter(string python, Version target, string entry, List<(string Path, string Text)> sources, TimeSpan timeout)
    {
        var request = new StringBuilder("{\"feature_version\": [")
            .Append(target.Major.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(target.Minor.ToString(CultureInfo.InvariantCulture))
            .Append("], \"entry\": ").Append(MiniJson.Quote(entry)).Append(", \"sdk_hooks\": ").Append(SdkHooksJson.Value).Append(", \"files\": {");
        request.Append(string.Join(", ", sources.Select(s => MiniJson.Quote(s.Path) + ": " + MiniJson.Quote(s.Text))));
        request.Append("}}");
        PythonRunResult run;
        try
        {
            run = PythonProcess.Run(python, Script.Value, request.ToString(), timeout);
        }
        catch (Exception error) when (error is InvalidOperationException || error is System.ComponentModel.Win32Exception || error is IOException)
        {
            NotRunReason = $"'{python}' could not be started ({error.Message})";
            return;
        }
        if (run.TimedOut || run.ExitCode != 0)
        {
            NotRunReason = run.TimedOut
                ? $"'{python}' took longer than {timeout.TotalSeconds:N0} s"
                : $"'{python}' failed (exit code {run.ExitCode}): {LastLine(run.Stderr)}";
            return;
        }
        try
        {
            Read((Dictionary<string, object?>)MiniJson.Parse(run.Stdout)!);
            Ran = true;
        }
        catch (Exception error) when (error is FormatException || error is InvalidCastException || error is KeyNotFoundException || error is NullReferenceException)
        {
            NotRunReason = $"'{python}' answered something unexpected ({error.Message})";
        }
    }

    private void Read(Dictionary<string, object?> result)
    {
        InterpreterVersion = ToVersion((List<object?>)result["python"]!);
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
        if (plugin.TryGetValue("hooks", out var hooks) && hooks is List<object?> names)
        {
            Hooks.UnionWith(names.OfType<string>());
        }
        if (plugin.TryGetValue("unresolved_bases", out var bases) && bases is List<object?> unresolved)
        {
            UnresolvedBases.AddRange(unresolved.OfType<string>());
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
