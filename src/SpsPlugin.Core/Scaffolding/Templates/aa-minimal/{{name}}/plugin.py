"""An AA plugin that asks the user why they need the connection.

Plain Python, no SDK. SPS runs every hook in a new process on a new Plugin(configuration), so what the
plugin must remember between calls (here: how many answers were refused) travels in the cookie that
each hook returns and SPS hands to the next call.
"""
import configparser
import json
import logging
import sys

QUESTION_KEY = "reason"


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        self.prompt = config.get("question", "prompt", fallback="Why do you need this connection?").strip() + " "
        self.min_length = config.getint("question", "min_length", fallback=5)
        self.max_attempts = config.getint("question", "max_attempts", fallback=3)
        self.logger = logging.getLogger("{{name}}")
        if not self.logger.handlers:
            # SPS collects what a plugin writes to stderr into its own log.
            self.logger.addHandler(logging.StreamHandler(sys.stderr))
        self.logger.setLevel(config.get("logging", "log_level", fallback="info").upper())

    def authenticate(self, session_id=None, cookie=None, key_value_pairs=None, **connection):
        """Asks QUESTION_KEY until the answer is long enough or the attempts run out."""
        attempts = int((cookie or {}).get("attempts", 0))
        pairs = key_value_pairs or {}
        answer = (pairs.get(QUESTION_KEY) or "").strip()
        if len(answer) >= self.min_length:
            self.logger.info("session %s: accepted with reason %r", session_id, answer)
            return {
                "verdict": "ACCEPT",
                "cookie": {"attempts": attempts, QUESTION_KEY: answer},
                "additional_metadata": json.dumps({QUESTION_KEY: answer}),
            }
        if QUESTION_KEY in pairs:
            attempts += 1
            self.logger.warning("session %s: answer %d of %d is too short", session_id, attempts, self.max_attempts)
        if attempts >= self.max_attempts:
            return {"verdict": "DENY", "cookie": {"attempts": attempts}, "reason": "No reason given after %d attempts" % attempts}
        return {"verdict": "NEEDINFO", "cookie": {"attempts": attempts}, "question": (QUESTION_KEY, self.prompt, False)}

    def authorize(self, session_id=None, cookie=None, **connection):
        """Authentication already asked; authorization only checks that it accepted this session."""
        if not (cookie or {}).get(QUESTION_KEY):
            return {"verdict": "DENY", "cookie": cookie, "reason": "The session was not authenticated by {{name}}"}
        return {"verdict": "ACCEPT", "cookie": cookie}

    def session_ended(self, session_id=None, cookie=None, **connection):
        self.logger.info("session %s ended", session_id)
