"""Unit tests. They need the plugin SDK (pipenv install --dev); without it they are skipped."""
import os

import pytest

pytest.importorskip("safeguard.sessions.plugin")

from {{name}}.plugin import Plugin  # noqa: E402

with open(os.path.join(os.path.dirname(__file__), "..", "default.cfg"), encoding="utf-8") as source:
    CONFIG = source.read()


def test_the_placeholder_back_end_has_no_passwords():
    plugin = Plugin(CONFIG)
    assert plugin.fetch_passwords("targetuser", "theserver.foo.bar") == []
