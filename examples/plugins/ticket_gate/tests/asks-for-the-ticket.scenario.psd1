# No ticket in the login name: the plugin asks for one (NEEDINFO) and accepts a good answer.
@{
    Plugin    = '..'
    Protocol  = 'rdp'
    LoginName = 'CORP\Administrator'
    Answers   = @{ ticket = 'CHG0054321' }
    Expect    = @{ Verdict = 'ACCEPT'; Prompts = @('Change ticket number*') }
}
