# The ticket plugin accepts, then the credential store returns the target's password and SSH key.
@{
    Plugin          = '../../ticket_gate'
    CredentialStore = '..'
    Protocol        = 'ssh'
    LoginName       = 'ticket=INC0012345@targetuser'
    Expect          = @{ Verdict = 'ACCEPT'; PasswordCount = 1; PrivateKeyCount = 1 }
}
