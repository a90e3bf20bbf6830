# A guard over every configuration cmdlet: each error record says what to do (RecommendedAction) and
# names its file by its absolute path (paths given relative to the current folder are resolved), or
# says it came from -Content when there is no file.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-ErrorRecords([scriptblock] $Trigger) {
        # Non-terminating records through 2>&1, a terminating one through catch: both count.
        $ErrorActionPreference = 'Continue'
        $records = @()
        try {
            $records = @(& $Trigger 2>&1)
        }
        catch {
            $records += $_
        }
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

Describe 'Error records of the configuration cmdlets' {
    BeforeAll {
        $script:Work = Join-Path $TestDrive 'work'
        $null = New-Item -ItemType Directory -Path $script:Work
        Copy-Item (Join-Path $script:Fixtures 'cfg-binary/policy.cfg') (Join-Path $script:Work 'binary.cfg')
        Copy-Item (Join-Path $script:Fixtures 'cfg-syntax-error/policy.cfg') (Join-Path $script:Work 'syntax.cfg')
        Copy-Item (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') (Join-Path $script:Work 'ok.cfg')
        Push-Location $script:Work
    }

    AfterAll {
        Pop-Location
    }

    It '<Command> (<Case>): RecommendedAction set, target <Target>' -ForEach @(
        @{ Command = 'Get-SpsPluginConfig'; Case = 'missing'; Target = 'missing.cfg'; Trigger = { Get-SpsPluginConfig missing.cfg } }
        @{ Command = 'Get-SpsPluginConfig'; Case = 'literal missing'; Target = 'missing.cfg'; Trigger = { Get-SpsPluginConfig -LiteralPath missing.cfg } }
        @{ Command = 'Get-SpsPluginConfig'; Case = 'binary'; Target = 'binary.cfg'; Trigger = { Get-SpsPluginConfig binary.cfg } }
        @{ Command = 'Get-SpsPluginConfig'; Case = 'syntax'; Target = 'syntax.cfg'; Trigger = { Get-SpsPluginConfig syntax.cfg } }
        @{ Command = 'Get-SpsPluginConfig'; Case = '-Content'; Target = '-Content'; Trigger = { Get-SpsPluginConfig -Content "[a]`nno delimiter`n" } }
        @{ Command = 'Get-SpsPluginConfigOption'; Case = 'missing'; Target = 'missing.cfg'; Trigger = { Get-SpsPluginConfigOption missing.cfg } }
        @{ Command = 'Get-SpsPluginConfigOption'; Case = 'syntax'; Target = 'syntax.cfg'; Trigger = { Get-SpsPluginConfigOption syntax.cfg } }
        @{ Command = 'Test-SpsPluginConfig'; Case = 'missing'; Target = 'missing.cfg'; Trigger = { Test-SpsPluginConfig missing.cfg } }
        @{ Command = 'Test-SpsPluginConfig'; Case = 'binary'; Target = 'binary.cfg'; Trigger = { Test-SpsPluginConfig binary.cfg -Detailed } }
        @{ Command = 'Test-SpsPluginConfig'; Case = 'bad -Reference'; Target = 'syntax.cfg'; Trigger = { Test-SpsPluginConfig ok.cfg -Reference syntax.cfg } }
        @{ Command = 'Set-SpsPluginConfig'; Case = 'missing'; Target = 'missing.cfg'; Trigger = { Set-SpsPluginConfig missing.cfg -Section a -Name b -Value c } }
        @{ Command = 'Set-SpsPluginConfig'; Case = 'binary'; Target = 'binary.cfg'; Trigger = { Set-SpsPluginConfig binary.cfg -Section a -Name b -Value c } }
        @{ Command = 'Compare-SpsPluginConfig'; Case = 'binary difference'; Target = 'binary.cfg'; Trigger = { Compare-SpsPluginConfig ok.cfg binary.cfg } }
        @{ Command = 'Compare-SpsPluginConfig'; Case = 'missing reference'; Target = 'missing.cfg'; Trigger = { Compare-SpsPluginConfig missing.cfg ok.cfg } }
        @{ Command = 'Merge-SpsPluginConfig'; Case = 'syntax overlay'; Target = 'syntax.cfg'; Trigger = { Merge-SpsPluginConfig ok.cfg syntax.cfg } }
        @{ Command = 'New-SpsPluginConfig'; Case = 'binary template'; Target = 'binary.cfg'; Trigger = { New-SpsPluginConfig -FromTemplate binary.cfg } }
        @{ Command = 'Save-SpsPluginConfig'; Case = 'file exists'; Target = 'ok.cfg'; Trigger = { Get-SpsPluginConfig -Content "[a]`nx=1`n" | Save-SpsPluginConfig ok.cfg } }
    ) {
        $records = Get-ErrorRecords $Trigger
        $records.Count | Should -BeGreaterThan 0 -Because "$Command ($Case) should fail"
        foreach ($record in $records) {
            $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because $record.FullyQualifiedErrorId
            $expected = if ($Target -eq '-Content') { '-Content' } else { Join-Path $script:Work $Target }
            $record.TargetObject | Should -Be $expected -Because $record.FullyQualifiedErrorId
            if ($Target -eq '-Content') {
                $record.ErrorDetails.Message | Should -BeLike '-Content:*'
            }
        }
    }

    It 'every failure id of the table has a recommended action' {
        foreach ($id in [SpsPlugin.SpsPluginErrorId]::All) {
            $id.RecommendedAction | Should -Not -BeNullOrEmpty -Because $id.Id
        }
    }
}
