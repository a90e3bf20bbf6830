BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Test-SpsPluginConfig' {
    It 'returns $true for a good configuration and for the example plugin' {
        Test-SpsPluginConfig (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') -Reference $script:ExamplePlugin | Should -BeTrue
        Test-SpsPluginConfig $script:ExamplePlugin | Should -BeTrue
    }

    It 'returns $false for a syntax error, and a failed result holding the finding with -Detailed' {
        $path = Join-Path $script:Fixtures 'cfg-syntax-error/policy.cfg'
        Test-SpsPluginConfig $path | Should -BeFalse
        $result = Test-SpsPluginConfig $path -Detailed
        $result | Should -BeOfType SpsPlugin.SpsPluginConfigTestResult
        $result.Passed | Should -BeFalse
        $result.Path | Should -Be (Resolve-Path $path).ProviderPath
        $result.ErrorCount | Should -Be 1
        "$result" | Should -Match '(?s)policy\.cfg: failed .*ConfigSyntaxError'
        $finding = $result.Findings
        $finding | Should -BeOfType SpsPlugin.SpsPluginDiagnostic
        $finding.RuleId | Should -Be 'ConfigSyntaxError'
        $finding.Line | Should -Be 3
        $finding.SuggestedFix | Should -Not -BeNullOrEmpty
    }

    It 'answers per file over a folder: $true/$false by default, a result naming the file with -Detailed, binary and missing files included' {
        $folder = Copy-Policies
        Copy-Item (Join-Path $script:Fixtures 'cfg-binary/policy.cfg') (Join-Path $folder 'binary.cfg')
        Set-Content (Join-Path $folder 'loud.cfg') "[logging]`nlog_level=loud`n"
        $missing = Join-Path $folder 'missing.cfg'
        $paths = @((Get-ChildItem $folder -Filter *.cfg | Sort-Object Name).FullName) + $missing
        Test-SpsPluginConfig -LiteralPath $paths -ErrorAction SilentlyContinue | Should -Be @($false, $true, $false, $true, $false)
        $results = Test-SpsPluginConfig -LiteralPath $paths -Detailed -ErrorVariable errors -ErrorAction SilentlyContinue
        $results | Should -BeOfType SpsPlugin.SpsPluginConfigTestResult
        $results.Path | Should -Be $paths
        $results.Passed | Should -Be @($false, $true, $false, $true, $false)
        $results[0].Findings.RuleId | Should -Be 'ConfigEncoding'
        $results[0].Findings.Path | Should -Be $paths[0]
        $results[2].Findings.RuleId | Should -Be 'ConfigLogLevel'
        $results[4].Findings.RuleId | Should -Be 'PathNotFound'
        $errors.FullyQualifiedErrorId | Should -Be @('ConfigEncoding,SpsPlugin.Commands.TestSpsPluginConfigCommand', 'PathNotFound,SpsPlugin.Commands.TestSpsPluginConfigCommand')
        ($results | Format-Table | Out-String -Width 1000) | Should -Match ([regex]::Escape($paths[2]))
    }

    It 'finds <Rule>' -ForEach @(
        @{ Rule = 'ConfigSecretSectionName'; Text = "[credential_store]`nname=s`n[my_plugin]`npassword=$`n" }
        @{ Rule = 'ConfigSecretWithoutStore'; Text = "[duo]`nikey=$`n" }
        @{ Rule = 'ConfigPlaceholder'; Text = "[duo]`nhost=<API-hostname>`n" }
        @{ Rule = 'ConfigInterpolation'; Text = "[auth]`nprompt=100% sure?`n" }
        @{ Rule = 'ConfigBoolean'; Text = "[auth]`ndisable_echo=true`n" }
        @{ Rule = 'ConfigLogLevel'; Text = "[logging]`nlog_level=loud`n" }
        @{ Rule = 'ConfigBoolean'; Text = "[DEFAULT]`nenabled=true`n[tls]`n" }
        @{ Rule = 'ConfigNumber'; Text = "[https-proxy]`nport=three`n" }
    ) {
        $config = Get-SpsPluginConfig -Content $Text
        $config | Test-SpsPluginConfig | Should -BeFalse
        ($config | Test-SpsPluginConfig -Detailed).Findings.RuleId | Should -Be $Rule
    }

    It 'warns about unknown sections and options against -Reference, with a near miss, and stays $true' {
        $config = Get-SpsPluginConfig -Content "[ticket]`nmax_atempts=4`n[logging]`nlog_level=info`n"
        $findings = ($config | Test-SpsPluginConfig -Reference $script:ExamplePlugin -Detailed).Findings
        $findings.RuleId | Should -Be 'ConfigUnknownOption'
        $findings.Message | Should -Match "Did you mean 'max_attempts'"
        $config | Test-SpsPluginConfig -Reference $script:ExamplePlugin | Should -BeTrue
    }

    It 'reports a value whose references multiply as ConfigInterpolationTooLarge in well under a second' {
        $path = Join-Path $TestDrive 'bomb.cfg'
        Set-Content $path -NoNewline -Value ("[bomb]`n" + (-join (0..7 | ForEach-Object { "o$_=" + ("%(o$($_ + 1))s" * 10) + "`n" })) + "o8=boom`n")
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Test-SpsPluginConfig $path | Should -BeFalse
        $findings = (Test-SpsPluginConfig $path -Detailed).Findings
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        ($findings | Where-Object RuleId -EQ 'ConfigInterpolationTooLarge').Line | Should -Be @(2, 3, 4, 5)
    }

    It 'judges values as the SDK reads them, and warns of a plaintext secret where the template asks for $' {
        Get-SpsPluginConfig -Content "[auth]`nx=yes`ndisable_echo=%(x)s`n" | Test-SpsPluginConfig | Should -BeTrue
        $reference = Get-SpsPluginConfig -Content "[duo]`n; skey=`$`n; max_attempts=3`n"
        $findings = (Get-SpsPluginConfig -Content "[duo]`nskey=s3cr3t-literal`nmax_attempts=three`n" | Test-SpsPluginConfig -Reference $reference -Detailed).Findings
        # The result lists errors first.
        $findings.RuleId | Should -Be @('ConfigNumber', 'ConfigPlaintextSecret')
        ($findings | Where-Object RuleId -EQ ConfigPlaintextSecret).Severity | Should -Be 'Warning'
        ($findings.Message -join ' ') | Should -Not -Match 's3cr3t'
    }

    It 'explains with -Verbose' {
        $verbose = Get-SpsPluginConfig -Content "[logging]`nlog_level=loud`n" | Test-SpsPluginConfig -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Match 'ConfigLogLevel'
    }

    It 'returns $false and an error for a missing file' {
        $result = Test-SpsPluginConfig (Join-Path $TestDrive 'missing.cfg') -ErrorVariable errors -ErrorAction SilentlyContinue
        $result | Should -BeFalse
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }
}
