"""The client of your MFA service: the part you write.

MFAClient.execute_authenticate calls push_authenticate when the user typed no one-time password and
otp_authenticate when they did. Return True to allow, False to deny; raise MFAAuthenticationFailure,
MFACommunicationError or MFAServiceUnreachable and the SDK denies with the matching reason.
"""
from safeguard.sessions.plugin.mfa_client import MFAClient, MFACommunicationError


class Client(MFAClient):
    def __init__(self, url, timeout):
        super().__init__("{{name}}")
        self.url = url
        self.timeout = timeout

    @classmethod
    def from_config(cls, plugin_configuration, section="mfa-service"):
        return cls(
            url=plugin_configuration.get(section, "url", required=True),
            timeout=plugin_configuration.getint(section, "timeout", default=60),
        )

    def push_authenticate(self, mfa_identity):
        # Replace: send a push notification to mfa_identity and wait up to self.timeout seconds.
        raise MFACommunicationError("push_authenticate is not implemented yet")

    def otp_authenticate(self, mfa_identity, otp):
        # Replace: ask the service at self.url whether otp is valid for mfa_identity.
        raise MFACommunicationError("otp_authenticate is not implemented yet")
