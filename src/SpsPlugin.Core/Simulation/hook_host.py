"""SpsPlugin's hook host: runs one hook of a plugin the way SPS does, in a process of its own.

argv: request.json result.json. The request holds the plugin folder, the entry module, the
configuration text, the hook name and its arguments. The plugin's main module is loaded from the
folder, a fresh Plugin(configuration) is made, and the hook is called with only the arguments its
signature names (all of them when it takes **kwargs). The result goes to result.json after a JSON
round trip (tuples become lists), never to stdout, which is the plugin's own (print()). stdin is
closed: a plugin that reads it gets end of file. Logging goes to stderr, as on SPS.
"""
import importlib.util
import inspect
import json
import os
import sys
import traceback


def finish(path, answer):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(answer, out)


def failure(kind, message, trace=None):
    return {"ok": False, "kind": kind, "message": message, "traceback": trace}


# SpsPlugin reads the answer back with a JSON reader that stops 64 levels below the answer
# (MiniJson.MaxDepth), that is 63 below the result. Deeper, or a value that contains itself, is
# refused here by its path; json.dump would raise RecursionError on it or write what is not read.
MAX_RESULT_DEPTH = 63


def unserialisable(value, where):
    """The path of the first value json cannot write, e.g. result['cookie']['when'].

    Walked with a stack of its own, not by recursion, as a result may nest without end."""
    pending = [(value, where, 0)]
    while pending:
        value, where, depth = pending.pop()
        if depth > MAX_RESULT_DEPTH:
            return where + " (nested more than " + str(MAX_RESULT_DEPTH) + " levels deep, or containing itself)"
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    return where + "[" + repr(key) + "] (a key of type " + type(key).__name__ + ")"
            items = [(item, where + "[" + repr(key) + "]") for key, item in value.items()]
        elif isinstance(value, (list, tuple)):
            items = [(item, where + "[" + str(index) + "]") for index, item in enumerate(value)]
        else:
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                return where + " (a " + type(value).__name__ + ")"
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
            return failure("sdk-missing", "the plugin imports the One Identity plugin SDK (" + error.name + "), which is not installed in " + sys.executable, traceback.format_exc())
        return failure("import", "loading " + entry + " failed: " + str(error), traceback.format_exc())
    except SyntaxError as error:
        return failure("syntax", "%s line %s: %s" % (error.filename, error.lineno, error.msg), traceback.format_exc())
    except BaseException as error:
        return failure("import", "loading " + entry + " raised " + type(error).__name__ + ": " + str(error), traceback.format_exc())
    plugin_class = getattr(module, "Plugin", None)
    if plugin_class is None:
        return failure("no-plugin", entry + " has no Plugin class")
    try:
        plugin = plugin_class(request["configuration"])
    except BaseException as error:
        return failure("raised", "Plugin(configuration) raised " + type(error).__name__ + ": " + str(error), traceback.format_exc())
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
        return failure("exit", "the hook called sys.exit(" + repr(error.code) + ") instead of returning", traceback.format_exc())
    except BaseException as error:
        return failure("raised", request["hook"] + " raised " + type(error).__name__ + ": " + str(error), traceback.format_exc())
    where = unserialisable(result, "result")
    if where:
        return failure("not-serialisable", "the result cannot be sent back to SPS as JSON: " + where)
    return {"ok": True, "result": json.loads(json.dumps(result)), "arguments": sorted(arguments)}


def main():
    with open(sys.argv[1], encoding="utf-8") as source:
        request = json.load(source)
    answer = run(request)
    answer["python"] = list(sys.version_info[:3])
    finish(sys.argv[2], answer)


main()
