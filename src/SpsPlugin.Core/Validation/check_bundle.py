"""SpsPlugin's Python checks of plugin bundles (run by Test-SpsPluginBundle, many bundles per process).

Reads a request on stdin (JSON of strings, numbers, lists and objects, which is also a Python literal, so
ast.literal_eval reads it and the json module, a noticeable share of the start time, is never imported):
{"sdk_hooks": {sdk base class: [hook, ...]}, "verdict_key": "...",
 "bundles": [{"feature_version": [3, 6], "entry": "main.py", "files": {path: source}}, ...]}
and writes JSON lines to stdout: first the interpreter's version, then one line per bundle, in order and
flushed, so a process that dies on one bundle keeps the answers of those before it. A bundle's answer
holds the syntax errors of every file for the target Python grammar (ast.parse feature_version), and
where the Plugin class of the entry module is, which hooks it has, and the signature and literal
verdicts of each of its public methods, following imports within the bundle and base classes (the
SDK's AAPlugin and CredentialStorePlugin provide the hooks the request's sdk_hooks names: SpsPlugin's
table of SPS hooks, so there is no second copy here; the C# side judges signatures and verdicts against
that table too). Nothing of the plugin is executed or imported.
"""
import ast
import collections
import gc
import itertools
import sys

SDK_HOOKS = {}  # SDK base class -> the hooks it provides; main() fills it from the request
VERDICT_KEY = [None]  # the result key SPS reads the verdict from; main() sets it from the request
MAX_DEPTH = 10


def module_file(trees, module, level, current):
    parts = current.split("/")[:-1]
    if level:
        parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
        parts = parts + (module.split(".") if module else [])
    else:
        parts = module.split(".") if module else []
    for candidate in ("/".join(parts) + ".py", "/".join(parts + ["__init__"]) + ".py"):
        if candidate in trees:
            return candidate
    return None


def top_level(body):
    """Statements at module level, including those under if/try (conditional imports), in source order.

    Walked with a stack of its own, not by recursion: an elif chain nests one If in the other's orelse,
    as deep as the file is long, and would exhaust Python's recursion limit."""
    pending = [iter(body)]
    while pending:
        node = next(pending[-1], None)
        if node is None:
            pending.pop()
            continue
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            blocks = (node.body, node.orelse, getattr(node, "finalbody", []),
                      *[handler.body for handler in getattr(node, "handlers", [])])
            pending.append(itertools.chain.from_iterable(blocks))


# find_class answers by (path, name, depth). A class whose bases name itself several times
# (class A(A, A, A)) would otherwise be resolved once per path through it: exponentially often.
FOUND = {}


def find_class(trees, path, name, depth):
    key = (path, name, depth)
    if key not in FOUND:
        FOUND[key] = resolve_class(trees, path, name, depth)
    return FOUND[key]


def resolve_class(trees, path, name, depth):
    if depth > MAX_DEPTH:
        return {"status": "unresolved", "reason": "imports nest too deeply"}
    tree = trees.get(path)
    if tree is None:
        return {"status": "unresolved", "reason": path + " could not be parsed"}
    for node in top_level(tree.body):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return analyse_class(trees, path, node, depth)
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) != name:
                    continue
                module = node.module or ""
                if module.startswith("safeguard.sessions.plugin") and alias.name in SDK_HOOKS:
                    return {"status": "sdk", "base": alias.name, "hooks": SDK_HOOKS[alias.name]}
                target = module_file(trees, module, node.level, path)
                if target is None:
                    return {"status": "unresolved", "reason": "imported from " + ("." * node.level) + module + ", which is not in the bundle"}
                return find_class(trees, target, alias.name, depth + 1)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return find_class(trees, path, node.value.id, depth + 1)
    return {"status": "missing", "file": path}


def analyse_class(trees, path, node, depth):
    hooks = set()
    own = {}
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            hooks.add(item.name)
            if not item.name.startswith("_"):
                own[item.name] = describe_method(path, item)
        elif isinstance(item, ast.Assign):
            hooks.update(t.id for t in item.targets if isinstance(t, ast.Name))
    sdk = None
    unresolved = {}  # names as keys: a base named many times is listed once, in order
    inherited = []  # the methods of each base found in the bundle, in the order of the bases
    for base in node.bases:
        name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else None
        if name is None or name == "object":
            continue
        if name in SDK_HOOKS:
            sdk = name
            hooks.update(SDK_HOOKS[name])
            continue
        found = find_class(trees, path, name, depth + 1)
        if found["status"] in ("found", "sdk"):
            hooks.update(found["hooks"])
            inherited.append(found.get("methods", {}))
            sdk = sdk or found.get("sdk") or found.get("base")
            unresolved.update(dict.fromkeys(found.get("unresolved_bases", [])))
        else:
            unresolved[name] = None
    # Python looks a method up in the class, then in its bases in order: the first base wins over later ones.
    methods = {}
    for base_methods in reversed(inherited):
        methods.update(base_methods)
    methods.update(own)
    return {"status": "found", "file": path, "line": node.lineno, "hooks": sorted(hooks), "sdk": sdk,
            "unresolved_bases": list(unresolved), "methods": methods}


def describe_method(path, node):
    """Where a method is, its parameters as [name, kind, has a default], its decorators, and the verdict
    literals it spells ({"verdict": "X"} or verdict="X" in a call, e.g. dict(...) or a response class)."""
    args = node.args
    positional = list(getattr(args, "posonlyargs", [])) + list(args.args)
    first_default = len(positional) - len(args.defaults)
    params = [[a.arg, "positional_only" if i < len(getattr(args, "posonlyargs", [])) else "positional", i >= first_default]
              for i, a in enumerate(positional)]
    if args.vararg:
        params.append([args.vararg.arg, "var_positional", True])
    params.extend([a.arg, "keyword_only", d is not None] for a, d in zip(args.kwonlyargs, args.kw_defaults))
    if args.kwarg:
        params.append([args.kwarg.arg, "var_keyword", True])
    return {"file": path, "line": node.lineno, "params": params,
            "decorators": [decorator_name(d) for d in node.decorator_list], "verdicts": verdict_literals(node)}


def decorator_name(node):
    node = node.func if isinstance(node, ast.Call) else node
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


# A string literal is an ast.Constant from Python 3.8, an ast.Str before (whose name warns from 3.12 on).
STRING_NODE, STRING_FIELD = (ast.Constant, "value") if sys.version_info >= (3, 8) else (ast.Str, "s")


def text_of(node):
    """The value of a string literal, else None."""
    value = getattr(node, STRING_FIELD) if isinstance(node, STRING_NODE) else None
    return value if isinstance(value, str) else None


def walk(root):
    """ast.walk's nodes in ast.walk's order (breadth first), without its two generator layers per node,
    which were half the time of checking a small bundle."""
    queue = collections.deque([root])
    while queue:
        node = queue.popleft()
        yield node
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, ast.AST):
                queue.append(value)
            elif isinstance(value, list):
                queue.extend(item for item in value if isinstance(item, ast.AST))


def verdict_literals(function):
    found = []
    for node in walk(function):
        if isinstance(node, ast.Dict):
            pairs = [(key, value) for key, value in zip(node.keys, node.values) if key is not None]
        elif isinstance(node, ast.Call):
            pairs = [(keyword.arg, keyword.value) for keyword in node.keywords if keyword.arg is not None]
        else:
            continue
        for key, value in pairs:
            name = key if isinstance(key, str) else text_of(key)
            verdict = text_of(value)
            if name == VERDICT_KEY[0] and verdict is not None:
                found.append([verdict, value.lineno])
    return found


# JSON text for the answer: None, bools, ints, strings, lists and dicts are all it holds.
ESCAPES = {i: "\\u%04x" % i for i in range(32)}
ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"'})


def dump(value):
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.translate(ESCAPES) + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(dump(str(k)) + ": " + dump(v) for k, v in value.items()) + "}"
    return "[" + ", ".join(dump(v) for v in value) + "]"


class ParsedFiles:
    """The bundle's files, each parsed at most once for the target grammar. A file is "in" it when it
    parses. The files the search for the Plugin class reads keep their trees; every other file is only
    checked for its syntax and its tree dropped at once, so memory stays at one file's tree, not the
    whole bundle's (hundreds of vendored modules: 60 instead of 320 MB for a 10 MB tree)."""

    def __init__(self, files, feature_version):
        self.files = files
        self.feature_version = feature_version
        self.trees = {}  # path -> tree, or None when it does not parse
        self.errors = {}  # path -> its syntax finding

    def parse(self, path):
        try:
            return ast.parse(self.files[path], filename=path, feature_version=self.feature_version)
        except SyntaxError as error:
            self.errors[path] = {"file": path, "line": error.lineno, "column": error.offset, "message": error.msg}
        except (ValueError, TypeError) as error:
            self.errors[path] = {"file": path, "line": None, "column": None, "message": str(error)}
        except (RecursionError, MemoryError) as error:
            # Nesting too deep for the parser (e.g. 100,000 unary minus signs or chained calls): the
            # import would fail on SPS as well, so it is this file's finding, not the end of the checks.
            self.errors[path] = {"file": path, "line": None, "column": None,
                                 "message": "the code nests too deeply for Python to parse (" + type(error).__name__ + ")"}
        return None

    def get(self, path):
        if path not in self.trees and path in self.files:
            self.trees[path] = self.parse(path)
        return self.trees.get(path)

    def __contains__(self, path):
        return self.get(path) is not None

    def syntax(self):
        """The syntax findings of every file, in the bundle's order."""
        for path in self.files:
            if path not in self.trees:
                self.parse(path)
        return [self.errors[path] for path in self.files if path in self.errors]


def check(bundle):
    FOUND.clear()
    target = tuple(bundle["feature_version"])
    feature_version = min(target, tuple(sys.version_info[:2]))
    trees = ParsedFiles(bundle["files"], feature_version)
    entry = bundle.get("entry") or "main.py"
    plugin = find_class(trees, entry, "Plugin", 0) if entry in trees else {"status": "unresolved", "reason": entry + " could not be parsed"}
    return {"feature_version": list(feature_version), "syntax": trees.syntax(), "plugin": plugin}


def main():
    # The cyclic collector walks every live object each time enough new ones pile up: the request's
    # sources and the kept trees, again and again while a big tree's files are parsed (with every tree
    # kept, collections cost three times the parsing itself). Nothing here makes reference cycles
    # (trees point only at their children, answers are plain data), so reference counting frees all
    # of it and the collector has nothing to find.
    gc.disable()
    request = ast.literal_eval(sys.stdin.read())
    SDK_HOOKS.update(request["sdk_hooks"])
    VERDICT_KEY[0] = request["verdict_key"]
    sys.stdout.write(dump({"python": list(sys.version_info[:3])}) + "\n")
    for bundle in request["bundles"]:
        try:
            answer = check(bundle)
        except Exception as error:  # one bundle's failure is its own answer, not the end of the batch's
            answer = {"failed": type(error).__name__ + ": " + str(error)}
        sys.stdout.write(dump(answer) + "\n")
        sys.stdout.flush()


main()
