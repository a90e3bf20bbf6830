# The placeholder back end has no credentials, so SPS gets none and denies the connection. When
# fetch_passwords asks your vault, expect Verdict = 'ACCEPT' and PasswordCount = 1 here. Needs the SDK
# in the interpreter (pipenv install --dev, then -PythonPath); without it the scenario is skipped.
@{
    RequiresModule  = 'safeguard.sessions.plugin'
    CredentialStore = '..'
    Protocol        = 'ssh'
    ServerUsername  = 'root'
    Expect          = @{ Verdict = 'DENY'; PasswordCount = 0; PrivateKeyCount = 0 }
}
