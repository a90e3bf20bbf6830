"""An AA plugin that lets a connection through only with a ticket id that matches a pattern.

Plain Python, no SDK. The ticket id comes with the login name (ssh ticket=CHG0012345@user@sps) or as
the answer to a NEEDINFO question. It must match [ticket] pattern; the accepted id is returned as
additional_metadata, which SPS stores with the session. Refused answers are counted in the cookie,
because SPS runs each hook on a new Plugin in a new process.
"""
import configparser
import json
import logging
import sys
import re


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        self.key = config.get("ticket", "key", fallback="ticket")
        self.pattern = re.compile(config.get("ticket", "pattern", fallback=r"(INC|CHG)[0-9]{7}"))
        self.prompt = config.get("ticket", "prompt", fallback="Ticket id:").strip() + " "
        self.max_attempts = config.getint("ticket", "max_attempts", fallback=3)
        self.logger = logging.getLogger("{{name}}")
        if not self.logger.handlers:
            # SPS collects what a plugin writes to stderr into its own log.
            self.logger.addHandler(logging.StreamHandler(sys.stderr))
        self.logger.setLevel(config.get("logging", "log_level", fallback="info").upper())

    def authenticate(self, session_id=None, cookie=None, key_value_pairs=None, **connection):
        refused = int((cookie or {}).get("refused", 0))
        ticket = (key_value_pairs or {}).get(self.key)
        if ticket is not None:
            ticket = ticket.strip()
            if self.pattern.fullmatch(ticket):
                self.logger.info("session %s: ticket %s accepted", session_id, ticket)
                return {
                    "verdict": "ACCEPT",
                    "cookie": {"refused": refused, "ticket": ticket},
                    "additional_metadata": json.dumps({"ticket": ticket}),
                }
            refused += 1
            self.logger.warning("session %s: ticket %r does not match %s", session_id, ticket, self.pattern.pattern)
        if refused >= self.max_attempts:
            return {"verdict": "DENY", "cookie": {"refused": refused}, "reason": "No valid ticket id after %d attempts" % refused}
        return {"verdict": "NEEDINFO", "cookie": {"refused": refused}, "question": (self.key, self.prompt, False)}

    def authorize(self, session_id=None, cookie=None, **connection):
        ticket = (cookie or {}).get("ticket")
        if not ticket:
            return {"verdict": "DENY", "cookie": cookie, "reason": "No ticket id was accepted for this session"}
        return {"verdict": "ACCEPT", "cookie": cookie, "additional_metadata": json.dumps({"ticket": ticket})}

    def session_ended(self, session_id=None, cookie=None, **connection):
        self.logger.info("session %s ended (ticket %s)", session_id, (cookie or {}).get("ticket"))
