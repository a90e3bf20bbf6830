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

import importlib.util
import inspect
import json
import os
import shutil
import signal
import threading
import time
import traceback

PR_SET_CHILD_SUBREAPER = 36


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
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
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
    """Stops, then kills, every process below the host until none is left, and reaps them."""
    for _ in range(100):
        pids = descendants()
        if not pids:
            break
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
        time.sleep(0.005)
        reap()


def reap():
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def watch_parent(workspace):
    """Ends the run when the caller is gone: its pid is no longer our parent."""
    parent = os.getppid()
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            kill_descendants()
            shutil.rmtree(workspace, ignore_errors=True)
            os._exit(70)


def failure(kind, message, trace=None, plugin_text=()):
    """plugin_text: the parts of message that come from the plugin, in order; SpsPlugin masks secrets
    only there, never in its own words (an answer "bytes" must not turn "(a bytes)" into "(a ********)")."""
    return {"ok": False, "kind": kind, "message": message, "traceback": trace, "plugin_text": list(plugin_text)}


def plugin_traceback(error):
    """The traceback with the plugin's frames only: not the host's (run from -c, so "<string>"), not importlib's."""
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


def run(request):
    folder = request["folder"]
    os.chdir(folder)
    sys.path.insert(0, folder)
    entry = request.get("entry") or "main.py"
    try:
        spec = importlib.util.spec_from_file_location(entry[:-3] if entry.endswith(".py") else entry, os.path.join(folder, entry))
        module = importlib.util.module_from_spec(spec)
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
    try:
        parameters = inspect.signature(hook).parameters.values()
        if not any(p.kind == p.VAR_KEYWORD for p in parameters):
            names = {p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
            arguments = {k: v for k, v in arguments.items() if k in names}
    except (TypeError, ValueError):
        pass
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
    threading.Thread(target=watch_parent, args=(workspace,), daemon=True).start()
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
