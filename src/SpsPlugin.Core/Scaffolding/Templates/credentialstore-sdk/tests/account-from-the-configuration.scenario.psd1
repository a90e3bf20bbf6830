# [account] prefix and suffix make the account the vault is asked for; the plugin's log says which
# (see -Verbose). Needs the SDK in the interpreter (pipenv install --dev, then -PythonPath); skipped without it.
@{
    RequiresModule                = 'safeguard.sessions.plugin'
    CredentialStore               = '..'
    CredentialStoreConfiguration  = @'
[account]
prefix=adm_
'@
    Protocol                      = 'rdp'
    ServerUsername                = 'root'
    Expect                        = @{ Verdict = 'DENY'; PasswordCount = 0 }
}
