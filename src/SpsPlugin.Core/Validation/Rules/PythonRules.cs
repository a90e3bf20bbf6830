using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Validation.Rules;

internal sealed class PythonUnavailableRule : BundleRule
{
    public PythonUnavailableRule()
        : base("PythonUnavailable", "Python", Severity.Warning, "The Python checks did not run",
            "Syntax, the Plugin class, its hooks, their signatures and literal verdicts are checked by a Python 3 interpreter; without one, SpsPlugin checks Plugin and hooks by their text " +
            "and cannot check syntax, signatures or verdicts, so a bundle SPS refuses may pass. A Warning (an infrastructure problem, not the bundle's), also with -SkipPythonCheck; " +
            "exclude the rule to silence it, or make it fail the gate with -Strict.",
            "install Python 3 (from python.org or winget on Windows, e.g. apt-get install python3 on Linux), or give -PythonPath the interpreter to use")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.PythonFiles.Any() && !context.Python.Ran)
        {
            yield return Finding(context, $"The Python checks did not run: {context.Python.NotRunReason}. Skipped: syntax, the Plugin class and hooks " +
                "(checked by their text only), hook signatures and literal verdicts.");
        }
    }
}

internal sealed class PythonGrammarRule : BundleRule
{
    public PythonGrammarRule()
        : base("PythonGrammar", "Python", Severity.Information, "Syntax was checked with an older Python grammar than the target's",
            "ast.parse checks syntax against the grammar of a Python version, but only up to the interpreter's own; newer syntax than the interpreter knows cannot be judged.",
            "run the checks with a Python at least as new as the target release's")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var python = context.Python;
        if (python.Ran && python.CheckedGrammar != null && python.CheckedGrammar < new Version(context.Release.PythonVersion.Major, context.Release.PythonVersion.Minor))
        {
            yield return Finding(context,
                $"{context.Release} runs Python {context.Release.PythonVersion.ToString(2)}; syntax was checked with the grammar of Python {python.CheckedGrammar.ToString(2)}, the interpreter's own.");
        }
    }
}

internal sealed class PythonSyntaxRule : BundleRule
{
    public PythonSyntaxRule()
        : base("PythonSyntax", "Python", Severity.Error, "A Python file does not parse for the target's Python",
            "Every .py file is parsed with the grammar of the Python the target release runs (ast.parse with feature_version): a walrus or match statement fails on SPS's Python 3.6, for instance.",
            "fix the syntax, or use only what the target's Python supports")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var grammar = context.Python.CheckedGrammar?.ToString(2) ?? context.Release.PythonVersion.ToString(2);
        foreach (var error in context.Python.SyntaxErrors)
        {
            yield return Finding(context, $"{error.File}: {error.Message} (Python {grammar} grammar).", error.File, error.Line, error.Column);
        }
        // Every source is read before its failures are reported: with the Python checks the analysis has read
        // them all; without, a file no earlier rule read would go unreported (a false pass with -SkipPythonCheck).
        context.ReadPythonTexts();
        foreach (var failure in context.ReadFailures.Where(f => f.RuleId == Descriptor.Id))
        {
            yield return failure;
        }
    }
}

internal sealed class PythonShebangRule : BundleRule
{
    public const string Shebang = "#!/usr/bin/env pluginwrapper3";

    public PythonShebangRule()
        : base("PythonShebang", "Python", Severity.Error, "The entry file does not start with the pluginwrapper3 line",
            "With entry_point set, SPS runs the file with the interpreter named on its first line; Python 3 plugins need exactly '#!/usr/bin/env pluginwrapper3' (with a Unix line end).",
            "make '#!/usr/bin/env pluginwrapper3' the first line of the entry file")
    {
    }

    // Its read of the entry file records the file's decoding failure, which PythonSyntax (before it in the
    // catalogue) reports only when it was recorded before its turn: run among the Python rules, the order
    // stays the catalogue's, and so do the findings.
    public override bool RunsAfterPythonAnalysis => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var entry = context.ReadableManifest?["entry_point"];
        if (entry == null || entry.Value.Type == PyYamlType.Null)
        {
            yield break;
        }
        var text = context.ReadText(entry.PythonText);
        if (text == null)
        {
            yield break;
        }
        var end = text.IndexOf('\n');
        var first = end < 0 ? text : text.Substring(0, end);
        if (first == Shebang)
        {
            yield break;
        }
        var message = first == Shebang + "\r"
            ? $"The first line of {entry.PythonText} ends with CRLF, so the interpreter looked up is 'pluginwrapper3\\r', which does not exist."
            : $"The first line of {entry.PythonText} is '{(first.Length > 60 ? first.Substring(0, 60) + "…" : first)}', not '{Shebang}'.";
        yield return Finding(context, message, entry.PythonText, 1, 1,
            first == Shebang + "\r" ? "save the file with Unix (LF) line ends" : null);
    }
}

internal sealed class PythonPluginClassRule : BundleRule
{
    public PythonPluginClassRule()
        : base("PythonPluginClass", "Python", Severity.Error, "The entry module has no Plugin",
            "SPS looks up a class named Plugin in main.py; real plugins define it there or import it (from lib.plugin import Plugin).",
            "define class Plugin in main.py, or import it there")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var entry = PythonAnalysis.EntryModule(context);
        if (!context.Files.Any(f => f.Path == entry))
        {
            yield break;
        }
        var python = context.Python;
        if (python.PluginStatus == PluginClassStatus.Missing)
        {
            // The import was followed to the module that lacks it (a renamed class): name that module, not main.py.
            yield return python.PluginFile is { } lacking && lacking != entry
                ? Finding(context, $"{entry} imports Plugin from {lacking}, which defines no Plugin.", lacking)
                : Finding(context, $"{entry} neither defines nor imports a class named Plugin.", entry);
        }
    }
}

internal sealed class PythonHookRule : BundleRule
{
    public PythonHookRule()
        : base("PythonHook", "Python", Severity.Error, "Plugin lacks a hook its type needs",
            $"An AA plugin must implement {Needs(SpsPluginType.Aa)}; a credential store {Needs(SpsPluginType.CredentialStore)}. " +
            $"The SDK's {SpsPluginType.Aa.SdkBaseClass} and {SpsPluginType.CredentialStore.SdkBaseClass} provide them.",
            "add the method to Plugin, or derive Plugin from the SDK's base class")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var python = context.Python;
        var type = context.ReadableManifest?.Type;
        if (python.PluginStatus != PluginClassStatus.Found || python.UnresolvedBases.Count > 0 || type == null)
        {
            yield break;
        }
        var missing = Missing(type, python.Hooks.Contains).ToArray();
        if (missing.Length > 0)
        {
            var misspelt = PythonHookNameRule.Misspelt(context).Select(m => $"{m.Method.Name} (line {m.Method.Line}) is not a hook: did you mean {m.Hook}?").ToArray();
            yield return Finding(context, $"Plugin ({python.PluginFile ?? "main.py"}) has no {string.Join(" and no ", missing)}, which a type {type} plugin must have." +
                (misspelt.Length > 0 ? " " + string.Join(" ", misspelt) : string.Empty),
                python.PluginFile, python.PluginLine, null, misspelt.Length > 0 ? "rename the method to the hook's name" : null);
        }
    }

    private static string Needs(SpsPluginType type) => string.Join(", and ", Missing(type.Name, _ => false));

    /// <summary>What a plugin of <paramref name="type"/> lacks, as texts: its alternatives (when it has none of them) as one "a or b", then each required hook.</summary>
    private static IEnumerable<string> Missing(string type, Func<string, bool> has)
    {
        var hooks = SpsHooks.For(type);
        var alternatives = hooks.Where(h => h.Requirement == SpsHookRequirement.OneOfAlternatives).Select(h => h.Name).ToArray();
        if (alternatives.Length > 0 && !alternatives.Any(has))
        {
            yield return string.Join(" or ", alternatives);
        }
        foreach (var hook in hooks.Where(h => h.Requirement == SpsHookRequirement.Required && !has(h.Name)))
        {
            yield return hook.Name;
        }
    }
}

internal sealed class PythonOptionalHookRule : BundleRule
{
    private static readonly string[] OptionalAaHooks = SpsHooks.For(SpsPluginType.Aa.Name).Where(h => h.Requirement == SpsHookRequirement.Optional).Select(h => h.Name).ToArray();

    public PythonOptionalHookRule()
        : base("PythonOptionalHook", "Python", Severity.Information, "Plugin lacks an optional hook",
            $"SPS also calls {string.Join(" and ", OptionalAaHooks)} on AA plugins; without them it goes on as if they accepted.",
            "add the method if the plugin needs to authorize or clean up")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var python = context.Python;
        if (python.PluginStatus != PluginClassStatus.Found || python.UnresolvedBases.Count > 0 || context.ReadableManifest?.Type != SpsPluginType.Aa.Name)
        {
            yield break;
        }
        var missing = OptionalAaHooks.Where(h => !python.Hooks.Contains(h)).ToArray();
        if (missing.Length > 0)
        {
            yield return Finding(context, $"Plugin has no {string.Join(" or ", missing)}.", python.PluginFile, python.PluginLine);
        }
    }
}

internal sealed class PythonHookSignatureRule : BundleRule
{
    public PythonHookSignatureRule()
        : base("PythonHookSignature", "Python", Severity.Error, "A hook's signature cannot take SPS's call",
            "SPS calls a hook with keyword arguments, passing the documented names the method declares (all of them to **kwargs) (reference §2, §3.2, §4.2, §4.4). " +
            "A required parameter SPS does not pass (sessionid for session_id), a positional-only one, or a method without self is a TypeError on every call. " +
            "The SDK's AAPlugin calls do_authenticate(), do_authorize() and do_session_ended() without arguments (reference §6.4).",
            "name the parameters as SPS passes them, give the others a default, or take **kwargs")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var python = context.Python;
        var type = SpsPluginType.Find(context.ReadableManifest?.Type);
        if (python.PluginStatus != PluginClassStatus.Found || type == null)
        {
            yield break;
        }
        foreach (var method in python.Methods.Values.Where(m => !ChangesSignature(m)))
        {
            var hook = SpsHooks.Find(type.Name, method.Name);
            var calledBySdk = hook == null && python.SdkBase == type.SdkBaseClass && type.SdkUserHooks.Contains(method.Name);
            var problems = hook != null
                ? HookProblems(method, hook).Concat(MissingSelf(method))
                : calledBySdk
                    ? Unbound(method).Where(p => !p.HasDefault).Select(p => $"{p.Name} is required, but the SDK's {type.SdkBaseClass} calls {method.Name}() without arguments").Concat(MissingSelf(method))
                    : Enumerable.Empty<string>();
            foreach (var problem in problems)
            {
                yield return Finding(context, $"{method.Name}(): {problem}{(problem.EndsWith("?", StringComparison.Ordinal) ? string.Empty : ".")}", method.File, method.Line);
            }
        }
    }

    private static IEnumerable<string> HookProblems(PythonMethod method, SpsHook hook)
    {
        var passed = hook.ArgumentNames.Concat(hook.DeprecatedArgumentNames).ToArray();
        foreach (var parameter in Unbound(method).Where(p => !p.HasDefault))
        {
            if (parameter.Kind == PythonParameterKind.PositionalOnly)
            {
                yield return $"{parameter.Name} is positional-only (before '/'), but SPS passes every argument by name";
            }
            else if (!passed.Contains(parameter.Name, StringComparer.Ordinal))
            {
                var near = EditDistance.Closest(parameter.Name, passed, Math.Max(2, parameter.Name.Length / 3));
                yield return $"{parameter.Name} is not an argument SPS passes to {hook.Name}" + (near != null ? $"; did you mean {near}?" : $" (it passes {string.Join(", ", hook.ArgumentNames)})");
            }
        }
    }

    /// <summary>A decorator other than staticmethod/classmethod may wrap the method in one of another signature, which the AST cannot tell.</summary>
    private static bool ChangesSignature(PythonMethod method) => method.Decorators.Any(d => d != "staticmethod" && d != "classmethod");

    private static bool IsStatic(PythonMethod method) => method.Decorators.Contains("staticmethod");

    /// <summary>The parameters a call fills: all but the first positional one (self or cls), which Python binds.</summary>
    private static IEnumerable<PythonParameter> Unbound(PythonMethod method)
    {
        var bound = IsStatic(method) ? null : method.Parameters.FirstOrDefault(p => p.Kind is PythonParameterKind.PositionalOnly or PythonParameterKind.Positional);
        return method.Parameters.Where(p => p != bound);
    }

    private static IEnumerable<string> MissingSelf(PythonMethod method)
    {
        if (!IsStatic(method) && !method.Parameters.Any(p => p.Kind is PythonParameterKind.PositionalOnly or PythonParameterKind.Positional or PythonParameterKind.VarPositional))
        {
            yield return "it has no self parameter, but Python passes the instance to a method";
        }
    }
}

internal sealed class PythonHookNameRule : BundleRule
{
    public PythonHookNameRule()
        : base("PythonHookName", "Python", Severity.Warning, "A method of Plugin looks like a misspelt hook",
            "SPS calls hooks by their exact names; a method named authorise or get_passwords_list is never called. When the type's required hook is then missing, PythonHook reports it as an Error with the same suggestion.",
            "rename the method to the hook's name")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context) =>
        Misspelt(context).Select(m => Finding(context, $"{m.Method.Name} is not a hook SPS calls on a type {context.ReadableManifest!.Type} plugin: did you mean {m.Hook}?",
            m.Method.File, m.Method.Line));

    /// <summary>
    /// Methods of Plugin that are not hooks of its type but a few edits from one (or, on an SDK
    /// subclass, from a method the SDK calls); private (_-prefixed) methods are the plugin's own.
    /// </summary>
    internal static IEnumerable<(PythonMethod Method, string Hook)> Misspelt(ValidationContext context)
    {
        var python = context.Python;
        var type = SpsPluginType.Find(context.ReadableManifest?.Type);
        if (python.PluginStatus != PluginClassStatus.Found || type == null)
        {
            yield break;
        }
        var names = type.Hooks.Select(h => h.Name).Concat(python.SdkBase == type.SdkBaseClass ? type.SdkUserHooks : Enumerable.Empty<string>()).Distinct().ToArray();
        foreach (var method in python.Methods.Values.Where(m => !names.Contains(m.Name, StringComparer.Ordinal)))
        {
            var near = EditDistance.Closest(method.Name, names, 2);
            if (near != null && !python.Methods.ContainsKey(near))
            {
                yield return (method, near);
            }
        }
    }
}

internal sealed class PythonVerdictRule : BundleRule
{
    public PythonVerdictRule()
        : base("PythonVerdict", "Python", Severity.Error, "A hook spells a verdict SPS does not know",
            $"SPS reads the verdict of an AA hook's result as one of {string.Join(", ", SpsVerdict.Known)}, in upper case (reference §3.3); " +
            "any other literal ({'verdict': 'ACCEPTED'}, verdict='accept') is not a verdict SPS knows.",
            "spell the verdict as SPS does, or use the SDK's AAResponse.accept()/deny()/need_info()")
    {
    }

    public override bool NeedsPython => true;

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.Python.PluginStatus != PluginClassStatus.Found || context.ReadableManifest?.Type != SpsPluginType.Aa.Name)
        {
            yield break;
        }
        foreach (var method in context.Python.Methods.Values)
        {
            foreach (var verdict in method.Verdicts.Where(v => !SpsVerdict.IsKnown(v.Value)))
            {
                var near = EditDistance.ClosestInUpperCase(verdict.Value, SpsVerdict.Known, SpsVerdict.SuggestionLimit);
                yield return Finding(context, $"{method.Name} returns the verdict '{verdict.Value}', which SPS does not know" +
                    (near != null ? $": did you mean {near}?" : $" (it knows {string.Join(", ", SpsVerdict.Known)})."), method.File, verdict.Line);
            }
        }
    }
}
