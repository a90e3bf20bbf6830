"""Where the plugin gets credentials: the placeholder you replace.

Replace the two functions with calls to your vault (an HTTP API, a file, a command). Keep their
contract: given the target account and host, return a list of passwords, or a list of
(key type, private key in PEM) pairs; an empty list means "none here". Until then they serve
DEMO_CREDENTIALS so the project runs out of the box: delete it before the plugin goes anywhere.
"""

DEMO_CREDENTIALS = {
    # (account, host); host "*" matches any target.
    ("targetuser", "*"): {"passwords": ["demo-password-replace-me"], "private_keys": []},
}


def passwords_for(account, host, settings):
    """The passwords of account on host. settings is the [backend] section as a dict."""
    return list(_entry(account, host).get("passwords", []))


def private_keys_for(account, host, settings):
    """The private keys of account on host, as (type, PEM) pairs, type "ssh-rsa" or "ssh-dss"."""
    return [tuple(key) for key in _entry(account, host).get("private_keys", [])]


def _entry(account, host):
    return DEMO_CREDENTIALS.get((account, host)) or DEMO_CREDENTIALS.get((account, "*")) or {}
