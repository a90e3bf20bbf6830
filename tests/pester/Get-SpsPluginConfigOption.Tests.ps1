BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Config = Get-SpsPluginConfig -Content @'
[duo]
; ikey=<API-integration-key>
skey=$
host=api.example
[credential_store]
name=secrets
[whitelist source=user_list]
name=admins
'@
}

Describe 'Get-SpsPluginConfigOption' {
    It 'writes ConfigInterpolationTooLarge for an option whose references multiply, quickly, and lists the others' {
        $path = Join-Path $TestDrive 'bomb.cfg'
        Set-Content $path -NoNewline -Value ("[bomb]`n" + (-join (0..7 | ForEach-Object { "o$_=" + ("%(o$($_ + 1))s" * 10) + "`n" })) + "o8=boom`n")
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $options = Get-SpsPluginConfigOption $path -ErrorVariable errors -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $errors.Count | Should -Be 4
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigInterpolationTooLarge,*'
        $errors[0].Exception.Message | Should -Match '\[bomb\] o0 \(line 2\)'
        $options.Name | Should -Be @('o4', 'o5', 'o6', 'o7', 'o8')
    }

    It 'says which file each option of many files comes from, and the table groups by file, then section' {
        $folder = Copy-Policies
        $options = Get-ChildItem $folder -Filter *.cfg | Sort-Object Name | Get-SpsPluginConfigOption
        $dev = Join-Path $folder 'dev.cfg'
        $prod = Join-Path $folder 'prod.cfg'
        $options.Path | Sort-Object -Unique | Should -Be @($dev, $prod)
        $lines = ($options | Format-Table | Out-String -Width 1000) -split "`n" | Where-Object { $_ -match 'File \[Section\]' } | ForEach-Object { $_.Trim() }
        $lines | Should -Be @("File [Section]: $dev [ticket]", "File [Section]: $dev [logging]", "File [Section]: $prod [ticket]", "File [Section]: $prod [logging]")
    }

    It 'shows secrets masked in the table only, and names that merely mention secrets as they are' {
        $config = Get-SpsPluginConfig -Content "[tpam]`npassword_field=password`nreuse_gateway_password=yes`nsecrets_path=/kv/sps`nserver_user_key=`$`n[https-proxy]`npassword=hunter2`n"
        $options = $config | Get-SpsPluginConfigOption
        $table = $options | Format-Table | Out-String
        $table | Should -Not -Match 'hunter2'
        $table | Should -Match 'password +\*{8}'
        foreach ($shown in 'password_field +password', 'reuse_gateway_password +yes', 'secrets_path +/kv/sps', 'server_user_key +\$') {
            $table | Should -Match $shown
        }
        ($options | ConvertTo-Csv | Out-String) | Should -Match '"hunter2"'
        ($options | Where-Object IsSecret).Name | Should -Be 'password'
    }

    It 'lists enabled options from a configuration object' {
        $options = $script:Config | Get-SpsPluginConfigOption
        $options | Should -BeOfType SpsPlugin.SpsPluginConfigOption
        $options.Name | Should -Be @('skey', 'host', 'name', 'name')
    }

    It 'adds the commented template options with -IncludeCommented' {
        $ikey = $script:Config | Get-SpsPluginConfigOption -Name ikey -IncludeCommented
        $ikey.IsEnabled | Should -BeFalse
        $ikey.IsPlaceholder | Should -BeTrue
        $ikey.Line | Should -Be 2
    }

    It 'filters sections and names with wildcards, ignoring case' {
        ($script:Config | Get-SpsPluginConfigOption -Section 'WHITE*').Value | Should -Be 'admins'
        @($script:Config | Get-SpsPluginConfigOption -Name '*KEY').Name | Should -Be @('skey')
    }

    It 'finds secret references in a pipeline' {
        ($script:Config | Get-SpsPluginConfigOption | Where-Object IsSecretReference).Name | Should -Be 'skey'
    }

    It 'reads paths too' {
        (Get-SpsPluginConfigOption (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') -Section logging).Value | Should -Be 'debug'
    }

    It 'masks secret values in the table view but keeps them in Value' {
        $config = Get-SpsPluginConfig -Content "[api]`npassword=hunter2`n"
        $text = $config | Get-SpsPluginConfigOption | Format-Table | Out-String
        $text | Should -Not -Match 'hunter2'
        $text | Should -Match '\*{8}'
        ($config | Get-SpsPluginConfigOption).Value | Should -Be 'hunter2'
    }
}
