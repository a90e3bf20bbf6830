# The connection described once: New-SpsPluginConnection's object, the connection parameters and a
# scenario file's keys give every plugin the same hook arguments in Invoke-SpsPluginHook,
# Invoke-SpsPluginSimulation and Invoke-SpsPluginScenario; a credential store plays alone.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Vault = Join-Path $script:RepoRoot 'examples/plugins/json_vault'

    # An AA plugin whose authorize (the hook SPS passes the most arguments: the target too) denies with
    # every argument it got, cookies apart (they differ by design between a single call and a flow),
    # as sorted JSON in the Reason.
    function New-ArgumentsProbe {
        New-ExamplePluginWith @'
import json
class Plugin(object):
    def __init__(self, configuration):
        pass
    def authenticate(self, cookie):
        return {'verdict': 'ACCEPT'}
    def authorize(self, **arguments):
        shown = dict((k, v) for k, v in arguments.items() if k not in ('cookie', 'session_cookie'))
        return {'verdict': 'DENY', 'reason': json.dumps(shown, sort_keys=True)}
'@
    }

    # The arguments authorize got, from each of the three cmdlets, for one connection.
    function Get-ArgumentsEverywhere($Probe, $Connection, [hashtable] $ScenarioKeys = @{}) {
        $scenario = Join-Path $TestDrive ('s' + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.scenario.psd1')
        $keys = ($ScenarioKeys.GetEnumerator() | ForEach-Object { "$($_.Key) = '$($_.Value)'" }) -join "`n"
        Set-Content $scenario "@{`nPlugin = '$Probe'`n$keys`nExpect = @{ Verdict = 'DENY' }`n}"
        [pscustomobject]@{
            Hook       = ($Connection | Invoke-SpsPluginHook $Probe authorize).Reason
            Simulation = ($Connection | Invoke-SpsPluginSimulation $Probe).Reason
            Scenario   = ($Connection | Invoke-SpsPluginScenario $scenario).Simulation.Reason
        }
    }
}

Describe 'New-SpsPluginConnection' {
    It 'describes the connection with run-scenario defaults, the login name read as SPS reads it' {
        $connection = New-SpsPluginConnection -Protocol RDP -LoginName 'CORP\otp~123456%Administrator' -ClientIp 10.1.2.3
        $connection | Should -BeOfType SpsPlugin.SpsPluginConnection
        $connection.Protocol | Should -Be 'rdp'
        $connection.ServerPort | Should -Be 3389
        $connection.ServerDomain | Should -Be 'CORP'
        $connection.ServerUsername | Should -Be 'Administrator'
        $connection.KeyValuePairs['otp'] | Should -Be '123456'
        $connection.ClientIp | Should -Be '10.1.2.3'
        $connection.ServerIp | Should -Be '5.6.7.8'
    }

    It 'changes a copy of a connection piped in, never the connection itself' {
        $ssh = New-SpsPluginConnection -LoginName 'otp=1@root'
        $rdp = $ssh | New-SpsPluginConnection -Protocol rdp -ServerUsername admin
        ($ssh.Protocol, $ssh.ServerPort, $ssh.ServerUsername) | Should -Be @('ssh', 22, 'root')
        ($rdp.Protocol, $rdp.ServerPort, $rdp.ServerUsername, $rdp.KeyValuePairs['otp']) | Should -Be @('rdp', 3389, 'admin', '1')
    }

    It 'lets -LoginName over a piped connection set the username, and -Protocol its port: the piped values are no explicit settings' {
        $ssh = New-SpsPluginConnection -LoginName 'otp=1@root'
        $changed = $ssh | New-SpsPluginConnection -LoginName 'otp=2@admin'
        ($changed.ServerUsername, $changed.KeyValuePairs['otp']) | Should -Be @('admin', '2')
        $chosen = New-SpsPluginConnection -ServerPort 2222 | New-SpsPluginConnection -Protocol rdp
        $chosen.ServerPort | Should -Be 2222
    }

    It 'is never built from a record''s properties: only New-SpsPluginConnection makes one, so RDP never keeps port 22' {
        $record = [pscustomobject]@{ Protocol = 'rdp'; ServerIp = '10.0.0.9' }
        { $record | New-SpsPluginConnection -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,SpsPlugin.Commands.NewSpsPluginConnectionCommand'
    }

    It 'never shows the gateway password in its view' {
        $secret = ConvertTo-SecureString 'gw-Secret-42' -AsPlainText -Force
        $shown = New-SpsPluginConnection -GatewayPassword $secret | Out-String
        $shown | Should -Not -Match 'gw-Secret-42'
        $shown | Should -Match 'GatewayPassword\s*:\s*\*{8}'
    }

    It 'refuses a login name SPS would not read, naming the part' {
        New-SpsPluginConnection -Protocol rdp -LoginName 'CORP\otp=1%admin' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'LoginNameInvalid,SpsPlugin.Commands.NewSpsPluginConnectionCommand'
        $errors[0].Exception.Message | Should -Match "at 'otp=1'"
    }
}

Describe 'One connection, the same hook arguments in all three cmdlets' {
    BeforeEach { Skip-WithoutPython }

    It 'passes authorize the same arguments from a piped connection in Invoke-SpsPluginHook, -Simulation and -Scenario' {
        $probe = New-ArgumentsProbe
        $connection = New-SpsPluginConnection -Protocol rdp -LoginName 'CORP\gu~alice%otp~7%Administrator' -ClientIp 10.1.2.3 -ServerIp 10.9.9.9 -GatewayGroups ops, dev -SessionId s-42
        $seen = Get-ArgumentsEverywhere $probe $connection
        $arguments = $seen.Hook | ConvertFrom-Json
        $arguments.protocol | Should -Be 'rdp'
        $arguments.server_port | Should -Be 3389
        $arguments.server_domain | Should -Be 'CORP'
        $arguments.gateway_user | Should -Be 'alice'
        $arguments.gateway_groups | Should -Be @('ops', 'dev')
        $arguments.key_value_pairs.otp | Should -Be '7'
        $arguments.session_id | Should -Be 's-42'
        $seen.Simulation | Should -BeExactly $seen.Hook
        $seen.Scenario | Should -BeExactly $seen.Hook
    }

    It 'gives the same arguments from the connection parameters and from a scenario file''s keys' {
        $probe = New-ArgumentsProbe
        $fromParameters = (Invoke-SpsPluginHook $probe authorize -Protocol telnet -LoginName 'otp=9@root' -ServerIp 10.0.0.1 -ServerPort 2323).Reason
        $simulated = (Invoke-SpsPluginSimulation $probe -Protocol telnet -LoginName 'otp=9@root' -ServerIp 10.0.0.1 -ServerPort 2323).Reason
        $fromFile = (Get-ArgumentsEverywhere $probe $null @{ Protocol = 'telnet'; LoginName = 'otp=9@root'; ServerIp = '10.0.0.1'; ServerPort = '2323' }).Scenario
        ($fromParameters | ConvertFrom-Json).server_port | Should -Be 2323
        $simulated | Should -BeExactly $fromParameters
        $fromFile | Should -BeExactly $fromParameters
    }

    It 'applies parameters and scenario keys over the piped connection, and -Parameter over both' {
        $probe = New-ArgumentsProbe
        $connection = New-SpsPluginConnection -LoginName 'otp=1@root' -ServerIp 10.0.0.1
        $hook = ($connection | Invoke-SpsPluginHook $probe authorize -ServerIp 10.0.0.2 -Parameter @{ client_ip = '192.0.2.1' }).Reason | ConvertFrom-Json
        ($hook.server_ip, $hook.client_ip, $hook.server_username) | Should -Be @('10.0.0.2', '192.0.2.1', 'root')
        $scenario = (Get-ArgumentsEverywhere $probe $connection @{ ServerIp = '10.0.0.3' }).Scenario | ConvertFrom-Json
        ($scenario.server_ip, $scenario.server_username) | Should -Be @('10.0.0.3', 'root')
        $connection.ServerIp | Should -Be '10.0.0.1'
    }

    It 'takes the connection as a record''s Connection property, next to its Path' {
        $probe = New-ArgumentsProbe
        $records = [pscustomobject]@{ Path = $probe; Connection = New-SpsPluginConnection -Protocol vnc },
            [pscustomobject]@{ Path = $probe; Connection = New-SpsPluginConnection -Protocol ica -ServerPort 1494 }
        $results = $records | Invoke-SpsPluginHook -Hook authorize
        $seen = $results.Reason | ConvertFrom-Json
        @($seen.protocol) + @($seen.server_port) | Should -Be @('vnc', 'ica', 22, 1494)
    }

    It 'refuses a login name SPS would not read in Invoke-SpsPluginHook as the simulation does, and goes on' {
        $probe = New-ArgumentsProbe
        $results = $probe, $probe | Invoke-SpsPluginHook -Hook authorize -LoginName 'otp@root' -ErrorVariable errors -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -Be 'LoginNameInvalid,SpsPlugin.Commands.InvokeSpsPluginHookCommand'
    }

    It 'masks the connection''s gateway password in what Invoke-SpsPluginHook returns' {
        $secret = ConvertTo-SecureString 'gw-Secret-42' -AsPlainText -Force
        # json_vault logs the server username it looked up: given the password's text, the log shows it unless it is masked.
        $result = New-SpsPluginConnection -GatewayPassword $secret -ServerUsername 'gw-Secret-42' | Invoke-SpsPluginHook $script:Vault get_password_list
        $result.Log -join "`n" | Should -Match 'for \*{8}@5\.6\.7\.8'
        ($result | Format-List * | Out-String) | Should -Not -Match 'gw-Secret-42'
    }
}

Describe 'Invoke-SpsPluginSimulation with a credential store alone' {
    BeforeEach { Skip-WithoutPython }

    It 'plays the store''s flow: passwords, keys for SSH, authentication_completed, session_ended' {
        $result = Invoke-SpsPluginSimulation $script:Vault
        $result.Verdict | Should -Be 'ACCEPT'
        @($result.Steps | ForEach-Object { "$($_.Plugin) $($_.Hook)" }) | Should -Be @(
            'CredentialStore get_password_list', 'CredentialStore get_private_key_list', 'CredentialStore authentication_completed', 'CredentialStore session_ended')
        $result.Passwords.Count | Should -Be 1
        $result.PrivateKeys.Count | Should -Be 1
    }

    It 'asks for no private key on RDP, and denies when the store has nothing for the target' {
        $rdp = New-SpsPluginConnection -Protocol rdp | Invoke-SpsPluginSimulation $script:Vault
        @($rdp.Steps.Hook) | Should -Be @('get_password_list', 'authentication_completed', 'session_ended')
        $nobody = Get-Item $script:Vault | Invoke-SpsPluginSimulation -ServerUsername nobody
        $nobody.Verdict | Should -Be 'DENY'
        $nobody.Reason | Should -Match 'no password or key'
        @($nobody.Steps.Hook) | Should -Be @('get_password_list', 'get_private_key_list', 'session_ended')
    }

    It 'takes -Configuration as the store''s configuration' {
        $vaultFile = Join-Path $TestDrive 'empty-vault.json'
        Set-Content $vaultFile '{}'
        $result = Invoke-SpsPluginSimulation $script:Vault -Configuration "[vault]`npath=$vaultFile"
        $result.Verdict | Should -Be 'DENY'
    }

    It 'refuses a store as -Path together with -CredentialStore or -CredentialStoreConfiguration, and goes on with the next path' {
        $results = $script:Vault, $script:Vault | Invoke-SpsPluginSimulation -CredentialStoreConfiguration "[vault]`npath=x.json" -ErrorVariable errors -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -Be 'CredentialStoreConflict,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be $script:Vault
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'store alone as -Path'
    }
}
