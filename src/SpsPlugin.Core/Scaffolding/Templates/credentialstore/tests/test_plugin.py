"""Unit tests against the demo back end; adjust them when you replace backend.py."""
import os

from {{name}}.plugin import Plugin

with open(os.path.join(os.path.dirname(__file__), "..", "default.cfg"), encoding="utf-8") as source:
    CONFIG = source.read()

TARGET = dict(session_id="ssh-example-1", cookie={}, server_ip="5.6.7.8", server_hostname="theserver.foo.bar", protocol="ssh")


def test_returns_the_passwords_of_a_known_account():
    result = Plugin(CONFIG).get_password_list(server_username="targetuser", **TARGET)
    assert len(result["passwords"]) == 1
    assert result["cookie"]["account"] == "targetuser"


def test_an_unknown_account_gets_nothing():
    assert Plugin(CONFIG).get_password_list(server_username="nobody", **TARGET)["passwords"] == []
    assert Plugin(CONFIG).get_private_key_list(server_username="nobody", **TARGET)["private_keys"] == []


def test_authentication_completed_keeps_the_cookie():
    cookie = {"account": "targetuser"}
    assert Plugin(CONFIG).authentication_completed(session_id="ssh-example-1", cookie=cookie)["cookie"] == cookie


def test_older_releases_target_names_are_understood():
    result = Plugin(CONFIG).get_password_list(session_id="ssh-example-1", cookie={}, target_username="targetuser", target_host="5.6.7.8")
    assert len(result["passwords"]) == 1
