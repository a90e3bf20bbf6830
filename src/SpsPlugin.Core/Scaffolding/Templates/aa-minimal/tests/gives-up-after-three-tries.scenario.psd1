# Three answers that are too short: the attempt counter in the cookie reaches max_attempts.
@{
    Plugin   = '..'
    Protocol = 'rdp'
    Answers  = @{ reason = @('no', 'nah', 'x') }
    Expect   = @{ Verdict = 'DENY'; Reason = '*3 attempts*' }
}
