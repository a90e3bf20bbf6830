#!/usr/bin/env python3
"""Record what a model of the SDK's PluginConfiguration getters answers for thousands of generated policies.

A plugin reads its policy through the SDK's PluginConfiguration (reference §6.8): a plain
``configparser.ConfigParser()`` (BasicInterpolation, strict, ``=``/``:``, lower-cased names, DEFAULT
inherited) behind getters that read the INTERPOLATED value:

* ``get(section, option, default=None, required=False)``: a missing option is the default, or
  RequiredConfigurationSettingNotFound when required; a value of ``$`` is fetched from the local
  Credential Store named by ``[credential_store] name`` with host = section name, user = option name;
  ``$$`` is a literal ``$``;
* ``getboolean``: ``yes``/``no`` in any letter case, anything else (the empty value included) raises
  PluginSDKValueError; ``getint``/``getfloat``: Python's ``int()``/``float()``, PluginSDKValueError when they fail;
* ``get_ca_certificate``: a ``$[name]`` anywhere in the value names a trusted CA list on SPS.

The model below is written from the reference (no SDK code is copied); every value it judges comes
from the REAL configparser, int() and float(), so interpolation chains, DEFAULT inheritance, Unicode
digits, underscores and white space are decided by Python itself. Which getter reads which option is
decided by the plugin's template (its default.cfg): the generator writes a template per case and the
plugin reads every option its template lists, in every section of the template the policy has. The
policy is read alone (the plugin's own defaults text is not part of a policy check).

Per case, ``tests/fixtures/sdk-config/answers.json`` holds the template, the policy and, per read,
``[section, option, getter, answer]`` (plus the value for ``ok`` answers); ``anyReads`` holds the
answers without a template, where the plugin may read every option of every section, [DEFAULT]'s
included, with the getter the common sections give (else get). An answer is:

* ``ok`` (with ``value``: what get() returns; for get_ca_certificate the list name or null),
* ``missing`` (neither the section nor DEFAULT has it: the default),
* ``store`` (a ``$`` the Credential Store is asked for), ``store-bad-host`` (the section name is no
  host name, so the lookup cannot find it), ``no-store`` (``$`` without ``[credential_store] name``),
  ``no-store-bad-host`` (both),
* or the class of the exception: PluginSDKValueError, InterpolationSyntaxError,
  InterpolationMissingOptionError, InterpolationDepthError.

Run it again after changing the generator:  /usr/bin/python3 tools/record-sdk-config-answers.py
(with a path as argument it writes there instead: SdkConfigDifferentialTests checks that the committed
fixture is what the model answers with this machine's configparser).
"""
import configparser
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "sdk-config", "answers.json")

SEED = 13
CASES = 900

# A host name as the local Credential Store's lookup needs it (labels of letters, digits and '-').
HOST = re.compile(r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\Z")
CA_REFERENCE = re.compile(r"\$\[([^\]]+)\]")


class PluginSDKValueError(Exception):
    pass


class RequiredConfigurationSettingNotFound(Exception):
    pass


class StoreReference(Exception):
    """Not an error of the SDK: the value is fetched from the Credential Store, which this model does not have."""

    def __init__(self, answer):
        super().__init__(answer)
        self.answer = answer


class PluginConfiguration:
    """The getters of the SDK's PluginConfiguration as §6.8 describes them, on the real configparser."""

    def __init__(self, text):
        self._parser = configparser.ConfigParser()
        self._parser.read_string(text)

    def get(self, section, option, default=None, required=False):
        if not self._parser.has_option(section, option):
            if required:
                raise RequiredConfigurationSettingNotFound(option)
            return default
        value = self._parser.get(section, option)
        if value == "$":
            if not self._store_name():
                raise StoreReference("no-store" if HOST.match(section) else "no-store-bad-host")
            raise StoreReference("store" if HOST.match(section) else "store-bad-host")
        return "$" if value == "$$" else value

    def getboolean(self, section, option, default=None, required=False):
        value = self.get(section, option, default, required)
        if value is default:
            return default
        lowered = value.lower()
        if lowered not in ("yes", "no"):
            raise PluginSDKValueError(value)
        return lowered == "yes"

    def getint(self, section, option, default=None, required=False):
        return self._number(int, section, option, default, required)

    def getfloat(self, section, option, default=None, required=False):
        return self._number(float, section, option, default, required)

    def get_ca_certificate(self, section, option, default=None, required=False):
        value = self.get(section, option, default, required)
        if value is default:
            return default
        found = CA_REFERENCE.search(value)
        return found.group(1) if found else None

    def _number(self, kind, section, option, default, required):
        value = self.get(section, option, default, required)
        if value is default:
            return default
        try:
            return kind(value)
        except ValueError:
            raise PluginSDKValueError(value)

    def _store_name(self):
        try:
            return self._parser.get("credential_store", "name")
        except (configparser.Error, KeyError):
            return None


def answer(config, section, option, getter):
    """What one getter call gives, as the fixture records it."""
    missing = object()
    try:
        value = getattr(config, getter)(section, option, default=missing)
    except StoreReference as reference:
        return {"r": reference.answer}
    except (PluginSDKValueError, configparser.InterpolationError) as error:
        return {"r": type(error).__name__}
    if value is missing:
        return {"r": "missing"}
    return {"r": "ok", "value": value if getter in ("get", "get_ca_certificate") else repr(value)}


# ---------------------------------------------------------------- the generator

# Template option kinds and how a template spells them (reference §6.9's convention: '; name=value'
# shows the default, '; name=<value>' is off until set).
BOOLEAN, INTEGER, FLOAT, SECRET, TEXT, CA = "boolean", "integer", "float", "secret", "text", "ca"
GETTER = {BOOLEAN: "getboolean", INTEGER: "getint", FLOAT: "getfloat", SECRET: "get", TEXT: "get", CA: "get_ca_certificate"}

# The common sections of §6.9 with the kinds their documentation gives (so a template written from
# them and the table in Core agree).
COMMON = {
    "auth": [("prompt", TEXT, "Enter your one-time password:"), ("disable_echo", BOOLEAN, "no")],
    "tls": [("enabled", BOOLEAN, "yes"), ("ca_cert", CA, "$[<trusted-ca-list-name>]")],
    "https-proxy": [("enabled", BOOLEAN, "no"), ("server", TEXT, "<proxy-host>"), ("port", INTEGER, "3128"), ("password", SECRET, "$")],
    "logging": [("log_level", TEXT, "info")],
    "connection_limit by=client_ip_gateway_user": [("limit", INTEGER, "0")],
    "authentication_cache": [("hard_timeout", INTEGER, "90"), ("soft_timeout", INTEGER, "15"), ("reuse_limit", INTEGER, "0")],
    "question_1": [("key", TEXT, "otp"), ("disable_echo", BOOLEAN, "yes")],
}

PLUGIN_SECTIONS = ["duo", "okta-api", "my_plugin", "vault.example", "ticket system", "service_now", "radius"]
PLUGIN_OPTIONS = [
    ("timeout", INTEGER, ["60", "10"]), ("retries", INTEGER, ["3"]), ("ratio", FLOAT, ["2.5", "0.75"]),
    ("verify", BOOLEAN, ["yes", "no"]), ("ignore_connection_error", BOOLEAN, ["no"]),
    ("skey", SECRET, ["$"]), ("api_key", SECRET, ["<$-or-api-key>"]), ("client_secret", SECRET, ["$"]),
    ("host", TEXT, ["<api-host>"]), ("user", TEXT, ["admin"]), ("query", TEXT, ["<query>"]),
]

UNICODE_DIGITS = ["\u0661\u0662", "\uff13", "\U0001d7ce\U0001d7cf", "\u0967", "\u00b2", "\u2155"]


def value_for(kind, rng):
    """A value an administrator might write for an option of this kind: right, wrong or odd."""
    if kind == BOOLEAN:
        return rng.choice(["yes", "no", "YES", "No", "yEs", "true", "false", "on", "off", "1", "0", "", "y", "yes please",
                           "ye\u017f", "n\u00f8", "\u0130es", "nO"])
    if kind == INTEGER:
        return rng.choice(["3", "0", "-5", "+7", "007", "1_000", "1__0", "_1", "1_", "three", "", "3.0", "1e3", "0x10",
                           "\u0661\u0662", "\uff13", "\U0001d7ce\U0001d7cf", "\u00b2", "12 3", "9" * 30, "-", "+"])
    if kind == FLOAT:
        return rng.choice(["2.5", "1", ".5", "5.", "1e3", "1E-2", "inf", "-Infinity", "nan", "NaN", "1_0.5", "1._5",
                           "2,5", "", "two", "1e", "\uff12.\uff15", "0x1p3", "--1", "1.5.2"])
    if kind == SECRET:
        return rng.choice(["$", "$", "$$", "s3cr3t-literal", "", "<$-or-api-key>", "$ "])
    if kind == CA:
        return rng.choice(["$[corp-ca]", "prefix $[corp-ca] suffix", "$[]", "$[a]$[b]", "-----BEGIN CERTIFICATE-----", "", "$corp", "$[unclosed"])
    return rng.choice(["value", "", "debug", "Hello, %%user", "<api-host>", "a b c", "$", "$$"])


def interpolated(kind, rng, helpers):
    """A value written as a %(name)s chain; the helper options it needs go into ``helpers``."""
    target = value_for(kind, rng)
    shape = rng.choice([0, 0, 0, 1, 1, 2, 2, 3, 4, 5])
    if shape == 0:
        helpers.append(("v", target))
        return "%(v)s"
    if shape == 1:
        helpers.append(("v1", "%(v2)s"))
        helpers.append(("v2", target))
        return "%(v1)s"
    if shape == 2 and len(target) > 1:
        helpers.append(("head", target[:1]))
        return "%(head)s" + target[1:].replace("%", "%%")
    if shape == 3:
        return "%(nowhere)s"
    if shape == 4:
        return target + "%"
    helpers.append(("loop", "%(loop)s"))
    return "%(loop)s"


def generate(rng):
    names = rng.sample(sorted(COMMON), rng.randint(1, 3)) + rng.sample(PLUGIN_SECTIONS, rng.randint(1, 2))
    template = {}
    for name in names:
        if name in COMMON:
            template[name] = list(COMMON[name])
        else:
            picked = rng.sample(PLUGIN_OPTIONS, rng.randint(2, 4))
            template[name] = [(option, kind, rng.choice(samples)) for option, kind, samples in picked]

    template_lines = []
    for name, options in template.items():
        template_lines.append("[%s]" % name)
        for option, _, sample in options:
            template_lines.append("; %s=%s" % (option, sample))
        template_lines.append("")

    defaults, sections = [], {}
    store = rng.random() < 0.7
    if store:
        sections["credential_store"] = [("name", rng.choice(["local-store", "local-store", "$", "%(s)s"]))]
        if sections["credential_store"][0][1] == "%(s)s":
            sections["credential_store"].append(("s", "store-from-chain"))
    for name, options in template.items():
        own = []
        helpers = []
        for option, kind, _ in options:
            roll = rng.random()
            if roll < 0.15:
                continue  # not set: the getter's default
            if roll < 0.30:
                if option not in [d[0] for d in defaults]:
                    defaults.append((option, value_for(kind, rng)))
                continue
            value = interpolated(kind, rng, helpers if rng.random() < 0.7 else defaults) if roll < 0.50 else value_for(kind, rng)
            own.append((option, value))
        for helper in helpers:
            if helper[0] not in [o[0] for o in own]:
                own.append(helper)
        sections[name] = own
    if rng.random() < 0.3:
        defaults.append(("v", value_for(rng.choice([BOOLEAN, INTEGER, TEXT]), rng)))
    if rng.random() < 0.5:
        # A [DEFAULT] value that refers to an option some sections override: it reads differently in each.
        section = rng.choice(list(template))
        option, kind, _ = rng.choice(template[section])
        if option not in [o[0] for o in sections[section]] and option not in [d[0] for d in defaults]:
            defaults.append((option, "%(ref)s"))
            defaults.append(("ref", value_for(kind, rng)))
            for name in rng.sample(list(sections), rng.randint(1, len(sections))):
                if "ref" not in [o[0] for o in sections[name]]:
                    sections[name].append(("ref", value_for(kind, rng)))

    lines = []
    if defaults:
        lines.append("[DEFAULT]")
        seen = set()
        for option, value in defaults:
            if option not in seen:
                seen.add(option)
                lines.append("%s = %s" % (option, value))
        lines.append("")
    for name, options in sections.items():
        lines.append("[%s]" % name)
        for option, value in options:
            lines.append("%s = %s" % (option, value) if value else "%s =" % option)
        lines.append("")
    return "\n".join(template_lines), "\n".join(lines), template


# Without a template, a plugin may read any option of any section: the common sections' kinds, else get().
COMMON_GETTERS = {(section, option): GETTER[kind] for section, options in COMMON.items() for option, kind, _ in options}


def any_reads(config):
    """Every option of every section, [DEFAULT]'s inherited ones included, read as a plugin without a template would."""
    reads = []
    for section in config._parser.sections():
        for option in config._parser.options(section):
            getter = COMMON_GETTERS.get((section, option), "get")
            reads.append([section, option, getter, answer(config, section, option, getter)["r"]])
    return reads


def record():
    rng = random.Random(SEED)
    cases = []
    while len(cases) < CASES:
        template_text, text, template = generate(rng)
        config = PluginConfiguration(text)
        reads = []
        for section, options in template.items():
            if not config._parser.has_section(section):
                continue
            for option, kind, _ in options:
                getter = GETTER[kind]
                got = answer(config, section, option, getter)
                reads.append([section, option, getter, got["r"]] + ([got["value"]] if "value" in got else []))
        cases.append({"template": template_text, "config": text, "reads": reads, "anyReads": any_reads(config)})
    out_path = sys.argv[1] if len(sys.argv) > 1 else OUT
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    # One case per line: small enough to commit, and a regenerated file diffs case by case.
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write('{"seed":%d,"writtenBy":"tools/record-sdk-config-answers.py","cases":[\n' % SEED)
        out.write(",\n".join(json.dumps(case, ensure_ascii=False, separators=(",", ":")) for case in cases))
        out.write("\n]}\n")
    counts = {}
    for case in cases:
        for read in case["reads"]:
            key = read[2] + ":" + read[3]
            counts[key] = counts.get(key, 0) + 1
    for key in sorted(counts):
        print("%6d %s" % (counts[key], key))


if __name__ == "__main__":
    record()
