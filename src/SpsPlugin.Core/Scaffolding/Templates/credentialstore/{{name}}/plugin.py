"""{{description}}

Plain Python, no SDK. SPS calls get_password_list and get_private_key_list for the target account,
then authentication_completed when the target accepted a credential, and session_ended at the end.
Each call runs in a new process on a new Plugin, so anything to remember goes in the cookie.
"""
import configparser
import logging

from . import backend


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        self.settings = dict(config.items("backend")) if config.has_section("backend") else {}
        self.logger = logging.getLogger("{{name}}")
        self.logger.setLevel(config.get("logging", "log_level", fallback="info").upper())

    def get_password_list(self, session_id, cookie, server_username, server_ip, server_hostname=None, **connection):
        host = server_hostname or server_ip
        passwords = backend.passwords_for(server_username, host, self.settings)
        self.logger.info("session %s: %d password(s) for %s@%s", session_id, len(passwords), server_username, host)
        return {"passwords": passwords, "cookie": dict(cookie or {}, account=server_username, host=host)}

    def get_private_key_list(self, session_id, cookie, server_username, server_ip, server_hostname=None, **connection):
        host = server_hostname or server_ip
        keys = backend.private_keys_for(server_username, host, self.settings)
        return {"private_keys": keys, "cookie": dict(cookie or {}, account=server_username, host=host)}

    def authentication_completed(self, session_id, cookie, **connection):
        self.logger.info("session %s: the target accepted the credential of %s", session_id, (cookie or {}).get("account"))
        return {"cookie": cookie}

    def session_ended(self, session_id, cookie, **connection):
        self.logger.info("session %s ended", session_id)
