"""An AA plugin that lets a connection through only with a change ticket number.

Pure Python, no SDK. SPS creates a new Plugin(configuration) for every hook call, so the number of
attempts is kept in the cookie that each hook returns and SPS hands to the next call.

The ticket can come with the login name (ssh ticket=INC0012345@root@host) or as the answer to the
NEEDINFO question; after max_attempts wrong answers the connection is denied.
"""
import configparser
import json
import re
import sys

TICKET_KEY = "ticket"


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        self.pattern = re.compile(config.get("ticket", "pattern", fallback=r"^(INC|CHG)[0-9]{6,}$"))
        self.max_attempts = config.getint("ticket", "max_attempts", fallback=3)
        self.prompt = config.get("ticket", "prompt", fallback="Ticket number:") + " "
        self.log_level = config.get("logging", "log_level", fallback="info")

    def authenticate(self, session_id, key_value_pairs, cookie):
        cookie = dict(cookie or {})
        attempts = int(cookie.get("attempts", 0))
        ticket = (key_value_pairs or {}).get(TICKET_KEY)
        if ticket is not None and self.pattern.match(ticket.strip()):
            ticket = ticket.strip()
            self._log("info", "session %s: ticket %s accepted" % (session_id, ticket))
            cookie.update(attempts=attempts, ticket=ticket)
            return {
                "verdict": "ACCEPT",
                "cookie": cookie,
                "additional_metadata": json.dumps({"ticket": ticket}),
            }
        if ticket is not None:
            attempts += 1
            self._log("warning", "session %s: ticket %r does not match %s (attempt %d of %d)"
                      % (session_id, ticket, self.pattern.pattern, attempts, self.max_attempts))
        if attempts >= self.max_attempts:
            return {
                "verdict": "DENY",
                "cookie": dict(cookie, attempts=attempts),
                "reason": "No valid ticket number after %d attempts" % attempts,
            }
        return {
            "verdict": "NEEDINFO",
            "question": (TICKET_KEY, self.prompt, False),
            "cookie": dict(cookie, attempts=attempts),
        }

    def authorize(self, session_id, cookie):
        cookie = dict(cookie or {})
        if not cookie.get("ticket"):
            return {"verdict": "DENY", "cookie": cookie, "reason": "No ticket was accepted for this session"}
        return {"verdict": "ACCEPT", "cookie": cookie}

    def session_ended(self, session_id, cookie):
        self._log("info", "session %s ended (ticket %s)" % (session_id, (cookie or {}).get("ticket")))

    def _log(self, level, message):
        levels = ["debug", "info", "warning", "error", "critical"]
        if levels.index(level) >= levels.index(self.log_level if self.log_level in levels else "info"):
            sys.stderr.write("ticket_gate %s: %s\n" % (level.upper(), message))
