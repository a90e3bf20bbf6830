#!/usr/bin/env python3
"""Record PyYAML's answers for MANIFEST texts into a fixture the C# tests compare against.

SPS and the plugin SDK read MANIFEST with ``yaml.safe_load`` (PyYAML, YAML 1.1). SpsPlugin's
reader must type every value the same way, so this script asks the real PyYAML and writes what it
said to ``tests/fixtures/pyyaml/answers.json``:

* ``cases``: synthetic MANIFEST texts (listed below) covering scalar typing, quoting, comments,
  continuation lines and the errors PyYAML raises;
* ``depths``: how deep PyYAML nests a value before its recursive composer raises RecursionError,
  for a ``safe_load`` called at a script's top level (each probe runs in a fresh interpreter, so the
  frames of this script do not count); cases at, around and far beyond each boundary;
* ``corpus``: every MANIFEST under ``../shared/corpus`` (real public plugins). Only PyYAML's answers
  and each file's SHA-256 are recorded, not the files themselves.

Run it again after adding a case:  /usr/bin/python3 tools/record-pyyaml-answers.py
Needs PyYAML (Debian: apt-get install python3-yaml).
"""
import datetime
import hashlib
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
OUT = os.path.join(ROOT, "tests", "fixtures", "pyyaml", "answers.json")

# Plain scalars whose type PyYAML (YAML 1.1 resolvers) decides; each is tried as "key: <scalar>".
SCALARS = [
    "1.6", "1.10", "1.7.0", "0.1", "2.0.3", "2.0.1-a", "1.1.0-sps7", "5.10.0", "6.13.0~", "1.", "1.0",
    ".5", "-1.5", "+1.5", "1_000.5", "1e5", "1.0e5", "1.0e+5", "1.5E-3", "6.5e-07", "1e+16", "123456789012345678.0",
    "0.0001", "0.00001", ".inf", "-.Inf", ".NaN", "190:20:30.15", "1:30", "-1:30",
    "0", "7", "-7", "+7", "010", "08", "0x1F", "0b101", "1_000", "00", "0o17", "12345678901234567890",
    "yes", "Yes", "YES", "no", "No", "on", "ON", "off", "Off", "true", "True", "FALSE", "y", "n", "yEs",
    "~", "null", "Null", "NULL", "nULL", "None",
    "2019-04-25", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z",
    "2002-12-14 3:04:05", "2001-1-1", "2019-04-25 10:00:00 +02:00",
    "main.py", "aa", "credentialstore", "SPS_Duo", "a b  c", "QDL.QBU-OI.RD@oneidentity.com",
    "value # a comment", "value#not-a-comment", "a:b", "http://example.com/x", "-dash", "?q", ":colon",
    "tilde~", "5.11.0~", "'single'", '"double"', "'it''s'", "\"esc \\t \\u00e9 \\x41 \\\" \\\\\"",
    "'a' # c", "[a, 1, 1.5, yes, ~, 'q']", "[]", "[1.10, \"x\"]", "= ", "<<",
]

DOCUMENTS = [
    "",
    "# only a comment\n",
    "\n\n",
    "---\n",
    "---\nname: a\n",
    "name: a\n...\n",
    "name: a\n---\nname: b\n",
    "hello\n",
    "hello\nworld\n",
    "- a\n- b\n",
    "name: a\r\nversion: 1.10\r\n",
    "name: a\rversion: 2\r",
    "\ufeffname: bom\n",
    "name: no newline at end",
    "name: a\nname: b\n",
    "name: a\nversion: 1\nname: c\n",
    "\tname: a\n",
    "name:\ta\n",
    "name: a\t\n",
    "name: a\n\t\n",
    "name: a\n  \nversion: 1\n",
    "name: a\nentry_point=main.py\n",
    "name: a\nentry_point=main.py\nversion: 1\n",
    "entry_point=main.py\n",
    "name:a\n",
    "name: a\ndescription:\n",
    "name: a\ndescription:   \n",
    "description: first\n  second\n",
    "description: first\n  second\n\n  third\n",
    "description:\n  on next line\n",
    "description: first\n# comment\n  second\n",
    "description: first\n  # not a comment inside\n",
    "description: a: b\n",
    "description: first\n  key: v\n",
    "outer:\n  inner: v\n",
    "list:\n- a\n- b\n",
    "list:\n  - a\n",
    "text: |\n  block\n",
    "text: >\n  folded\n",
    "anchor: &a v\nalias: *a\n",
    "tagged: !!str 1.5\n",
    "flow: {a: 1}\n",
    "? complex\n: v\n",
    "%YAML 1.1\n---\nname: a\n",
    "quoted: 'unterminated\n",
    "quoted: 'multi\n  line'\n",
    "quoted: \"multi\n  line\"\n",
    "quoted: 'a' trailing\n",
    "'quoted key': v\n",
    "\"dq key\": v\n",
    "yes: v\n",
    "1.5: v\n",
    "~: v\n",
    "name: a # comment\n",
    "name: a #comment\nversion: 1.0 # c\n",
    "  name: indented\n  version: 1\n",
    "  name: indented\nversion: 1\n",
    "name: @at\n",
    "name: `tick\n",
    "name: %pct\n",
    "name: a\n  - b\n",
    "name: - b\n",
    "name: ,comma\n",
    "name: ]\n",
    "name: [a, b\n",
    "name: [a, [b]]\n",
    "name: [a, {b: c}]\n",
    "name: [a,b]\n",
    "name: [ ]\n",
    "name: ['x', \"y\", 1.10,]\n",
    "name: \x07bell\n",
    "name: caf\u00e9\n",
    "name: a\x85version: 1\n",
    "# c1\nname: a # c2\n# c3\n\nversion: '1.10'\n",
    "name: a\tb\n",
    "name: a \t\n",
    "name: 'a\tb'\n",
    "description:\n# comment\n  value\n",
    "name: a\n# c\n  b\n",
    "name: 'a'#c\n",
    "name: \"a\\\n  b\"\n",
    "name: 'a\n\n  b'\n",
    "name: 'a\n---\n  b'\n",
    "name: a\nversion: 1\n  extra\n",
    "name: a\n description: b\n",
    "'quoted key' : v\n",
    "name:\n",
    "  # indented comment\nname: a\n",
    "name: a\n\n\n  b\n",
    "name: ''\n",
    "name: \"\"\n",
    "name: \"\\q\"\n",
    "name: \"\\x4\"\n",
    "name: \"\\U0001F600 \\N \\_ \\0\"\n",
    "key: --- x\n",
    "---  # c\nname: a\n",
    "--- name: a\n",
]


# Nested values: "x: " + open * repeat + inner + close * repeat. PyYAML composes nested nodes by
# recursion, so each shape has a largest repeat that loads; the cases sit around it and far beyond.
NESTING = [
    dict(shape="sequence", open="[", inner="", close="]"),
    dict(shape="sequence around a scalar", open="[", inner="1", close="]"),
    dict(shape="mapping", open="{a: ", inner="1", close="}"),
    dict(shape="sequence of mappings", open="[{a: ", inner="1", close="}]"),
]
FAR_BEYOND = [5000, 100000]

# Runs at the top level of a fresh interpreter, as a plugin's own script would call safe_load.
TOP_LEVEL_PROBE = """
import sys, yaml
try:
    data = yaml.safe_load(sys.stdin.read())
except RecursionError:
    print("RecursionError")
else:
    print("ok " + str(data["x"]))
"""


def nested(case, repeat):
    return "x: " + case["open"] * repeat + case["inner"] + case["close"] * repeat + "\n"


def top_level_load(text):
    """(True, str of x) when a top-level safe_load reads the text, (False, None) on RecursionError."""
    out = subprocess.run([sys.executable, "-c", TOP_LEVEL_PROBE], input=text, capture_output=True,
                         text=True, check=True).stdout.rstrip("\n")
    return (True, out[3:]) if out.startswith("ok ") else (False, None)


def largest_loading_repeat(case):
    low, high = 1, 4096
    while low < high:
        middle = (low + high + 1) // 2
        if top_level_load(nested(case, middle))[0]:
            low = middle
        else:
            high = middle - 1
    return low


def depth_cases():
    cases = []
    for case in NESTING:
        largest = largest_loading_repeat(case)
        for repeat in [largest - 1, largest, largest + 1] + FAR_BEYOND:
            ok, text = top_level_load(nested(case, repeat))
            cases.append(dict(case, repeat=repeat, largestLoading=largest, ok=ok,
                              **({"str": text} if ok else {"error": "RecursionError"})))
    return cases


def describe(value):
    """The answer for one typed value: Python's type name and str()."""
    if isinstance(value, (list, dict)):
        return {"type": type(value).__name__, "str": str(value)}
    if isinstance(value, datetime.datetime):
        return {"type": "datetime", "str": str(value)}
    if isinstance(value, datetime.date):
        return {"type": "date", "str": str(value)}
    return {"type": type(value).__name__, "str": str(value)}


def answer(text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        return {
            "ok": False,
            "line": mark.line + 1 if mark else None,
            "column": mark.column + 1 if mark else None,
            "contextLine": context.line + 1 if context else None,
            "problem": getattr(error, "problem", None) or str(error),
        }
    if isinstance(data, dict):
        return {
            "ok": True,
            "kind": "mapping",
            "entries": [dict(key=describe(k), value=describe(v)) for k, v in data.items()],
        }
    return {"ok": True, "kind": describe(data)["type"], "value": describe(data)}


def main():
    cases = [dict(input=f"key: {s}\n", **answer(f"key: {s}\n")) for s in SCALARS]
    cases += [dict(input=d, **answer(d)) for d in DOCUMENTS]
    corpus = []
    if os.path.isdir(CORPUS):
        for folder, _, files in sorted(os.walk(CORPUS)):
            for name in sorted(files):
                if name == "MANIFEST" or name.startswith("MANIFEST@"):
                    path = os.path.join(folder, name)
                    data = open(path, "rb").read()
                    corpus.append(dict(
                        path=os.path.relpath(path, CORPUS).replace(os.sep, "/"),
                        sha256=hashlib.sha256(data).hexdigest(),
                        **answer(data)))
    else:
        print(f"corpus not found at {CORPUS}: only the synthetic cases are recorded", file=sys.stderr)
    document = {
        "recordedWith": f"PyYAML {yaml.__version__} on Python {sys.version.split()[0]}",
        "cases": cases,
        "depths": depth_cases(),
        "corpus": corpus,
    }
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        json.dump(document, out, indent=1, ensure_ascii=True)
        out.write("\n")
    print(f"wrote {len(cases)} cases and {len(corpus)} corpus answers to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
