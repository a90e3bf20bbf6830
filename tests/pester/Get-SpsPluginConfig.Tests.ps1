BeforeDiscovery {
    $script:BadConfigs = @(
        @{ Fixture = 'cfg-syntax-error'; ErrorId = 'ConfigSyntaxError'; Category = 'ParserError'; Line = 3 }
        @{ Fixture = 'cfg-duplicate-section'; ErrorId = 'ConfigDuplicateSection'; Category = 'ParserError'; Line = 7 }
        @{ Fixture = 'cfg-duplicate-option'; ErrorId = 'ConfigDuplicateOption'; Category = 'ParserError'; Line = 4 }
        @{ Fixture = 'cfg-missing-section-header'; ErrorId = 'ConfigMissingSectionHeader'; Category = 'ParserError'; Line = 1 }
        @{ Fixture = 'cfg-missing-bracket'; ErrorId = 'ConfigSyntaxError'; Category = 'ParserError'; Line = 3 }
        @{ Fixture = 'cfg-continuation-before-option'; ErrorId = 'ConfigSyntaxError'; Category = 'ParserError'; Line = 2 }
        @{ Fixture = 'cfg-invalid-utf8'; ErrorId = 'ConfigEncoding'; Category = 'InvalidData'; Line = $null }
        @{ Fixture = 'cfg-binary'; ErrorId = 'ConfigEncoding'; Category = 'InvalidData'; Line = $null }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-SpsPluginConfig' {
    It 'reads a .cfg file into sections and options' {
        $config = Get-SpsPluginConfig (Join-Path $script:Fixtures 'cfg-policies/dev.cfg')
        $config | Should -BeOfType SpsPlugin.SpsPluginConfig
        $config.Sections.Name | Should -Be @('ticket', 'logging')
        ($config.Options | Where-Object Name -EQ 'max_attempts').Value | Should -Be '10'
    }

    It 'reads the default.cfg of a plugin folder and of a zip without extracting' {
        $folder = Get-SpsPluginConfig $script:ExamplePlugin
        $folder.Entry | Should -Be 'default.cfg'
        $zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'plugin.zip')
        $fromZip = Get-SpsPluginConfig $zip.FullName
        $fromZip.Text | Should -BeExactly $folder.Text
        @(Get-ChildItem $TestDrive -Recurse -File).Count | Should -Be 1
    }

    It 'says an error came from -Content' {
        Get-SpsPluginConfig -Content "[a]`nx = 1`nx = 2`n" -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigDuplicateOption,*'
        $errors[0].Exception.Message | Should -Match '^-Content:3'
    }

    It 'parses -Content' {
        (Get-SpsPluginConfig -Content "[a]`nKey = v`n").Options[0].Name | Should -Be 'key'
    }

    It 'keeps CRLF line ends byte for byte' {
        $path = Join-Path $script:Fixtures 'cfg-policies/prod.cfg'
        [Convert]::ToBase64String((Get-SpsPluginConfig $path).ToBytes()) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($path)))
    }

    It 'takes Get-ChildItem output by property name' {
        @(Get-ChildItem (Join-Path $script:Fixtures 'cfg-policies') -Filter *.cfg | Get-SpsPluginConfig).Count | Should -Be 2
    }

    It 'says ConfigNotFound for a plugin without default.cfg' {
        Get-SpsPluginConfig (Join-Path $script:Fixtures 'missing-manifest') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a file over 4 MiB with ConfigTooLarge' {
        $path = Join-Path $TestDrive 'huge.cfg'
        [IO.File]::WriteAllText($path, "[a]`n" + ('#' * 10MB))
        Get-SpsPluginConfig $path -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigTooLarge,*'
        $errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    Context 'bad input: <Fixture>' -ForEach $script:BadConfigs {
        It 'writes <ErrorId> (<Category>) with the file and line, outputs nothing, and goes on' {
            $path = Join-Path $script:Fixtures "$Fixture/policy.cfg"
            $output = $path, (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') | Get-SpsPluginConfig -ErrorVariable errors -ErrorAction SilentlyContinue
            @($output).Count | Should -Be 1
            $output.Path | Should -BeLike '*dev.cfg'
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be "$ErrorId,SpsPlugin.Commands.GetSpsPluginConfigCommand"
            $errors[0].CategoryInfo.Category | Should -Be $Category
            $errors[0].TargetObject | Should -Be $path
            if ($Line) { $errors[0].ToString() | Should -Match "policy\.cfg:$($Line):\d+:" }
        }
    }
}
