# [auth] interactive_protocols leaves ssh out: the SDK asks nothing and the client gets a push request.
# Needs the SDK in the interpreter (pipenv install --dev, then -PythonPath); skipped without it.
@{
    RequiresModule = 'safeguard.sessions.plugin'
    Plugin         = '..'
    Configuration  = @'
[mfa-service]
url=https://mfa.example.com

[auth]
interactive_protocols=rdp
'@
    Protocol       = 'ssh'
    GatewayUser    = 'alice'
    Expect         = @{ Verdict = 'DENY'; Prompts = @() }
}
