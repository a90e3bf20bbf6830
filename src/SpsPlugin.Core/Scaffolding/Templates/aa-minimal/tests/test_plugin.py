"""Unit tests: a new Plugin(configuration) per call, as on SPS, with the cookie carried by hand."""
import os

from {{name}}.plugin import QUESTION_KEY, Plugin

with open(os.path.join(os.path.dirname(__file__), "..", "default.cfg"), encoding="utf-8") as source:
    CONFIG = source.read()


def authenticate(cookie=None, **pairs):
    return Plugin(CONFIG).authenticate(session_id="ssh-example-1", cookie=cookie or {}, key_value_pairs=pairs, protocol="ssh")


def test_asks_the_question_first():
    result = authenticate()
    assert result["verdict"] == "NEEDINFO"
    assert result["question"][0] == QUESTION_KEY


def test_accepts_an_answer_and_records_it():
    result = authenticate(reason="Patching the database")
    assert result["verdict"] == "ACCEPT"
    assert result["cookie"][QUESTION_KEY] == "Patching the database"
    assert Plugin(CONFIG).authorize(session_id="ssh-example-1", cookie=result["cookie"])["verdict"] == "ACCEPT"


def test_denies_after_three_short_answers():
    cookie = {}
    for _ in range(3):
        result = authenticate(cookie, reason="no")
        cookie = result["cookie"]
    assert result["verdict"] == "DENY"
    assert cookie["attempts"] == 3


def test_authorize_denies_a_session_that_was_not_authenticated():
    assert Plugin(CONFIG).authorize(session_id="ssh-example-1", cookie={})["verdict"] == "DENY"
