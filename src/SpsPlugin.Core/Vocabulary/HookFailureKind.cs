using System.Collections.Generic;
using System.Linq;

namespace SpsPlugin;

/// <summary>
/// Why a hook call failed, as <c>SpsPluginHookResult.ErrorKind</c> names it, with what to do about
/// it. Kinds marked <see cref="ReportedByHost"/> come from the Python hook host (hook_host.py), the
/// others from <c>SpsPluginHookRunner</c>; a test holds hook_host.py to this table.
/// </summary>
public sealed class HookFailureKind
{
    /// <summary>The hook ran past its timeout and was killed with its processes; its cookies are lost, as on SPS (reference §2).</summary>
    public static readonly HookFailureKind Timeout = new("timeout", false, "make the hook return within the timeout (give -TimeoutSec to allow more)");

    /// <summary>The caller stopped the call (Ctrl+C).</summary>
    public static readonly HookFailureKind Cancelled = new("cancelled", false, "run the command again and let it finish");

    /// <summary>The result's JSON is larger than SpsPlugin reads (<c>SpsPluginHookRunner.ResultCap</c>, 16 MiB).</summary>
    public static readonly HookFailureKind ResultTooLarge = new("result-too-large", false, "keep cookies and results small (SPS stores them with the session)");

    /// <summary>The process ended without an answer (os._exit, a crash), or the answer could not be read.</summary>
    public static readonly HookFailureKind NoResult = new("no-result", false, "return from the hook instead of ending the process; see the plugin's log");

    /// <summary>The hook returned something other than a dict or None (reference §3.3).</summary>
    public static readonly HookFailureKind NotADict = new("not-a-dict", false, "return a dict (or None)");

    /// <summary>The result is a dict SPS cannot act on: a verdict it does not know, a malformed question, a value of the wrong type (reference §3.3, §4.3).</summary>
    public static readonly HookFailureKind WrongResult = new("wrong-result", false, "return the values SPS reads: the message names the key and what it takes");

    /// <summary>The host answered without naming a kind.</summary>
    public static readonly HookFailureKind Failed = new("failed", false, DefaultAction);

    /// <summary>The plugin imports the One Identity plugin SDK, which the interpreter lacks (reference §6.1).</summary>
    public static readonly HookFailureKind SdkMissing = new("sdk-missing", true, "install the plugin SDK into that interpreter (pip install oneidentity-safeguard-sessions-plugin-sdk), or give -PythonPath");

    /// <summary>The plugin has no entry module (main.py) at its root, so there is nothing to run (reference §1.1, §2).</summary>
    public static readonly HookFailureKind NoEntry = new("no-entry", false, "add main.py at the plugin's root, exporting Plugin (Test-SpsPluginBundle reports it as StructureMainPy)");

    /// <summary>Loading the entry module failed (a missing module, or the module raised).</summary>
    public static readonly HookFailureKind Import = new("import", true, DefaultAction);

    /// <summary>The entry module has a syntax error.</summary>
    public static readonly HookFailureKind Syntax = new("syntax", true, "fix the syntax error (Test-SpsPluginBundle checks it for the target Python)");

    /// <summary>The entry module has no class named Plugin (reference §2).</summary>
    public static readonly HookFailureKind NoPlugin = new("no-plugin", true, "define or import a class named Plugin in the entry module");

    /// <summary>Plugin(configuration) or the hook raised an exception.</summary>
    public static readonly HookFailureKind Raised = new("raised", true, DefaultAction);

    /// <summary>Plugin has no method of the hook's name.</summary>
    public static readonly HookFailureKind NoHook = new("no-hook", true, "add the hook to Plugin, or derive Plugin from the SDK's base class");

    /// <summary>The hook called sys.exit() instead of returning.</summary>
    public static readonly HookFailureKind Exit = new("exit", true, "return a result from the hook instead of calling sys.exit()");

    /// <summary>The result holds a value JSON cannot carry (reference §2: results must be JSON-serialisable).</summary>
    public static readonly HookFailureKind NotSerialisable = new("not-serialisable", true, "return only dicts, lists, strings, numbers, booleans and None");

    private const string DefaultAction = "see the traceback and the plugin's log";

    private HookFailureKind(string name, bool reportedByHost, string recommendedAction)
    {
        Name = name;
        ReportedByHost = reportedByHost;
        RecommendedAction = recommendedAction;
    }

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<HookFailureKind> All { get; } = new[]
    {
        Timeout, Cancelled, ResultTooLarge, NoResult, NotADict, WrongResult, Failed, NoEntry, SdkMissing, Import, Syntax, NoPlugin, Raised, NoHook, Exit, NotSerialisable,
    };

    /// <summary>
    /// True when the plugin's module could not be loaded (no SDK, an import or syntax error, no Plugin
    /// class): every other hook of the plugin would fail the same way, so it is reported once.
    /// </summary>
    public bool MeansNotLoaded => this == NoEntry || this == SdkMissing || this == Import || this == Syntax || this == NoPlugin;

    /// <summary>The kind as <c>SpsPluginHookResult.ErrorKind</c> spells it.</summary>
    public string Name { get; }

    /// <summary>True when the Python hook host reports it; false when the runner around it does.</summary>
    public bool ReportedByHost { get; }

    /// <summary>What to do about it, for the error record's recommended action.</summary>
    public string RecommendedAction { get; }

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static HookFailureKind? Find(string? name) => All.FirstOrDefault(k => k.Name == name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
