# SDK-based plugins (they import safeguard.sessions.plugin) run through the three simulation cmdlets
# like plain ones when the interpreter has the SDK. PyPI is out of reach: the SDK is the test stand-in
# (tests/fixtures/sdk-standin), pip-installed from a local wheel into a temporary virtual environment.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:SdkPlugin = Join-Path $script:Fixtures 'sdk-plugin'
    $script:WithSdk = $null
    $script:WithoutSdk = $null
    if ($script:Python) {
        $script:WithSdk = New-TestVenv -Path (Join-Path $TestDrive 'with-sdk') -StandInSdk
        $script:WithoutSdk = New-TestVenv -Path (Join-Path $TestDrive 'without-sdk')
    }
    $script:NoVenvReason = 'this Python cannot make a virtual environment (Debian: apt-get install python3-venv)'
    function New-Project([string] $Template) {
        New-SpsPlugin my_plugin -Template $Template -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))) -WarningAction SilentlyContinue
    }
    function Format-Failures($Results) {
        $Results | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Name): $($_.Differences -join '; ') $($_.SkipReason)" }
    }
}

Describe 'SDK-based plugins' {
    BeforeEach {
        Skip-WithoutPython
        if ($script:Python -and -not $script:WithSdk) { Set-ItResult -Skipped -Because $script:NoVenvReason }
    }

    It 'Invoke-SpsPluginHook runs an SDK plugin: the SDK asks for the one-time password, then accepts it' {
        $asked = Invoke-SpsPluginHook $script:SdkPlugin -Hook authenticate -PythonPath $script:WithSdk -Parameter @{ protocol = 'ssh'; gateway_user = 'alice'; key_value_pairs = @{} }
        $asked.Succeeded | Should -BeTrue -Because "$($asked.Error) $($asked.Traceback)"
        $asked.Verdict | Should -Be 'NEEDINFO'
        $asked.Question.Key | Should -Be 'otp'
        $accepted = Invoke-SpsPluginHook $script:SdkPlugin -Hook authenticate -PythonPath $script:WithSdk -Parameter @{ protocol = 'ssh'; gateway_user = 'alice'; key_value_pairs = @{ otp = '123456' } }
        $accepted.Verdict | Should -Be 'ACCEPT'
        $accepted.Cookie.tries | Should -Be 1
    }

    It 'the same plugin in an interpreter without the SDK fails as sdk-missing, naming that interpreter' {
        $result = Invoke-SpsPluginHook $script:SdkPlugin -Hook authenticate -PythonPath $script:WithoutSdk -ErrorAction SilentlyContinue
        $result.ErrorKind | Should -Be 'sdk-missing'
        $result.Error | Should -BeLike "*safeguard*$script:WithoutSdk*"
    }

    It 'Invoke-SpsPluginSimulation plays the whole connection, the cookie carried from authenticate to authorize' {
        $result = Invoke-SpsPluginSimulation $script:SdkPlugin -PythonPath $script:WithSdk -Protocol rdp -GatewayUser alice -Answer @{ otp = '123456' }
        $result.Verdict | Should -Be 'ACCEPT'
        @($result.Questions).Count | Should -Be 1
        ($result.Steps | Where-Object { $_.ToString() -like '*authorize*' }).Result.AdditionalMetadata | Should -BeLike '*tries: 1*'
    }

    It 'Invoke-SpsPluginScenario runs the fixture''s scenarios with the interpreter named by SPSPLUGIN_PYTHON' {
        $saved = $env:SPSPLUGIN_PYTHON
        try {
            # A run before the variable is set: the interpreter it found is not remembered over SPSPLUGIN_PYTHON.
            $env:SPSPLUGIN_PYTHON = $null
            $null = Invoke-SpsPluginScenario (Join-Path $script:SdkPlugin 'tests')
            $env:SPSPLUGIN_PYTHON = $script:WithSdk
            $results = Invoke-SpsPluginScenario (Join-Path $script:SdkPlugin 'tests')
        }
        finally { $env:SPSPLUGIN_PYTHON = $saved }
        @($results).Count | Should -Be 2
        Format-Failures $results | Should -BeNullOrEmpty
    }

    It 'without the SDK, a scenario that requires it is skipped with the reason, not failed' {
        $report = Join-Path $TestDrive 'skipped.xml'
        $results = Invoke-SpsPluginScenario (Join-Path $script:SdkPlugin 'tests') -PythonPath $script:WithoutSdk -OutputFormat Junit -OutputPath $report
        @($results).Count | Should -Be 2
        $results | ForEach-Object {
            $_.Skipped | Should -BeTrue
            $_.Passed | Should -BeFalse
            $_.Differences | Should -BeNullOrEmpty
            $_.SkipReason | Should -BeLike "$script:WithoutSdk cannot import safeguard.sessions.plugin (RequiresModule)*"
        }
        $suite = ([xml](Get-Content -LiteralPath $report -Raw)).testsuites.testsuite
        $suite.skipped | Should -Be '2'
        $suite.failures | Should -Be '0'
        @($suite.testcase.skipped).Count | Should -Be 2
    }

    It 'a RequiresModule value that is not a module name is the scenario file''s error, naming the key' {
        $file = Join-Path $TestDrive 'bad-module.scenario.psd1'
        Set-Content -LiteralPath $file "@{ RequiresModule = 'safeguard sessions'; Plugin = '$($script:SdkPlugin)' }"
        $results = Invoke-SpsPluginScenario $file -PythonPath $script:WithSdk -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ScenarioInvalid*'
        $failures[0].Exception.Message | Should -BeLike '*RequiresModule*safeguard sessions*'
    }

    Context '<_> template' -ForEach @('aa-mfa', 'credentialstore-sdk') {
        It 'passes its generated scenarios with the SDK' {
            $project = New-Project $_
            $results = Invoke-SpsPluginScenario (Join-Path $project.Path 'tests') -PythonPath $script:WithSdk
            @($results).Count | Should -BeGreaterOrEqual 2
            Format-Failures $results | Should -BeNullOrEmpty
        }

        It 'skips its generated scenarios without the SDK, saying why' {
            $project = New-Project $_
            $results = Invoke-SpsPluginScenario (Join-Path $project.Path 'tests') -PythonPath $script:WithoutSdk
            @($results).Count | Should -BeGreaterOrEqual 2
            $results.Skipped | Should -Not -Contain $false
            $results.SkipReason | Should -BeLike '*cannot import safeguard.sessions.plugin*'
        }
    }
}
