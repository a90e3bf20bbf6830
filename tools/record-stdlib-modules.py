#!/usr/bin/env python3
"""Writes src/SpsPlugin.Core/Python/stdlib-modules.txt: the top-level standard-library modules of
Python 3.6-3.12. New-SpsPlugin refuses them as plugin names, and Test-SpsPluginBundle warns about a
bundle module of such a name (StructureShadowedModule): it would hide the real module from the plugin
and from everything it imports.

Run with Python 3.10 or later (sys.stdlib_module_names); modules that releases before it had and
later releases removed are added by hand from the "Removed" sections of the What's New pages.
"""
import os
import sys

REMOVED_SINCE_3_6 = {
    "asynchat", "asyncore", "binhex", "distutils", "dummy_threading", "formatter", "imp", "macpath",
    "parser", "smtpd", "symbol",
}


def main():
    names = {n for n in sys.stdlib_module_names if not n.startswith("_")} | REMOVED_SINCE_3_6
    target = os.path.join(os.path.dirname(__file__), "..", "src", "SpsPlugin.Core", "Python", "stdlib-modules.txt")
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Written by tools/record-stdlib-modules.py (Python %d.%d); one module per line.\n" % sys.version_info[:2])
        out.write("\n".join(sorted(names)) + "\n")


if __name__ == "__main__":
    main()
