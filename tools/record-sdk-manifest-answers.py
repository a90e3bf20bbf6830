#!/usr/bin/env python3
"""Record what PyYAML and the SDK's Manifest rules say about thousands of generated MANIFESTs.

SPS reads an uploaded MANIFEST with ``yaml.safe_load`` and checks it with the SDK's Manifest class
(plugin_fakes/tasks/manifest.py, identical on the appliance; reference §1.3). SpsPlugin's reader and
Manifest rules must decide every MANIFEST the same way, so this script generates manifests
deterministically (a fixed seed; mutations of keys, values, quoting and YAML forms) and writes, per
case, to ``tests/fixtures/sdk-manifest/answers.json``:

* ``yaml``: PyYAML's typed answer (each key's Python type and str()), or the class of the exception
  safe_load raised (a YAMLError, or a ValueError from a constructor such as ``0x_`` or 2020-02-30);
* ``compatible`` / ``strict``: the SDK rules' verdict in compatible mode (a zip, on the appliance)
  and strict mode (pluginv on a source folder): ``ok`` or ``<ExceptionClass>:<field>``;
* ``api``: for a manifest that passes, check_api_version against the SDK of every release in
  SpsRelease.All, one letter per SDK version in ``sdkVersions`` order: o (accepted),
  A (ApiVersionError), T (TypeError, as for a partial api without a minor).

The SDK's checks are RECONSTRUCTED below from its public source (no SDK code is copied): the
verdicts come from the REAL ``yaml``, ``re`` and ``semantic_version`` modules, so every pattern,
Unicode \\d, ``$`` before a final newline and leading-zero rule is the library's own.

Run it again after changing the generator:  /usr/bin/python3 tools/record-sdk-manifest-answers.py
Needs PyYAML and semantic_version 2.9 (Debian: apt-get install python3-yaml python3-semantic-version).
"""
import importlib.util
import json
import os
import random
import re
import sys
import warnings

import semantic_version
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "sdk-manifest", "answers.json")
RELEASES = os.path.join(ROOT, "src", "SpsPlugin.Core", "Releases", "SpsRelease.cs")

# describe(): Python type name and str() of a value, shared with the PyYAML recorder.
_SPEC = importlib.util.spec_from_file_location("record_pyyaml_answers", os.path.join(ROOT, "tools", "record-pyyaml-answers.py"))
_PYYAML = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_PYYAML)

SEED = 12
CASES = 2500

KNOWN_PLUGIN_TYPES = ["aa", "credentialstore", "signingca", "configuration_sync"]
COMPATIBLE_FIELDS = ("name", "api", "version", "type")
STRICT_FIELDS = ("name", "api", "version", "description", "entry_point", "type")


class SdkRefusal(Exception):
    def __init__(self, kind, field):
        super().__init__(kind)
        self.kind = kind
        self.field = field


def fullmatch(pattern, value, field, refusal):
    """re.fullmatch as the SDK calls it: a non-str value raises TypeError, a mismatch the SDK's error."""
    try:
        matched = re.fullmatch(pattern, value)
    except TypeError:
        raise SdkRefusal("TypeError", field)
    if not matched:
        raise SdkRefusal(refusal, field)


def sdk_check(data, fields):
    """The Manifest constructor's _check; returns the parsed api version."""
    for field in fields:
        try:
            present = field in data
        except TypeError:
            raise SdkRefusal("TypeError", field)
        if not present:
            raise SdkRefusal("RequiredFieldDoesNotExistError", field)
        if data[field] is None:
            raise SdkRefusal("RequiredFieldIsEmptyError", field)
    if data["type"] not in KNOWN_PLUGIN_TYPES:
        raise SdkRefusal("PluginTypeError", "type")
    fullmatch("[a-zA-Z][a-zA-Z0-9_]+", data["name"], "name", "NameFormatError")
    if data.get("entry_point"):
        fullmatch("[A-Za-z0-9._-]+", data["entry_point"], "entry_point", "EntryPointFormatError")
    fullmatch("[0-9].*", str(data["version"]), "version", "VersionFormatError")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            api = semantic_version.Version(str(data["api"]), partial=True)
    except ValueError:
        raise SdkRefusal("ApiVersionError", "api")
    api.patch = 0
    if data.get("author_email"):
        fullmatch(r"([-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\.[-_a-zA-Z0-9]+)*)?", data["author_email"], "author_email",
                  "EmailAddressFormatError")
    return api


def check_api_version(api, sdk_version):
    try:
        ok = api <= semantic_version.Version(sdk_version) and api.major == semantic_version.Version(sdk_version).major
    except TypeError:
        return "T"
    return "o" if ok else "A"


def sdk_versions():
    text = open(RELEASES, encoding="utf-8").read()
    found = re.findall(r'new SpsRelease\("[^"]+", "[^"]+", "([^"]+)"', text)
    return sorted(set(found), key=lambda v: tuple(int(p) for p in v.split(".")))


def text_field(name, text):
    """A str for the JSON fixture: lone surrogates (which JSON readers refuse) as UTF-16 code units."""
    try:
        text.encode("utf-8")
        return {name: text}
    except UnicodeEncodeError:
        return {name + "Utf16": [ord(c) for c in text]}


def yaml_answer(text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return None, {"ok": False, "error": type(error).__name__, "line": getattr(getattr(error, "problem_mark", None), "line", -1) + 1}
    except (ValueError, TypeError, OverflowError) as error:
        # A constructor's own exception escapes safe_load: SPS's upload fails with it.
        return None, {"ok": False, "error": type(error).__name__}
    if isinstance(data, dict):
        entries = []
        for key, value in data.items():
            described = _PYYAML.describe(value)
            entries.append(dict(key=key, type=described["type"], **text_field("str", described["str"])))
        return data, {"ok": True, "kind": "mapping", "entries": entries}
    return data, {"ok": True, "kind": _PYYAML.describe(data)["type"]}


def verdict(data, fields):
    try:
        return "ok", sdk_check(data, fields)
    except SdkRefusal as refusal:
        return f"{refusal.kind}:{refusal.field}", None


# ----------------------------------------------------------------------------------------------
# The generator. A good manifest, then one to three mutations drawn from the pools below.

GOOD = [
    ("name", "my_plugin"), ("api", "'1.8'"), ("version", "'1.0.0'"), ("description", "A plugin"),
    ("entry_point", "main.py"), ("type", "aa"), ("author_email", "team@example.com"),
]

# Plain YAML scalars: booleans, nulls, ints in every base, floats, dates and timestamps (valid,
# invalid, offsets beyond 14 h and at 24 h), names, versions and semver edge cases.
PLAIN = [
    "no", "yes", "No", "off", "On", "true", "False", "y", "n", "~", "null", "NULL", "",
    "0", "1", "7", "-1", "010", "08", "0x1F", "0x_", "-0x_", "0b_", "0b101", "0o17", "0_", "1_000", "1__0",
    "123456789012345678901234567890", "1" * 30 + ".8", "1." + "9" * 30, "1:30", "190:20:30", "1:30.5",
    "1.5", "1.10", "1.8", "1.0", "1.", ".5", "1e5", "1.0e+5", ".inf", "-.inf", ".nan", "1_0.5",
    "2020-02-29", "2019-02-29", "2020-02-30", "2020-13-01", "0000-01-01", "9999-12-31", "2020-2-3 1:02:03",
    "2001-12-14 21:59:43.10 -05:00", "2001-12-14t21:59:43Z", "2001-12-14 21:59:43 +14:00",
    "2001-12-14 21:59:43 +14:30", "2001-12-14 21:59:43 -15", "2001-12-14 21:59:43 +23:59",
    "2001-12-14 21:59:43 +24:00", "2001-12-14 21:59:43 -24", "2001-12-14 21:59:43 +5:99",
    "2001-12-14 21:59:43 +99:99", "2001-12-14 25:00:00", "2001-12-14 21:60:00", "2001-12-14 21:59:60",
    "2001-12-14 21:59:43.1234567", "1.7.0", "1.2.0-01", "1.2.0-0", "1.2.0-rc.1", "1.2.0-rc.01", "1.2+b",
    "1.2.0+b.01", "1.2-", "1.2+", "1.2-.x", "1.2-a..b", "01.2", "1.02", "1.2.03", "1", "2", "1.9", "2.0",
    "1.8.9", "1.8.0-alpha", "0.1", "1.2.3.4", "1-a", "1.x", "v1.8", "\u0661.\u0662", "1.\u0668",
    "\uff11.8", "my_plugin", "ab", "a", "a1", "_ab", "1ab", "my-plugin", "My Plugin", "caf\u00e9",
    "main.py", "main", "../main.py", "dir/main.py", "main py", "-main.py", "main.py~",
    "a@b.com", "a@b", "a.b+c@d-e.f_g", "@b.com", "a@", "a@b..c", "a b@c.d",
    "aa", "credentialstore", "signingca", "configuration_sync", "AA", "authentication", "[]", "[aa]",
    "[a, b]", "[1.8]", "[[]]", "1.0 # comment", "A plugin: with colon", "=", "<<",
]

# Quoted scalars with YAML escapes: final newlines, inner newlines, surrogates, wide characters.
DOUBLE_QUOTED = [
    '"ab\\n"', '"1.0\\nx"', '"1.2\\n"', '"1.8\\n"', '"my_plugin\\n"', '"main.py\\n"', '"a@b.com\\n"',
    '"aa\\n"', '"\\uD800"', '"a\\uDFFF"', '"\\U0001F600"', '"\\U0010FFFF"', '"\\U00110000"',
    '"\\U0000D800"', '"1.8\\t"', '"\\x31.8"', '"\\u0661.\\u0662"', '""', '" "', '"1.8 "', '"\\n1.8"',
    '"1.0\\r"', '"1.0\\u2028x"', '"1.0\\x85x"', '"\\0"',
]


def quoted_forms(plain):
    """The plain text as a single- and a double-quoted scalar (which keep it a str)."""
    if plain == "":
        return ["''", '""']
    return ["'" + plain.replace("'", "''") + "'", '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"']


def random_value(rng):
    pick = rng.random()
    if pick < 0.55:
        return rng.choice(PLAIN)
    if pick < 0.8:
        return rng.choice(quoted_forms(rng.choice(PLAIN)))
    return rng.choice(DOUBLE_QUOTED)


def render(entries):
    return "".join(f"{key}:{' ' + value if value != '' else ''}\n" for key, value in entries)


def mutate_entries(rng, entries):
    kind = rng.random()
    index = rng.randrange(len(entries))
    key = entries[index][0]
    if kind < 0.65:
        entries[index] = (key, random_value(rng))
    elif kind < 0.75:
        del entries[index]
    elif kind < 0.82:
        entries[index] = (key, rng.choice(["", "~", "''", '""', "null", "[]", "0", "no", "0.0", "false"]))
    elif kind < 0.9:
        entries.insert(rng.randrange(len(entries) + 1), (rng.choice(["author_email", "author_name", "scb_min_version"]), random_value(rng)))
    else:
        entries.insert(rng.randrange(len(entries) + 1), (rng.choice(["[a]", "[]", "'q'", "\"d k\"", "{a: 1}", "k"]), "v"))
    return entries


DOCUMENT_FORMS = [
    ("plain", lambda body: body),
    ("start marker", lambda body: "---\n" + body),
    ("%YAML 1.1", lambda body: "%YAML 1.1\n---\n" + body),
    ("%YAML 1.1 comment", lambda body: "%YAML 1.1 # the YAML version\n---\n" + body),
    ("%YAML 1.2", lambda body: "%YAML 1.2\n---\n" + body),
    ("%YAML 2.0", lambda body: "%YAML 2.0\n---\n" + body),
    ("%YAML twice", lambda body: "%YAML 1.1\n%YAML 1.1\n---\n" + body),
    ("%YAML without ---", lambda body: "%YAML 1.1\n" + body),
    ("%YAML 1.1 ---", lambda body: "%YAML 1.1\n--- # c\n" + body),
    ("no final newline", lambda body: body.rstrip("\n")),
    ("comments", lambda body: "# a comment\n" + body.replace("\n", " # c\n", 1)),
]


def complex_key(entries, rng):
    """Writes one entry as '? key' (with ': value' on the next line, or with no value at all)."""
    index = rng.randrange(len(entries))
    key, value = entries[index]
    lines = render(entries).splitlines(keepends=True)
    style = rng.choice(["value", "no value", "quoted key", "empty colon"])
    if style == "value":
        lines[index] = f"? {key}\n: {value}\n" if value != "" else f"? {key}\n:\n"
    elif style == "no value":
        lines[index] = f"? {key}\n"
    elif style == "quoted key":
        lines[index] = f"? '{key}'\n: {value}\n" if value != "" else f"? '{key}'\n:\n"
    else:
        lines[index] = f"? {key}\n:\n"
    return "".join(lines)


def generate(rng):
    entries = list(GOOD)
    if rng.random() < 0.4:
        entries = [e for e in entries if e[0] != "author_email"]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if entries:
            mutate_entries(rng, entries)
    if not entries:
        entries = [("name", "a")]
    body = complex_key(entries, rng) if rng.random() < 0.08 else render(entries)
    form, wrap = rng.choice(DOCUMENT_FORMS) if rng.random() < 0.2 else DOCUMENT_FORMS[0]
    return wrap(body)


def targeted():
    """The examples of issue 12, each certain to be in the fixture."""
    base = dict(GOOD)

    def with_values(**values):
        entries = dict(base, **values)
        return render([(k, v) for k, v in entries.items() if v is not None])

    return [
        with_values(name="no"), with_values(name='"ab\\n"'), with_values(version='"1.0\\nx"'),
        with_values(api="'1.2.0-01'"), with_values(description="~"), with_values(author_email="''"),
        with_values(author_email="no"), with_values(entry_point="''"), with_values(entry_point="0"),
        with_values(api="'1.2+b'"), with_values(api="1" * 30), with_values(name="0x_"),
        with_values(description='"\\uD800"'), with_values(description="2020-02-30"),
        with_values(description="2001-12-14 21:59:43 +15:00"), with_values(author_email="yes"),
        with_values(entry_point="1"), with_values(api="'1.2\\n'".replace("'", '"')),
        with_values(api="'\u0661.\u0662'"), with_values(api="'1'"), with_values(api="'2.0'"),
        render(list(GOOD)) + "[a]: v\n", "%YAML 1.1\n---\n" + render(list(GOOD)),
        "? name\n: my_plugin\n" + render([e for e in GOOD if e[0] != "name"]),
        render(list(GOOD)), render([e for e in GOOD if e[0] not in ("description", "entry_point")]),
    ]


def main():
    rng = random.Random(SEED)
    versions = sdk_versions()
    inputs, seen = [], set()
    for text in targeted() + [generate(rng) for _ in range(CASES * 3)]:
        if text not in seen:
            seen.add(text)
            inputs.append(text)
        if len(inputs) >= CASES:
            break
    cases = []
    for text in inputs:
        data, answer = yaml_answer(text)
        case = {"input": text, "yaml": answer}
        if answer["ok"]:
            case["compatible"], api = verdict(data, COMPATIBLE_FIELDS)
            case["strict"], _ = verdict(data, STRICT_FIELDS)
            if api is not None:
                case["api"] = "".join(check_api_version(api, v) for v in versions)
        cases.append(case)
    document = {
        "recordedWith": f"PyYAML {yaml.__version__}, semantic_version {semantic_version.__version__}, Python {sys.version.split()[0]}, seed {SEED}",
        "sdkVersions": versions,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=True)}" for k, v in document.items() if k != "cases"))
        out.write(',\n "cases": [\n' + ",\n".join("  " + json.dumps(c, ensure_ascii=True) for c in cases) + "\n ]\n}\n")
    ok = sum(1 for c in cases if c.get("compatible") == "ok")
    print(f"wrote {len(cases)} cases ({ok} accepted in compatible mode) to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
