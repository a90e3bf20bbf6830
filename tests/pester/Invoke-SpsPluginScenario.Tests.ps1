BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function New-Scenario([string] $Name, [string] $Body, [string] $Folder = $TestDrive) {
        # A scenario file whose Plugin is the example AA plugin unless $Body names one.
        $null = New-Item -ItemType Directory -Force $Folder
        $path = Join-Path $Folder "$Name.scenario.psd1"
        if ($Body -notmatch '\bPlugin\s*=') { $Body = "Plugin = '$($script:ExamplePlugin)'; $Body" }
        Set-Content -LiteralPath $path "@{ $Body }"
        $path
    }
    $script:Accepts = "LoginName = 'ticket=INC0012345@root'; Expect = @{ Verdict = 'ACCEPT' }"
}

Describe 'Invoke-SpsPluginScenario' {
    BeforeEach { Skip-WithoutPython }

    It 'runs the example scenarios, which all pass' {
        $results = Invoke-SpsPluginScenario (Join-Path $script:RepoRoot 'examples/plugins')
        $results | Should -BeOfType SpsPlugin.SpsPluginScenarioResult
        @($results).Count | Should -Be 5
        $results | ForEach-Object { $_.Differences | Should -BeNullOrEmpty -Because $_.Name }
        $results | ForEach-Object { $_.Passed | Should -BeTrue -Because $_.Name }
    }

    It 'reports the differences of a failing scenario and writes a JUnit report' {
        $scenario = New-Scenario 'wrong' "LoginName = 'ticket=INC0012345@root'; Expect = @{ Verdict = 'DENY'; GatewayUser = 'bob' }"
        $report = Join-Path $TestDrive 'scenarios.xml'
        $result = Invoke-SpsPluginScenario $scenario -OutputFormat Junit -OutputPath $report
        $result.Passed | Should -BeFalse
        $result.Name | Should -Be 'wrong'
        $result.Path | Should -Be $scenario
        $result.Differences | Should -Be @("Verdict: expected 'DENY', got 'ACCEPT'", "GatewayUser: expected 'bob', got '(none)'")
        ([xml](Get-Content $report -Raw)).testsuites.testsuite.failures | Should -Be '1'
    }

    It 'names the Answers key the file needs for a question it has no answer for' {
        $scenario = New-Scenario 'no-answer' "Expect = @{ Verdict = 'ACCEPT' }"
        $result = Invoke-SpsPluginScenario $scenario
        $result.Passed | Should -BeFalse
        $result.Error | Should -BeLike "*(key 'ticket') and there is no answer for that key: add it to the Answers of the scenario file '$scenario': Answers = @{ ticket = '…' }."
        $result.Error | Should -Not -BeLike '*-Answer @*'
    }

    It 'reads the connection from the file: ServerPort, and 3389 for RDP' {
        $folder = Join-Path $TestDrive 'connection'
        $probe = New-ProbePlugin
        $null = New-Scenario 'a-ssh' "Plugin = '$probe'; ServerPort = 2222; Expect = @{ Reason = 'ssh 5.6.7.8:2222 *' }" $folder
        $null = New-Scenario 'b-rdp' "Plugin = '$probe'; Protocol = 'rdp'; Expect = @{ Reason = 'rdp 5.6.7.8:3389 *' }" $folder
        $results = Invoke-SpsPluginScenario $folder
        $results | ForEach-Object { $_.Differences | Should -BeNullOrEmpty -Because $_.Name }
        $results.Passed | Should -Be @($true, $true)
    }

    It 'gives the plugins -Environment, and a scenario''s own Environment wins for the names it sets' {
        $probe = New-ProbePlugin
        $scenario = New-Scenario 'environment' "Plugin = '$probe'; Environment = @{ PROBE = 'from-file' }; Expect = @{ Reason = '* PROBE=from-file OTHER=from-command' }"
        $result = Invoke-SpsPluginScenario $scenario -Environment @{ PROBE = 'from-command'; OTHER = 'from-command' }
        $result.Differences | Should -BeNullOrEmpty
        $result.Passed | Should -BeTrue
    }

    It 'reports a broken scenario file as ScenarioInvalid on that file, and goes on with the others' {
        $folder = Join-Path $TestDrive 'mixed'
        $unknownKey = New-Scenario 'a-broken' 'Expectations = @{}' $folder
        $unknownExpect = New-Scenario 'b-broken-expect' "LoginName = 'ticket=INC0012345@root'; Expect = @{ Verdikt = 'ACCEPT' }" $folder
        $noPlugin = New-Scenario 'c-no-plugin' "Plugin = `$null; Expect = @{ Verdict = 'ACCEPT' }" $folder
        $null = New-Scenario 'd-good' $script:Accepts $folder
        $results = Invoke-SpsPluginScenario $folder -ErrorVariable errors -ErrorAction SilentlyContinue
        $results.Name | Should -Be 'd-good'
        $errors.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'ScenarioInvalid,SpsPlugin.Commands.InvokeSpsPluginScenarioCommand'
        $errors.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'InvalidData'
        $errors.TargetObject | Should -Be @($unknownKey, $unknownExpect, $noPlugin)
        $errors[0].Exception.Message | Should -Match 'Expectations'
        $errors[1].Exception.Message | Should -Match 'Verdikt'
        $errors[2].Exception.Message | Should -Match 'neither Plugin .* nor CredentialStore'
    }

    It 'takes scenario files from the pipeline by value and by property name' {
        $folder = Join-Path $TestDrive 'piped'
        $first = New-Scenario 'first' $script:Accepts $folder
        $second = New-Scenario 'second' $script:Accepts $folder
        ($first, $second | Invoke-SpsPluginScenario).Name | Should -Be @('first', 'second')
        (Get-ChildItem $folder -Filter '*.scenario.psd1' | Invoke-SpsPluginScenario).Name | Should -Be @('first', 'second')
    }

    It 'resolves wildcards in -Path and takes -LiteralPath as typed' {
        $folder = Join-Path $TestDrive 'wildcards'
        $null = New-Scenario 'run-me' $script:Accepts $folder
        $null = New-Scenario 'skip-me' $script:Accepts $folder
        $brackets = New-Scenario 'case[1]' $script:Accepts $folder
        (Invoke-SpsPluginScenario (Join-Path $folder 'run-*.scenario.psd1')).Name | Should -Be 'run-me'
        (Invoke-SpsPluginScenario -LiteralPath $brackets).Name | Should -Be 'case[1]'
    }

    It 'runs the scenarios but writes no report with -WhatIf' {
        $report = Join-Path $TestDrive 'whatif.xml'
        $result = Invoke-SpsPluginScenario (New-Scenario 'whatif' $script:Accepts) -OutputFormat Junit -OutputPath $report -WhatIf
        $result.Passed | Should -BeTrue
        $report | Should -Not -Exist
    }

    It 'stops before running anything when -OutputFormat has no -OutputPath' {
        { Invoke-SpsPluginScenario (New-Scenario 'no-report-path' $script:Accepts) -OutputFormat Junit } |
            Should -Throw -ErrorId 'OutputPathMissing,SpsPlugin.Commands.InvokeSpsPluginScenarioCommand'
    }
}

# One scenario with a bad value is that scenario's error: the scenarios beside it still run.
Describe 'Invoke-SpsPluginScenario with a bad value in one scenario' {
    BeforeAll {
        $script:Folder = Join-Path $script:Fixtures 'scenario-bad-value'
        $script:Results = @(Invoke-SpsPluginScenario -LiteralPath $script:Folder -ErrorVariable failures -ErrorAction SilentlyContinue)
        $script:Failures = @($failures)
    }

    It 'reports ScenarioInvalid naming the file, the key and the value' {
        $script:Failures.Count | Should -Be 1
        $script:Failures[0].FullyQualifiedErrorId | Should -BeLike 'ScenarioInvalid,*'
        $script:Failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $script:Failures[0].TargetObject | Should -Be (Join-Path $script:Folder 'bad-port.scenario.psd1')
        $script:Failures[0].Exception.Message | Should -BeLike "*bad-port.scenario.psd1' has ServerPort = 'abc'; ServerPort takes a whole number from 1 to 65535*"
    }

    It 'still runs the good scenario after it' {
        $script:Results.Count | Should -Be 1
        $script:Results[0].Name | Should -Be 'good'
    }

    It 'and the good scenario passes, on the port it gives' {
        Skip-WithoutPython
        $script:Results[0].Passed | Should -BeTrue -Because ($script:Results[0].Differences -join '; ')
        ($script:Results[0].Simulation.Steps | Where-Object Hook -EQ 'authorize').Result.Cookie['server_port'] | Should -Be 3390
    }

    It 'turns a file PowerShell cannot read into ScenarioInvalid too, and goes on' {
        $folder = Join-Path $TestDrive 'unreadable'
        Copy-Item -Recurse $script:Folder $folder
        Remove-Item (Join-Path $folder 'bad-port.scenario.psd1')
        Set-Content (Join-Path $folder 'a-broken.scenario.psd1') '@{ Plugin = "plugin"; ServerPort = (Get-Date) }'
        $results = @(Invoke-SpsPluginScenario -LiteralPath $folder -ErrorVariable broken -ErrorAction SilentlyContinue)
        $broken.Count | Should -Be 1
        $broken[0].FullyQualifiedErrorId | Should -BeLike 'ScenarioInvalid,*'
        $broken[0].Exception.Message | Should -BeLike '*a-broken.scenario.psd1*'
        $results.Name | Should -Be 'good'
    }
}

# Inputs that give no scenario must fail the run, in the error stream and in the report: a run that
# tested nothing is not a pass.
Describe 'Invoke-SpsPluginScenario with inputs that give no scenario' {
    It 'fails on a folder without scenario files, naming the folder and the file pattern, and reports an error' {
        $empty = Join-Path $TestDrive 'no-scenarios'
        $null = New-Item -ItemType Directory (Join-Path $empty 'sub')
        Set-Content (Join-Path $empty 'sub/readme.txt') 'not a scenario'
        $report = Join-Path $TestDrive 'empty.xml'
        $results = Invoke-SpsPluginScenario $empty -OutputFormat Junit -OutputPath $report -ErrorVariable errors -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Be 'ScenarioNotFound,SpsPlugin.Commands.InvokeSpsPluginScenarioCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $empty
        $errors[0].Exception.Message | Should -BeLike "*'$empty' holds no scenario file (*.scenario.psd1*"
        $suite = ([xml](Get-Content $report -Raw)).testsuites.testsuite
        $suite.errors | Should -Be '1'
        $suite.tests | Should -Be '1'
        $suite.testcase.error.type | Should -Be 'ScenarioNotFound'
    }

    It 'reports a path that does not exist, and a wildcard that matches nothing, as errors in the report too' {
        $report = Join-Path $TestDrive 'missing.xml'
        $missing = Join-Path $TestDrive 'none.scenario.psd1'
        Invoke-SpsPluginScenario $missing, (Join-Path $TestDrive 'nothing-*.scenario.psd1') -OutputFormat Junit -OutputPath $report -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.FullyQualifiedErrorId | Should -Be @('PathNotFound,SpsPlugin.Commands.InvokeSpsPluginScenarioCommand', 'PathNotFound,SpsPlugin.Commands.InvokeSpsPluginScenarioCommand')
        $suite = ([xml](Get-Content $report -Raw)).testsuites.testsuite
        $suite.errors | Should -Be '2'
        $suite.testcase[0].name | Should -Be $missing
        $suite.testcase.error.type | Should -Be @('PathNotFound', 'PathNotFound')
    }

    It 'counts a scenario file it cannot read as an error in the report' {
        $broken = Join-Path $TestDrive 'broken.scenario.psd1'
        Set-Content $broken '@{ Expectations = @{} }'
        $report = Join-Path $TestDrive 'broken.xml'
        Invoke-SpsPluginScenario $broken -OutputFormat Junit -OutputPath $report -ErrorAction SilentlyContinue
        $case = ([xml](Get-Content $report -Raw)).testsuites.testsuite.testcase
        $case.name | Should -Be $broken
        $case.error.type | Should -Be 'ScenarioInvalid'
        $case.error.message | Should -Match 'Expectations'
    }
}
