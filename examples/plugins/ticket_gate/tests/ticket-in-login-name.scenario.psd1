# The user types the ticket with the login name: ssh ticket=INC0012345@root@sps
@{
    Plugin    = '..'
    Protocol  = 'ssh'
    LoginName = 'ticket=INC0012345@root'
    Expect    = @{ Verdict = 'ACCEPT'; Prompts = @(); MaxDurationMs = 10000 }
}
