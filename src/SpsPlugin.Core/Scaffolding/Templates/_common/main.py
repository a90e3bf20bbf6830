#!/usr/bin/env pluginwrapper3
# SPS runs this file and looks up the class Plugin in it; the code lives in the {{name}} package.
from {{name}}.plugin import Plugin  # noqa: F401
