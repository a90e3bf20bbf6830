#!/usr/bin/env python3
"""The oracle for SpsPlugin's configuration reader: what CPython's configparser says.

Reads a JSON array of configuration texts from the file named by argv[1] and prints, for each,
what ``configparser.ConfigParser()`` (default options, as the SDK's PluginConfiguration uses it)
makes of it through ``read_string``: the sections and raw values, or the error and its line(s),
and what ``get()`` returns for every option after interpolation.
"""
import configparser
import json
import sys


def answer(text):
    parser = configparser.ConfigParser()
    try:
        parser.read_string(text)
    except (configparser.DuplicateSectionError, configparser.DuplicateOptionError,
            configparser.MissingSectionHeaderError) as error:
        # MissingSectionHeaderError is a ParsingError too: it must be caught first.
        return {"ok": False, "error": type(error).__name__, "lines": [error.lineno]}
    except configparser.ParsingError as error:
        return {"ok": False, "error": "ParsingError", "lines": [lineno for lineno, _ in error.errors]}
    sections = []
    values = {}
    for name in parser.sections():
        sections.append([name, [[key, value] for key, value in parser._sections[name].items()]])
        values[name] = {}
        for option in parser.options(name):
            try:
                values[name][option] = ["ok", parser.get(name, option)]
            except configparser.Error as error:
                values[name][option] = ["error", type(error).__name__]
    defaults = [[key, value] for key, value in parser.defaults().items()]
    return {"ok": True, "defaults": defaults, "sections": sections, "get": values}


def main():
    with open(sys.argv[1], encoding="utf-8") as source:
        texts = json.load(source)
    json.dump([answer(text) for text in texts], sys.stdout)


if __name__ == "__main__":
    main()
