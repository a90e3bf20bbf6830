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

    It 'masks secret values in the view unless -ShowSecrets, and keeps the real values in the data' {
        $left = Get-SpsPluginConfig -Content "[api]`npassword=old-secret`npassword_field=pwd`n"
        $right = Get-SpsPluginConfig -Content "[api]`npassword=new-secret`npassword_field=password`n"
        $masked = Compare-SpsPluginConfig $left $right
        $table = $masked | Format-Table | Out-String
        $table | Should -Not -Match 'secret'
        $table | Should -Match '\*{8}'
        $table | Should -Match 'password_field +pwd +password'
        ($masked | Where-Object Name -EQ password).DifferenceValue | Should -Be 'new-secret'
        ($masked | ConvertTo-Csv | Out-String) | Should -Match 'password_field.*"pwd","password"'
        (Compare-SpsPluginConfig $left $right -ShowSecrets | Format-Table | Out-String) | Should -Match 'new-secret'
    }

    It 'says which files each difference comes from, and groups the table by them' {
        $dev = (Resolve-Path (Join-Path $script:Fixtures 'cfg-policies/dev.cfg')).ProviderPath
        $prod = (Resolve-Path (Join-Path $script:Fixtures 'cfg-policies/prod.cfg')).ProviderPath
        $changes = Get-ChildItem (Join-Path $script:Fixtures 'cfg-policies') -Filter *.cfg | Compare-SpsPluginConfig $dev
        $changes | ForEach-Object { $_.ReferencePath | Should -Be $dev; $_.DifferencePath | Should -Be $prod }
        "$($changes[0])" | Should -BeLike "* ($prod)"
        ($changes | Format-Table | Out-String -Width 1000) | Should -Match ([regex]::Escape("Compared: $dev -> $prod"))
    }

    It 'compares the plugin defaults with a policy from the pipeline' {
        $changes = Get-SpsPluginConfig (Join-Path $script:Fixtures 'cfg-policies/prod.cfg') | Compare-SpsPluginConfig $script:ExamplePlugin
        ($changes | Where-Object Change -EQ Removed).Name | Should -Be 'prompt'
    }
}
