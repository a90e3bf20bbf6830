BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'New-SpsPluginConfig' {
    It 'builds a configuration from an ordered hashtable' {
        $config = New-SpsPluginConfig ([ordered]@{ logging = @{ log_level = 'debug' }; 'ticket.max_attempts' = 4 })
        $config.Text | Should -BeExactly "[logging]`nlog_level=debug`n`n[ticket]`nmax_attempts=4`n"
        $config.Path | Should -BeNullOrEmpty
    }

    It 'starts from a template, keeping its comments and applying values' {
        $template = Get-SpsPluginConfig $script:ExamplePlugin
        $config = New-SpsPluginConfig -FromTemplate $script:ExamplePlugin -Value @{ 'ticket.max_attempts' = '5' }
        $config.Text | Should -BeExactly ($template.Text -replace 'max_attempts=3', 'max_attempts=5')
    }

    It 'stops on a key without a section' {
        { New-SpsPluginConfig @{ log_level = 'debug' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfigEdit,SpsPlugin.Commands.NewSpsPluginConfigCommand'
    }

    It 'stops on a template that does not exist' {
        { New-SpsPluginConfig -FromTemplate (Join-Path $TestDrive 'none.cfg') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,SpsPlugin.Commands.NewSpsPluginConfigCommand'
    }
}
