# No answer in the login name: the plugin asks (NEEDINFO) and accepts the answer.
@{
    Plugin   = '..'
    Protocol = 'ssh'
    Answers  = @{ reason = 'Patching the database' }
    Expect   = @{ Verdict = 'ACCEPT'; Prompts = @('Why do you need this connection?*') }
}
