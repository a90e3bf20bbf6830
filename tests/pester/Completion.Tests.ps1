BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Complete([string] $Line) {
        # What Tab offers at the end of $Line, as the console would ask for it.
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    $script:Work = Join-Path $TestDrive 'completion'
    $null = New-Item -ItemType Directory $script:Work
    Set-Content (Join-Path $script:Work 'policy.cfg') @"
[ticket]
pattern = ^INC[0-9]+$
max_attempts = 3
#timeout = 30

[whitelist source=user_list]
alice = yes

[logging]
log_level = debug
"@
    Copy-Item -Recurse $script:ExamplePlugin (Join-Path $script:Work 'aa_plugin')
    Copy-Item -Recurse (Join-Path $script:RepoRoot 'examples/plugins/json_vault') (Join-Path $script:Work 'vault_plugin')
    $script:Zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $script:Work 'aa.zip')
    # Hostile -Path values: none of them may make Tab throw or hang.
    [System.IO.File]::WriteAllBytes((Join-Path $script:Work 'binary.cfg'), [byte[]](0, 159, 146, 150, 0, 1, 2))
    $huge = [System.IO.File]::Create((Join-Path $script:Work 'huge.cfg'))
    $huge.SetLength(200MB)
    $huge.Dispose()
    Push-Location $script:Work
}

AfterAll { Pop-Location }

Describe 'Completion of a configuration file''s sections and options' {
    It 'offers the sections of the file given in -Path, relative to the current location, quoting names with spaces' {
        Complete 'Set-SpsPluginConfig policy.cfg -Section ' | Should -Be @('ticket', "'whitelist source=user_list'", 'logging')
        Complete 'Set-SpsPluginConfig ./policy.cfg -Section lo' | Should -Be 'logging'
        Complete 'Set-SpsPluginConfig policy.cfg -RemoveSection w' | Should -Be "'whitelist source=user_list'"
        Complete 'Get-SpsPluginConfigOption -Path policy.cfg -Section ' | Should -Be @('ticket', "'whitelist source=user_list'", 'logging')
    }

    It 'offers the options of the -Section given, commented ones too, or of every section' {
        Complete 'Set-SpsPluginConfig policy.cfg -Section ticket -Name ' | Should -Be @('pattern', 'max_attempts', 'timeout')
        Complete 'Get-SpsPluginConfigOption policy.cfg -Section log* -Name ' | Should -Be 'log_level'
        Complete 'Get-SpsPluginConfigOption policy.cfg -Name ' | Should -Be @('pattern', 'max_attempts', 'timeout', 'alice', 'log_level')
        Complete 'Set-SpsPluginConfig policy.cfg -Section ticket -Name MAX' | Should -Be 'max_attempts'
    }

    It 'resolves -LiteralPath and provider paths such as TestDrive:' {
        Complete "Set-SpsPluginConfig -LiteralPath '$(Join-Path $script:Work 'policy.cfg')' -Section t" | Should -Be 'ticket'
        Complete "Get-SpsPluginConfigOption 'TestDrive:/completion/policy.cfg' -Section ticket -Name p" | Should -Be 'pattern'
        Complete 'Get-SpsPluginConfigOption aa_plugin -Section ' | Should -Not -BeNullOrEmpty -Because 'a plugin folder means its default.cfg, as for the cmdlet'
    }

    It 'offers nothing, quietly and quickly, for a file it cannot read: <Case>' -ForEach @(
        @{ Case = 'binary'; Path = 'binary.cfg' }
        @{ Case = 'huge'; Path = 'huge.cfg' }
        @{ Case = 'a folder that is no plugin'; Path = '.' }
        @{ Case = 'missing'; Path = 'none.cfg' }
    ) {
        $elapsed = Measure-Command { $script:Offered = Complete "Set-SpsPluginConfig $Path -Section " }
        $script:Offered | Where-Object { $_ -notmatch '^-' } | Should -BeNullOrEmpty
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }
}

Describe 'Completion of a bundle''s entries' {
    It 'offers the files of a zip for -Read and -Entry' {
        $offered = Complete "Get-SpsPluginBundle $($script:Zip.Name) -Read "
        $offered | Should -Contain 'MANIFEST'
        $offered | Should -Contain 'ticket_gate/plugin.py'
        Complete "Get-SpsPluginBundle $($script:Zip.Name) -Entry ticket_gate/pl" | Should -Be 'ticket_gate/plugin.py'
    }

    It 'offers the files of a folder, with / separators' {
        Complete 'Get-SpsPluginBundle ./aa_plugin -Read ticket_gate/pl' | Should -Be 'ticket_gate/plugin.py'
    }

    It 'offers nothing for a file that is not a zip' {
        Complete 'Get-SpsPluginBundle binary.cfg -Read ' | Where-Object { $_ -notmatch '^-' } | Should -BeNullOrEmpty
    }
}

Describe 'Completion of hooks' {
    It 'offers the hooks of the plugin''s own type: <Plugin>' -ForEach @(
        @{ Plugin = './aa_plugin'; Type = 'aa' }
        @{ Plugin = './vault_plugin'; Type = 'credentialstore' }
    ) {
        $Expected = [SpsPlugin.SpsHooks]::For($Type).Name
        $Expected | Should -Not -BeNullOrEmpty
        Complete "Invoke-SpsPluginHook $Plugin " | Should -Be $Expected
        Complete "Invoke-SpsPluginHook $Plugin -Hook " | Should -Be $Expected
    }

    It 'offers the hooks of a zipped plugin''s type' {
        Complete "Invoke-SpsPluginHook $($script:Zip.Name) -Hook " | Should -Be ([SpsPlugin.SpsHooks]::For('aa').Name)
    }

    It 'offers every hook when the plugin''s type is unknown' {
        Complete 'Invoke-SpsPluginHook ./none -Hook ' | Should -Be ([SpsPlugin.SpsHooks]::Names)
        Complete 'Invoke-SpsPluginHook binary.cfg -Hook ' | Should -Be ([SpsPlugin.SpsHooks]::Names)
    }
}
