"""Unit tests. They need the plugin SDK (pipenv install --dev); without it they are skipped."""
import pytest

pytest.importorskip("safeguard.sessions.plugin")

from {{name}}.client import Client  # noqa: E402


def test_the_client_is_read_from_the_configuration():
    from safeguard.sessions.plugin import PluginConfiguration

    client = Client.from_config(PluginConfiguration("[mfa-service]\nurl=https://mfa.example.com\n"))
    assert client.url == "https://mfa.example.com"
    assert client.timeout == 60
