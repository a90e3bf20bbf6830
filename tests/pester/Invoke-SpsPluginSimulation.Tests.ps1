BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Vault = Join-Path $script:RepoRoot 'examples/plugins/json_vault'
    $script:Accepted = 'ticket=INC0012345@root'
    function Get-Hooks($Result) { @($Result.Steps | ForEach-Object { "$($_.Plugin) $($_.Hook)" }) }
    # The example plugin with a Plugin that has only authenticate, whose body is $Body.
    function New-AuthenticateOnly([string] $Name, [string] $Body) {
        $folder = Join-Path $TestDrive $Name
        Copy-Item -Recurse $script:ExamplePlugin $folder
        Set-Content (Join-Path $folder 'ticket_gate/plugin.py') "class Plugin(object):`n    def __init__(self, configuration):`n        pass`n    def authenticate(self):`n        $Body`n"
        $folder
    }
}

Describe 'Invoke-SpsPluginSimulation' {
    BeforeEach { Skip-WithoutPython }

    It 'plays authenticate, authorize and session_ended, and returns the outcome' {
        $result = Invoke-SpsPluginSimulation $script:ExamplePlugin -LoginName $script:Accepted
        $result | Should -BeOfType SpsPlugin.SpsPluginSimulationResult
        $result.Verdict | Should -Be 'ACCEPT'
        Get-Hooks $result | Should -Be @('AA authenticate', 'AA authorize', 'AA session_ended')
        $result.Steps.Number | Should -Be @(1, 2, 3)
        $result.Questions | Should -BeNullOrEmpty
    }

    It 'runs a connection with answers, narrating each step on -Verbose' {
        $verbose = Invoke-SpsPluginSimulation $script:ExamplePlugin -Answer @{ ticket = @('nope', 'INC0012345') } -Verbose 4>&1
        $result = $verbose | Where-Object { $_ -is [SpsPlugin.SpsPluginSimulationResult] }
        $result.Verdict | Should -Be 'ACCEPT'
        $result.Steps.Count | Should -Be 5
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match "2\. AA authenticate \(with ticket=nope\): NEEDINFO 'Change ticket number"
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match '3\. AA authenticate \(with ticket=INC0012345\): ACCEPT'
    }

    It 'stops the flow at a DENY and still calls session_ended' {
        $result = Invoke-SpsPluginSimulation $script:ExamplePlugin -Answer @{ ticket = @('a', 'b', 'c') }
        $result.Verdict | Should -Be 'DENY'
        $result.Reason | Should -Match '3 attempts'
        Get-Hooks $result | Should -Be @('AA authenticate', 'AA authenticate', 'AA authenticate', 'AA authenticate', 'AA session_ended')
    }

    It 'passes the connection SPS would: port 3389 for RDP, or the values given' {
        $probe = New-ProbePlugin
        (Invoke-SpsPluginSimulation $probe).Reason | Should -BeLike 'ssh 5.6.7.8:22 *'
        (Invoke-SpsPluginSimulation $probe -Protocol RDP).Reason | Should -BeLike 'rdp 5.6.7.8:3389 *'
        (Invoke-SpsPluginSimulation $probe -Protocol rdp -ServerIp 10.0.0.9 -ServerPort 3390).Reason | Should -BeLike 'rdp 10.0.0.9:3390 *'
        (Invoke-SpsPluginSimulation $probe -Environment @{ PROBE = 'given' }).Reason | Should -BeLike '* PROBE=given OTHER=None'
    }

    It 'reads the login name and fetches credentials from a credential store' {
        $result = Invoke-SpsPluginSimulation $script:ExamplePlugin -CredentialStore $script:Vault -LoginName 'ticket=INC0012345@targetuser'
        $result.Verdict | Should -Be 'ACCEPT'
        $result.Passwords.Count | Should -Be 1
        $result.PrivateKeys[0].KeyType | Should -Be 'ssh-rsa'
        ($result | Out-String) | Should -Not -Match 'example-password-1'
    }

    It 'never shows an answer given as a SecureString' {
        $secret = ConvertTo-SecureString 'INC0077777' -AsPlainText -Force
        $all = Invoke-SpsPluginSimulation $script:ExamplePlugin -Answer @{ ticket = $secret } -Verbose 4>&1 *>&1 | Out-String
        $all | Should -Not -Match 'INC0077777'
        $all | Should -Match 'ticket=\*{8}'
    }

    It 'fails clearly on an unanswered question with -NonInteractive' {
        Invoke-SpsPluginSimulation $script:ExamplePlugin -NonInteractive -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'QuestionUnanswered,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].Exception.Message | Should -BeLike "*(key 'ticket') and there is no answer for that key: give -Answer @{ ticket = '…' }, or run interactively."
    }

    It 'says the answers ran out when the plugin asks again' {
        Invoke-SpsPluginSimulation $script:ExamplePlugin -Answer @{ ticket = 'wrong' } -NonInteractive -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'QuestionUnanswered,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].Exception.Message | Should -BeLike "*(key 'ticket') again, and no answer is left: the 1 answer given for 'ticket' was used by the earlier question*give -Answer @{ ticket = '…', '…' }*"
    }

    It 'stops with ERROR on a verdict SPS does not know, names it once, and shows the hooks SPS skips as skipped' {
        $accepted = New-AuthenticateOnly 'accepted' "return {'verdict': 'ACCEPTED'}"
        $verbose = Invoke-SpsPluginSimulation $accepted -ErrorVariable errors -ErrorAction SilentlyContinue -Verbose 4>&1
        $result = $verbose | Where-Object { $_ -is [SpsPlugin.SpsPluginSimulationResult] }
        $result.Verdict | Should -Be 'ERROR'
        $result.Reason | Should -BeLike "*verdict = 'ACCEPTED'*did you mean ACCEPT?*"
        $result.Steps.Status | Should -Be @('Failed', 'Skipped')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'HookFailed.wrong-result,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $narrated = ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $narrated -like '2. AA session_ended: skipped: the plugin does not define session_ended; SPS goes on without it `[*' | Should -HaveCount 1
    }

    It 'refuses a login name SPS would not read' {
        Invoke-SpsPluginSimulation $script:ExamplePlugin -Protocol rdp -LoginName 'CORP\otp=1%admin' -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'LoginNameInvalid,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'reports a raising hook as ERROR with a HookFailed record, ends the session, and goes on with the next plugin' {
        $faulty = New-AuthenticateOnly 'faulty' "raise ValueError('broken on purpose')"
        $results = $faulty, $script:ExamplePlugin | Invoke-SpsPluginSimulation -LoginName $script:Accepted -ErrorVariable errors -ErrorAction SilentlyContinue
        $results.Verdict | Should -Be @('ERROR', 'ACCEPT')
        Get-Hooks $results[0] | Should -Be @('AA authenticate', 'AA session_ended')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'HookFailed.raised,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errors[0].ErrorDetails.Message | Should -Match 'ValueError: broken on purpose'
    }

    It 'takes plugins by property name, resolves wildcards, takes -LiteralPath as typed, and goes on after a missing one' {
        (Get-Item $script:ExamplePlugin | Invoke-SpsPluginSimulation -LoginName $script:Accepted).Verdict | Should -Be 'ACCEPT'
        (Invoke-SpsPluginSimulation (Join-Path $script:RepoRoot 'examples/plugins/ticket_*') -LoginName $script:Accepted).Verdict | Should -Be 'ACCEPT'
        $brackets = Join-Path $TestDrive 'gate[1]'
        Copy-Item -Recurse $script:ExamplePlugin -Destination $brackets
        $missing = Join-Path $TestDrive 'missing'
        $results = Invoke-SpsPluginSimulation -LiteralPath $missing, $brackets -LoginName $script:Accepted -ErrorVariable errors -ErrorAction SilentlyContinue
        $results.Verdict | Should -Be 'ACCEPT'
        $errors.FullyQualifiedErrorId | Should -Be 'PathNotFound,SpsPlugin.Commands.InvokeSpsPluginSimulationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }
}
