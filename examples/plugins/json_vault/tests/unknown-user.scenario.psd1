# The vault has nothing for this user: the connection is denied after the AA plugin accepted.
@{
    Plugin          = '../../ticket_gate'
    CredentialStore = '..'
    Protocol        = 'ssh'
    LoginName       = 'ticket=INC0012345@nobody'
    Expect          = @{ Verdict = 'DENY'; Reason = '*no password or key*'; PasswordCount = 0 }
}
