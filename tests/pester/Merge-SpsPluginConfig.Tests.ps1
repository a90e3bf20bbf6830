BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Merge-SpsPluginConfig' {
    It 'applies overlays in order onto the base, keeping its comments' {
        $base = Get-SpsPluginConfig $script:ExamplePlugin
        $merged = Merge-SpsPluginConfig $script:ExamplePlugin -Overlay (Join-Path $script:Fixtures 'cfg-policies/dev.cfg'), (Join-Path $script:Fixtures 'cfg-policies/prod.cfg')
        $merged | Should -BeOfType SpsPlugin.SpsPluginConfig
        ($merged | Get-SpsPluginConfigOption -Name log_level).Value | Should -Be 'warning'
        ($merged | Get-SpsPluginConfigOption -Name max_attempts).Value | Should -Be '3'
        $merged.Text.Split("`n").Count | Should -Be $base.Text.Split("`n").Count
        $merged.Text | Should -Match '; How many wrong answers are allowed'
    }

    It 'takes overlays from the pipeline' {
        $merged = Get-ChildItem (Join-Path $script:Fixtures 'cfg-policies') -Filter dev.cfg | Merge-SpsPluginConfig $script:ExamplePlugin
        ($merged | Get-SpsPluginConfigOption -Name log_level).Value | Should -Be 'debug'
    }

    It 'enables every kind of commented template in place, as Set does' {
        foreach ($template in '; max_attempts=3', ';max_attempts = 3', '#max_attempts=3', ';; Max_Attempts=3', '  ; max_attempts=3') {
            $base = Get-SpsPluginConfig -Content "[auth]`n$template`nother = 1`n"
            $merged = Merge-SpsPluginConfig $base (Get-SpsPluginConfig -Content "[auth]`nmax_attempts = 10`n")
            $merged.Text | Should -Be ($base | Set-SpsPluginConfig -Section auth -Name max_attempts -Value 10).Text -Because $template
            $merged.Text.Split("`n").Count | Should -Be $base.Text.Split("`n").Count -Because $template
        }
    }

    It 'warns about overlay names that look like typos of the base, and stops with -Strict' {
        $base = Get-SpsPluginConfig -Content "[logging]`nlog_level = info`n"
        $overlay = Get-SpsPluginConfig -Content "[Logging]`nlog-level = debug`n"
        $null = Merge-SpsPluginConfig $base $overlay -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match '\[Logging\] is new, but \[logging\] exists'
        { Merge-SpsPluginConfig $base $overlay -Strict -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigNameSuspicious,SpsPlugin.Commands.MergeSpsPluginConfigCommand'
    }

    It 'stops when an overlay cannot be read' {
        { Merge-SpsPluginConfig $script:ExamplePlugin (Join-Path $script:Fixtures 'cfg-syntax-error/policy.cfg') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigSyntaxError,SpsPlugin.Commands.MergeSpsPluginConfigCommand'
    }
}
