# Nothing for this account: SPS has no credential, so the connection is denied.
@{
    CredentialStore = '..'
    Protocol        = 'ssh'
    ServerUsername  = 'nobody'
    Expect          = @{ Verdict = 'DENY'; PasswordCount = 0 }
}
