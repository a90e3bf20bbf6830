# The demo back end has a password for targetuser: SPS gets one credential for the target.
@{
    CredentialStore = '..'
    Protocol        = 'ssh'
    ServerUsername  = 'targetuser'
    Expect          = @{ Verdict = 'ACCEPT'; PasswordCount = 1; PrivateKeyCount = 0 }
}
