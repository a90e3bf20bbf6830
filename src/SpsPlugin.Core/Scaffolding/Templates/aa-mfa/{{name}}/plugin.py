"""A multi-factor authentication plugin on the One Identity plugin SDK.

Built on the One Identity plugin SDK, which SPS provides. AAPlugin does the common work (user lists,
user mapping, the one-time password question, the authentication cache, connection limits); this
class only hands the verdict to the MFA client.
"""
from safeguard.sessions.plugin import AAPlugin

from .client import Client


class Plugin(AAPlugin):
    def do_authenticate(self):
        client = Client.from_config(self.plugin_configuration)
        return client.execute_authenticate(self.username, self.mfa_identity, self.mfa_password)
