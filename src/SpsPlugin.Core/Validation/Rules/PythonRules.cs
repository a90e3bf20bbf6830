using System;
using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin.Validation.Rules;

internal sealed class PythonUnavailableRule : BundleRule
{
    public PythonUnavailableRule()
        : base("PythonUnavailable", "Python", Severity.Information, "The Python checks did not run",
            "Syntax, the Plugin class and its hooks are checked by a Python 3 interpreter; without one, SpsPlugin checks Plugin and hooks by their text and cannot check syntax.",
            "install Python 3, or give -PythonPath")
    {
    }

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        if (context.PythonFiles.Any() && !context.Python.Ran)
        {
            yield return Finding(context, $"The Python checks did not run: {context.Python.NotRunReason}. Plugin and hooks were checked by their text; syntax was not checked.");
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

    public override IEnumerable<SpsPluginDiagnostic> Check(ValidationContext context)
    {
        var grammar = context.Python.CheckedGrammar?.ToString(2) ?? context.Release.PythonVersion.ToString(2);
        foreach (var error in context.Python.SyntaxErrors)
        {
            yield return Finding(context, $"{error.File}: {error.Message} (Python {grammar} grammar).", error.File, error.Line, error.Column);
        }
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
            yield return Finding(context, $"{entry} neither defines nor imports a class named Plugin.", entry);
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
            yield return Finding(context, $"Plugin ({python.PluginFile ?? "main.py"}) has no {string.Join(" and no ", missing)}, which a type {type} plugin must have.",
                python.PluginFile, python.PluginLine);
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
