# The user types the ticket id with the login name: ssh ticket=CHG0012345@targetuser@sps
@{
    Plugin    = '..'
    Protocol  = 'ssh'
    LoginName = 'ticket=CHG0012345@targetuser'
    Expect    = @{ Verdict = 'ACCEPT'; Prompts = @() }
}
