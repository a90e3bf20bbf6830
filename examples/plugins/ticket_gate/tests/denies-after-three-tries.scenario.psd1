# Three wrong answers: the retry counter in the cookie reaches max_attempts and the plugin denies.
@{
    Plugin   = '..'
    Protocol = 'telnet'
    Answers  = @{ ticket = @('nope', 'still-no', 'INC1') }
    Expect   = @{ Verdict = 'DENY'; Reason = '*3 attempts*'; Prompts = @('Change ticket number*', 'Change ticket number*', 'Change ticket number*') }
}
