# One scenario with a bad value is that scenario's error: the scenarios beside it still run.
BeforeDiscovery {
    $script:NoPython = -not (@('/usr/bin/python3', '/usr/local/bin/python3') | Where-Object { Test-Path $_ }) -and -not (Get-Command python3 -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Folder = Join-Path $script:Fixtures 'scenario-bad-value'
}

Describe 'Invoke-SpsPluginScenario with a bad value in one scenario' {
    BeforeAll {
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

    It 'and the good scenario passes, on the port it gives' -Skip:$script:NoPython {
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
