#!/usr/bin/env pluginwrapper3
from json_vault.plugin import Plugin  # noqa: F401  (SPS looks up Plugin in main.py)
