"""A credential store plugin: SPS asks it for the passwords and keys of the target account.

Plain Python, no SDK. SPS calls get_password_list and get_private_key_list for the target account,
then authentication_completed when the target accepted a credential, and session_ended at the end.
Each call runs in a new process on a new Plugin, so anything to remember goes in the cookie.
"""
import configparser
import logging
import sys

from . import backend


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        self.settings = dict(config.items("backend")) if config.has_section("backend") else {}
        self.logger = logging.getLogger("{{name}}")
        if not self.logger.handlers:
            # SPS collects what a plugin writes to stderr into its own log.
            self.logger.addHandler(logging.StreamHandler(sys.stderr))
        self.logger.setLevel(config.get("logging", "log_level", fallback="info").upper())

    def get_password_list(self, session_id=None, cookie=None, **connection):
        account, host = _target(connection)
        passwords = backend.passwords_for(account, host, self.settings)
        self.logger.info("session %s: %d password(s) for %s@%s", session_id, len(passwords), account, host)
        return {"passwords": passwords, "cookie": dict(cookie or {}, account=account, host=host)}

    def get_private_key_list(self, session_id=None, cookie=None, **connection):
        account, host = _target(connection)
        keys = backend.private_keys_for(account, host, self.settings)
        return {"private_keys": keys, "cookie": dict(cookie or {}, account=account, host=host)}

    def authentication_completed(self, session_id=None, cookie=None, **connection):
        self.logger.info("session %s: the target accepted the credential of %s", session_id, (cookie or {}).get("account"))
        return {"cookie": cookie}

    def session_ended(self, session_id=None, cookie=None, **connection):
        self.logger.info("session %s ended", session_id)


def _target(connection):
    """The target account and host. Older SPS releases pass target_username and target_host instead."""
    account = connection.get("server_username") or connection.get("target_username")
    host = connection.get("server_hostname") or connection.get("server_ip") or connection.get("target_host")
    return account, host
