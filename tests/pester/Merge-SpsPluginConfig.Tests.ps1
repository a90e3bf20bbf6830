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

    It 'stops when an overlay cannot be read' {
        { Merge-SpsPluginConfig $script:ExamplePlugin (Join-Path $script:Fixtures 'cfg-syntax-error/policy.cfg') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigSyntaxError,SpsPlugin.Commands.MergeSpsPluginConfigCommand'
    }
}
