"""A credential store plugin that reads credentials from a JSON file. Pure Python, no SDK.

The file (named by [vault] path in the configuration, relative to the plugin folder or absolute)
maps target hosts to users to credentials:

    {"5.6.7.8": {"targetuser": {"passwords": ["..."], "ssh-rsa": ["-----BEGIN RSA PRIVATE KEY-----..."]}}}

A host may also be listed by name; "*" matches any host. Every call runs in a new process on a new
Plugin, so the plugin keeps what it needs between hooks in the cookie it returns.
"""
import configparser
import json
import os
import sys


class Plugin(object):
    def __init__(self, configuration):
        config = configparser.ConfigParser()
        config.read_string(configuration or "")
        path = config.get("vault", "path", fallback="vault.json")
        self.path = path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), path)

    def get_password_list(self, session_id, cookie, server_username, server_ip, server_hostname=None, **kwargs):
        entry = self._lookup(server_ip, server_hostname, server_username)
        passwords = list(entry.get("passwords", []))
        self._log("session %s: %d password(s) for %s@%s" % (session_id, len(passwords), server_username, server_ip))
        return {"passwords": passwords, "cookie": dict(cookie or {}, looked_up=server_username)}

    def get_private_key_list(self, session_id, cookie, server_username, server_ip, server_hostname=None, **kwargs):
        entry = self._lookup(server_ip, server_hostname, server_username)
        keys = [("ssh-rsa", key) for key in entry.get("ssh-rsa", [])]
        return {"private_keys": keys, "cookie": dict(cookie or {}, looked_up=server_username)}

    def authentication_completed(self, session_id, cookie):
        self._log("session %s: the target accepted the credentials of %s" % (session_id, (cookie or {}).get("looked_up")))
        return {"cookie": cookie}

    def session_ended(self, session_id, cookie):
        self._log("session %s ended" % session_id)

    def _lookup(self, server_ip, server_hostname, server_username):
        with open(self.path, encoding="utf-8") as source:
            vault = json.load(source)
        for host in (server_ip, server_hostname, "*"):
            users = vault.get(host) if host else None
            if users and server_username in users:
                return users[server_username]
        return {}

    @staticmethod
    def _log(message):
        sys.stderr.write("json_vault: %s\n" % message)
