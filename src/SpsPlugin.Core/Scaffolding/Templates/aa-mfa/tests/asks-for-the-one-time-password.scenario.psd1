# The SDK asks for the one-time password (NEEDINFO, key otp) and hands it to the MFA client. Until
# client.py talks to your service, the client reports a communication error and the SDK denies:
# when it does, expect ACCEPT here. Needs the SDK in the interpreter (pipenv install --dev, then
# -PythonPath); without it the scenario is skipped, saying so.
@{
    RequiresModule = 'safeguard.sessions.plugin'
    Plugin         = '..'
    Configuration  = @'
[mfa-service]
url=https://mfa.example.com
'@
    Protocol       = 'ssh'
    GatewayUser    = 'alice'
    Answers        = @{ otp = '123456' }
    Expect         = @{ Verdict = 'DENY'; Prompts = @('Press Enter for push notification or type one-time password:') }
}
