BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Compare-SpsPluginConfig' {
    It 'reports added, removed and changed options between two files' {
        $dev = Join-Path $script:Fixtures 'cfg-policies/dev.cfg'
        $prod = Join-Path $script:Fixtures 'cfg-policies/prod.cfg'
        $changes = Compare-SpsPluginConfig $dev $prod
        $changes | Should -BeOfType SpsPlugin.SpsPluginConfigDifference
        $changes.Name | Should -Be @('pattern', 'max_attempts', 'log_level')
        ($changes | Where-Object Name -EQ 'log_level').DifferenceValue | Should -Be 'warning'
        @(Compare-SpsPluginConfig $dev $dev).Count | Should -Be 0
        @(Compare-SpsPluginConfig $dev $dev -IncludeEqual).Change | Sort-Object -Unique | Should -Be 'Equal'
    }

    It 'masks secrets unless -ShowSecrets' {
        $left = Get-SpsPluginConfig -Content "[api]`npassword=old-secret`n"
        $right = Get-SpsPluginConfig -Content "[api]`npassword=new-secret`n"
        $masked = Compare-SpsPluginConfig $left $right
        $masked.ReferenceValue | Should -Be '********'
        ($masked | Format-Table | Out-String) | Should -Not -Match 'secret'
        (Compare-SpsPluginConfig $left $right -ShowSecrets).DifferenceValue | Should -Be 'new-secret'
    }

    It 'compares the plugin defaults with a policy from the pipeline' {
        $changes = Get-SpsPluginConfig (Join-Path $script:Fixtures 'cfg-policies/prod.cfg') | Compare-SpsPluginConfig $script:ExamplePlugin
        ($changes | Where-Object Change -EQ Removed).Name | Should -Be 'prompt'
    }
}
