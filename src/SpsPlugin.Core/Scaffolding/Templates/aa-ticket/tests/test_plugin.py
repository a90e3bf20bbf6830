"""Unit tests: a new Plugin(configuration) per call, as on SPS, with the cookie carried by hand."""
import json
import os

from {{name}}.plugin import Plugin

with open(os.path.join(os.path.dirname(__file__), "..", "default.cfg"), encoding="utf-8") as source:
    CONFIG = source.read()


def authenticate(cookie=None, **pairs):
    return Plugin(CONFIG).authenticate(session_id="ssh-example-1", cookie=cookie or {}, key_value_pairs=pairs, protocol="ssh")


def test_a_ticket_in_the_login_name_is_accepted_without_a_question():
    result = authenticate(ticket="CHG0012345")
    assert result["verdict"] == "ACCEPT"
    assert json.loads(result["additional_metadata"]) == {"ticket": "CHG0012345"}


def test_no_ticket_asks_for_one():
    result = authenticate()
    assert result["verdict"] == "NEEDINFO"
    assert result["question"][0] == "ticket"


def test_a_ticket_must_match_the_whole_pattern():
    assert authenticate(ticket="CHG0012345-extra")["verdict"] == "NEEDINFO"


def test_denies_after_three_wrong_tickets():
    cookie = {}
    for wrong in ("nope", "INC1", "CHG"):
        result = authenticate(cookie, ticket=wrong)
        cookie = result["cookie"]
    assert result["verdict"] == "DENY"


def test_authorize_passes_the_ticket_on():
    cookie = authenticate(ticket="INC0000001")["cookie"]
    assert Plugin(CONFIG).authorize(session_id="ssh-example-1", cookie=cookie)["verdict"] == "ACCEPT"
