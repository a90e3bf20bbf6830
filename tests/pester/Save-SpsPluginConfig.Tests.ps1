BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Save-SpsPluginConfig' {
    It 'writes a new file and returns it with -PassThru' {
        $path = Join-Path $TestDrive 'new.cfg'
        $file = New-SpsPluginConfig @{ 'logging.log_level' = 'info' } | Save-SpsPluginConfig $path -PassThru
        $file | Should -BeOfType System.IO.FileInfo
        Get-Content $path -Raw | Should -BeExactly "[logging]`nlog_level=info`n"
    }

    It 'refuses to overwrite without -Force (ResourceExists), and overwrites with it' {
        $path = Join-Path $TestDrive 'exists.cfg'
        Set-Content $path 'keep me'
        New-SpsPluginConfig @{ 'a.b' = 'c' } | Save-SpsPluginConfig $path -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Content $path) | Should -Be 'keep me'
        New-SpsPluginConfig @{ 'a.b' = 'c' } | Save-SpsPluginConfig $path -Force
        Get-Content $path -Raw | Should -BeExactly "[a]`nb=c`n"
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.cfg'
        New-SpsPluginConfig @{ 'a.b' = 'c' } | Save-SpsPluginConfig $path -WhatIf
        $path | Should -Not -Exist
    }

    It 'saves back to the file it was read from without -Force while nothing else changed it' {
        $folder = Copy-Policies
        $dev = Join-Path $folder 'dev.cfg'
        $config = Get-SpsPluginConfig -Content (Get-Content -Raw $dev) | Set-SpsPluginConfig -Section logging -Name log_level -Value info
        $read = Get-SpsPluginConfig $dev
        $read | Save-SpsPluginConfig
        $read | Save-SpsPluginConfig
        $config | Save-SpsPluginConfig $dev -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
    }

    It 'refuses to save back over a file that changed since it was read, naming it, unless -Force' {
        $folder = Copy-Policies
        $dev = Join-Path $folder 'dev.cfg'
        $config = Get-SpsPluginConfig $dev
        Set-SpsPluginConfig $dev -Section logging -Name log_level -Value info
        $config | Save-SpsPluginConfig -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigFileChanged,*'
        $errors[0].Exception.Message | Should -BeLike "*$dev*"
        (Get-SpsPluginConfigOption $dev -Name log_level).Value | Should -Be 'info'
        $config | Save-SpsPluginConfig -Force
        (Get-SpsPluginConfigOption $dev -Name log_level).Value | Should -Be 'debug'
    }

    It 'asks for -Path when the configuration has no file of its own' {
        New-SpsPluginConfig @{ 'a.b' = 'c' } | Save-SpsPluginConfig -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SavePathMissing,*'
    }
}
