#!/usr/bin/env pluginwrapper3
from ticket_gate.plugin import Plugin  # noqa: F401  (SPS looks up Plugin in main.py)
