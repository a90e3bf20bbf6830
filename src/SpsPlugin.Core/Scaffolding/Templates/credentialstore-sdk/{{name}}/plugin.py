"""A credential store plugin on the One Identity plugin SDK.

Built on the One Identity plugin SDK, which SPS provides. CredentialStorePlugin tries the accounts and
assets that its [account] and [assets] settings generate, calling do_get_password_list and
do_get_private_key_list with self.account and self.asset set, until one returns a credential.
"""
from safeguard.sessions.plugin import CredentialStorePlugin


class Plugin(CredentialStorePlugin):
    def __init__(self, configuration):
        super().__init__(configuration, configuration_section="backend")

    def do_get_password_list(self):
        passwords = self.fetch_passwords(self.account, self.asset)
        return {"passwords": passwords} if passwords else None

    def do_get_private_key_list(self):
        keys = self.fetch_private_keys(self.account, self.asset)
        return {"private_keys": keys} if keys else None

    def fetch_passwords(self, account, asset):
        """The placeholder you replace: ask your vault for account's passwords on asset."""
        self.logger.info("No back end yet: no password for %s@%s", account, asset)
        return []

    def fetch_private_keys(self, account, asset):
        """The placeholder you replace: (type, PEM) pairs, type "ssh-rsa" or "ssh-dss"."""
        return []
