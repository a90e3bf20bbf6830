"""SpsPlugin's hook host: runs one hook of a plugin the way SPS does, in a process of its own.

Run as `python -B -c <this source> <workspace> <result.json>`, with the request as JSON on stdin:
the plugin folder, the entry module, the configuration text, the hook name and its arguments. No
file carries the request (it holds the configuration and the answers, secrets included), and stdin
is pointed at /dev/null before the plugin runs, so a plugin that reads it gets end of file, as
before. The plugin's main module is loaded from the folder, a fresh Plugin(configuration) is made,
and the hook is called with only the arguments its signature names (all of them when it takes
**kwargs). The result goes to result.json (mode 0600, in the private workspace) after a JSON round
trip (tuples become lists), never to stdout, which is the plugin's own (print()). Logging goes to
stderr, as on SPS.

No process of the plugin outlives the call: on Linux the host is a child subreaper, so daemons the
plugin double-forks (setsid) stay its descendants, and it kills them all when the hook returns, as
SPS would. A watchdog thread notices when the caller (pwsh) dies without ending the host (SIGKILL),
and then kills the plugin's processes, deletes the workspace and exits.
"""
import sys

# -c puts the current folder first on sys.path: the host's own imports come from the standard
# library, never from whatever folder the caller stood in.
if sys.path and sys.path[0] == "":
    del sys.path[0]

# Only what every call needs is imported here: a hook call is mostly interpreter start, so each
# module counts (tools/Bench.ps1, section 6). inspect, traceback, signal and shutil are imported
# (standard_module) when an unusual hook, a failure, a child process or a dead caller needs them;
# types comes with json (re imports it). The loader functions are importlib.util's own: it
# re-exports them from the frozen bootstrap modules, which CPython has loaded before any script.
import _thread
import json
import os
import time
import types

try:
    from _frozen_importlib import module_from_spec
    from _frozen_importlib_external import spec_from_file_location
except ImportError:
    from importlib.util import module_from_spec, spec_from_file_location

# Where the host's own imports come from; the plugin's folder goes first on sys.path later.
HOST_PATH = list(sys.path)
PR_SET_CHILD_SUBREAPER = 36
CO_VARKEYWORDS = 0x08


def standard_module(name):
    """A standard-library module the host needs only now, after the plugin's folder went first on
    sys.path: found on the host's own path, so a file of the plugin's with that name is not run in
    its place (a module the plugin has imported under that name is its own StructureShadowedModule
    problem, as it is for the standard library's own imports)."""
    plugin_path = sys.path
    sys.path = list(HOST_PATH)
    try:
        return __import__(name)
    finally:
        sys.path = plugin_path


def finish(path, answer):
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
        json.dump(answer, out)


def detach_stdin():
    """The request has been read: the plugin (and what it starts) sees an empty, closed input."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


def become_subreaper():
    """Linux: orphans of the plugin's processes (setsid daemons too) are re-parented to the host, not init."""
    if not sys.platform.startswith("linux"):
        return
    try:
        # ctypes' own building blocks: the ctypes package would cost a millisecond of imports per call.
        import _ctypes

        class Libc(object):
            _handle = _ctypes.dlopen(None)

        class Function(_ctypes.CFuncPtr):
            _flags_ = _ctypes.FUNCFLAG_CDECL

        Function(("prctl", Libc))(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError, ImportError):
        pass


def descendants():
    """The live processes below the host, found through the parent ids in /proc (Linux)."""
    if not os.path.isdir("/proc/self"):
        return []
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/" + name + "/stat", "rb") as stat:
                data = stat.read()
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2:].split()
        if len(fields) > 1 and fields[0] not in (b"Z", b"X"):
            parents[int(name)] = int(fields[1])
    found = {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    found.discard(os.getpid())
    return sorted(found)


def kill_descendants():
    """Stops, then kills, every process below the host until none is left, and reaps them.

    Every process below the host descends from a child of the host (orphans come back to it, the
    subreaper), so a host without children has nothing to kill and /proc is not read at all."""
    if not os.path.isdir("/proc/self"):
        return
    for _ in range(100):
        if not has_children():
            break
        pids = descendants()
        if not pids:
            break
        signal = standard_module("signal")
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
        time.sleep(0.005)


def has_children():
    """Whether a child of the host still lives; the ended ones are reaped on the way."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        return False
    return True


def watch_parent(workspace):
    """Ends the run when the caller is gone: its pid is no longer our parent."""
    parent = os.getppid()
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            shutil = standard_module("shutil")
            kill_descendants()
            shutil.rmtree(workspace, ignore_errors=True)
            os._exit(70)


def failure(kind, message, trace=None, plugin_text=()):
    """plugin_text: the parts of message that come from the plugin, in order; SpsPlugin masks secrets
    only there, never in its own words (an answer "bytes" must not turn "(a bytes)" into "(a ********)")."""
    return {"ok": False, "kind": kind, "message": message, "traceback": trace, "plugin_text": list(plugin_text)}


def plugin_traceback(error):
    """The traceback with the plugin's frames only: not the host's (run from -c, so "<string>"), not importlib's."""
    traceback = standard_module("traceback")

    def mine(frame):
        return frame.filename == "<string>" or frame.filename.startswith("<frozen ")

    shown = traceback.TracebackException.from_exception(error)
    pending, seen = [shown], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list([f for f in current.stack if not mine(f)])
        pending.extend((current.__cause__, current.__context__))
    return "".join(shown.format())


def missing_plugin(entry, error):
    """main.py imports Plugin from a module that defines none: say so, naming that module's file."""
    if isinstance(error, ImportError) and str(error).startswith("cannot import name 'Plugin' from "):
        where = os.path.relpath(error.path, os.getcwd()) if error.path else error.name
        return failure("no-plugin", entry + " imports Plugin from " + where + ", which defines no Plugin", plugin_traceback(error), (where,))
    return None


# SpsPlugin reads the answer back with a JSON reader that stops 64 levels below the answer
# (MiniJson.MaxDepth), that is 63 below the result. Deeper, or a value that contains itself, is
# refused here by its path; json.dump would raise RecursionError on it or write what is not read.
MAX_RESULT_DEPTH = 63


def unserialisable(value, where):
    """The path of the first value json cannot write, e.g. result['cookie']['when'] (a bytes), and the path
    alone (the plugin's text in it); None when json can write it all.

    Walked with a stack of its own, not by recursion, as a result may nest without end."""
    pending = [(value, where, 0)]
    while pending:
        value, where, depth = pending.pop()
        if depth > MAX_RESULT_DEPTH:
            return where + " (nested more than " + str(MAX_RESULT_DEPTH) + " levels deep, or containing itself)", (where,)
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    path = where + "[" + repr(key) + "]"
                    return path + " (a key of type " + type(key).__name__ + ")", (path,)
            items = [(item, where + "[" + repr(key) + "]") for key, item in value.items()]
        elif isinstance(value, (list, tuple)):
            items = [(item, where + "[" + str(index) + "]") for index, item in enumerate(value)]
        else:
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                return where + " (a " + type(value).__name__ + ")", (where,)
            continue
        pending.extend((item, path, depth + 1) for item, path in reversed(items))
    return None


def declared_names(hook):
    """The argument names the hook takes by keyword, as inspect.signature gives them; None when it
    takes **kwargs, or its signature cannot be read (then it gets every argument).

    A plain method or function is read from its code object, which is what inspect.signature reads
    for it; anything else (a function with attributes such as functools.wraps' __wrapped__ or a
    __signature__, a partial, a callable object, a builtin) goes to inspect itself."""
    function = hook.__func__ if type(hook) is types.MethodType else hook
    if type(function) is types.FunctionType and not function.__dict__:
        code = function.__code__
        if code.co_flags & CO_VARKEYWORDS:
            return None
        first = getattr(code, "co_posonlyargcount", 0)
        if function is not hook and code.co_argcount > 0:
            first = max(first, 1)
        return set(code.co_varnames[first:code.co_argcount + code.co_kwonlyargcount])
    inspect = standard_module("inspect")
    try:
        parameters = inspect.signature(hook).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_KEYWORD for p in parameters):
        return None
    return {p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}


def run(request):
    folder = request["folder"]
    os.chdir(folder)
    sys.path.insert(0, folder)
    entry = request.get("entry") or "main.py"
    try:
        spec = spec_from_file_location(entry[:-3] if entry.endswith(".py") else entry, os.path.join(folder, entry))
        module = module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("safeguard"):
            return failure("sdk-missing", "the plugin imports the One Identity plugin SDK (" + error.name + "), which is not installed in " + sys.executable, plugin_traceback(error), (error.name,))
        return failure("import", "loading " + entry + " failed: " + str(error), plugin_traceback(error), (str(error),))
    except SyntaxError as error:
        return failure("syntax", "%s line %s: %s" % (error.filename, error.lineno, error.msg), plugin_traceback(error), (str(error.filename), str(error.msg)))
    except BaseException as error:
        return missing_plugin(entry, error) or failure("import", "loading " + entry + " raised " + type(error).__name__ + ": " + str(error), plugin_traceback(error), (str(error),))
    plugin_class = getattr(module, "Plugin", None)
    if plugin_class is None:
        return failure("no-plugin", entry + " neither defines nor imports a class named Plugin")
    try:
        plugin = plugin_class(request["configuration"])
    except BaseException as error:
        return failure("raised", "Plugin(configuration) raised " + type(error).__name__ + ": " + str(error), plugin_traceback(error), (str(error),))
    hook = getattr(plugin, request["hook"], None)
    if hook is None:
        return failure("no-hook", "Plugin has no " + request["hook"] + " hook")
    arguments = request["arguments"]
    names = declared_names(hook)
    if names is not None:
        arguments = {k: v for k, v in arguments.items() if k in names}
    try:
        result = hook(**arguments)
    except SystemExit as error:
        return failure("exit", "the hook called sys.exit(" + repr(error.code) + ") instead of returning", plugin_traceback(error), (repr(error.code),))
    except BaseException as error:
        return failure("raised", request["hook"] + " raised " + type(error).__name__ + ": " + str(error), plugin_traceback(error), (str(error),))
    where = unserialisable(result, "result")
    if where:
        return failure("not-serialisable", "the result cannot be sent back to SPS as JSON: " + where[0], plugin_text=where[1])
    return {"ok": True, "result": json.loads(json.dumps(result)), "arguments": sorted(arguments)}


def main():
    workspace, result_path = sys.argv[1], sys.argv[2]
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    detach_stdin()
    become_subreaper()
    # A bare thread (threading costs an import): it never holds up the exit, like a daemon thread.
    _thread.start_new_thread(watch_parent, (workspace,))
    answer = run(request)
    answer["python"] = list(sys.version_info[:3])
    finish(result_path, answer)
    sys.stdout.flush()
    sys.stderr.flush()
    # The hook has returned: what it started does not live on (SPS ends the plugin's processes),
    # and neither do threads it left running.
    kill_descendants()
    os._exit(0)


main()
