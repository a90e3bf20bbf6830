BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Zip = (New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'ticket_gate.zip')).FullName
    $script:Wrapped = Join-Path $script:Fixtures 'wrapped-folder-zip/plugin.zip'
    $script:JUnitSchema = Join-Path (Split-Path (Get-Module Pester).Path) 'schemas/JUnit4/junit_schema_4.xsd'

    function New-PluginCopy([string] $Manifest, [string[]] $Extra = @()) {
        # The example plugin with MANIFEST lines replaced or added ('key: value') and extra files.
        $folder = Join-Path $TestDrive ('plugin' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        Copy-Item -Recurse $script:ExamplePlugin $folder
        if ($Manifest) {
            $file = Join-Path $folder 'MANIFEST'
            $lines = @(Get-Content $file)
            foreach ($line in $Manifest -split "`n") {
                $key = ($line -split ':')[0]
                $lines = @($lines | Where-Object { $_ -notlike "${key}:*" }) + $line
            }
            Set-Content $file $lines
        }
        foreach ($name in $Extra) { Set-Content (Join-Path $folder $name) 'x' }
        $folder
    }
}

Describe 'Test-SpsPluginBundle' {
    It 'returns $true for the example plugin as a folder and as a zip' {
        Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 8.0 | Should -BeTrue
        Test-SpsPluginBundle $script:Zip -TargetSpsVersion 8.0 | Should -BeTrue
    }

    It 'returns one bool per bundle from the pipeline, $false for the broken ones' {
        $results = Get-ChildItem (Join-Path $script:Fixtures '*/plugin.zip') | Sort-Object FullName | Test-SpsPluginBundle
        $results | Should -Be @($false, $false, $false)
    }

    It 'returns one result per bundle with -Detailed, clean bundles included' {
        $results = @(Test-SpsPluginBundle $script:Wrapped, $script:ExamplePlugin -Detailed -TargetSpsVersion 8.0)
        $results | Should -HaveCount 2
        $results | Should -BeOfType SpsPlugin.SpsPluginValidationResult
        $results.Passed | Should -Be @($false, $true)
        $results[0].Path | Should -Be $script:Wrapped
        $results[0].Failures.RuleId | Should -Be 'StructureWrappedFolder'
        $results[0].Failures.Message | Should -Match 'you zipped the folder'
        $results[0].ErrorCount | Should -Be 1
        $results[0].Findings | Should -BeOfType SpsPlugin.SpsPluginDiagnostic
        $results[1].Target.Name | Should -Be '8.0 LTS'
        $results[1].TargetReason | Should -Be 'the release asked for'
        $results[1].Failures | Should -BeNullOrEmpty
        "$($results[0])" | Should -BeLike "$($script:Wrapped): failed against 8.0 LTS (1 error(s), 0 warning(s)):*StructureWrappedFolder*"
        "$($results[1])" | Should -Be "$($script:ExamplePlugin): passed against 8.0 LTS (0 error(s), 0 warning(s))"
    }

    It 'fails a Pester assertion on a result with the failures'' rule ids and files' {
        $result = Test-SpsPluginBundle $script:Wrapped -Detailed
        $failures = { $result.Failures | Should -BeNullOrEmpty } | Should -Throw -PassThru
        $failures.Exception.Message | Should -Match 'StructureWrappedFolder'
        $failures.Exception.Message | Should -Match 'wrapped-folder-zip/plugin\.zip'
        $because = { $result.Passed | Should -BeTrue -Because $result } | Should -Throw -PassThru
        $because.Exception.Message | Should -Match '(?s)because .*wrapped-folder-zip/plugin\.zip: failed .*Error StructureWrappedFolder: '
    }

    It 'explains a $false on -Verbose' {
        $verbose = Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 6.0 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'ReleaseApi'
    }

    It 'checks api against the target release' {
        (Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 6.0 -Detailed).Failures.RuleId | Should -Be 'ReleaseApi'
        (Test-SpsPluginBundle $script:ExamplePlugin -Detailed -Severity Information).Findings.RuleId | Should -Contain 'ReleaseTarget'
    }

    It 'keeps Information findings out of the default output and gives them on -Severity Information' {
        $default = Test-SpsPluginBundle $script:ExamplePlugin -Detailed
        $default.Findings | Should -BeNullOrEmpty -Because 'a clean bundle shows nothing to act on'
        $default.TargetReason | Should -Not -BeNullOrEmpty -Because 'the target chosen is still told by the result'
        $asked = Test-SpsPluginBundle $script:ExamplePlugin -Detailed -Severity Information
        $asked.Findings.RuleId | Should -Contain 'ReleaseTarget'
        $asked.InformationCount | Should -BeGreaterThan 0
    }

    It 'refuses an unknown release, listing the known ones' {
        { Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 4.2 -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownSpsRelease,SpsPlugin.Commands.TestSpsPluginBundleCommand'
    }

    It 'filters by -Severity, -IncludeRule and -ExcludeRule' {
        (Test-SpsPluginBundle $script:Wrapped -Detailed -Severity Error).Findings.Severity | Should -Be 'Error'
        (Test-SpsPluginBundle $script:Wrapped -Detailed -IncludeRule 'Release*' -Severity Information).Findings.RuleId | Should -Be 'ReleaseTarget'
        Test-SpsPluginBundle $script:Wrapped -ExcludeRule 'Structure*' | Should -BeTrue
    }

    It 'warns about a rule id pattern that matches no rule, naming it and its source' -ForEach @(
        @{ Arguments = @{ IncludeRule = 'Structur*', 'Strucure*' }; Warning = "-IncludeRule 'Strucure*' matches no rule, so it selects no rule." }
        @{ Arguments = @{ IncludeRule = 'Strucure*' }; Warning = "-IncludeRule 'Strucure*' matches no rule, so no rule is checked and every bundle passes." }
        @{ Arguments = @{ ExcludeRule = 'StructureWrapedFolder' }; Warning = "-ExcludeRule 'StructureWrapedFolder' matches no rule, so it leaves no rule out." }
        @{ Arguments = @{ Settings = @{ ExcludeRule = 'Nothing*' } }; Warning = "The settings' ExcludeRule 'Nothing*' matches no rule, so it leaves no rule out." }
    ) {
        $null = Test-SpsPluginBundle $script:Wrapped -SkipPythonCheck @Arguments -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Message | Should -Contain "$Warning Get-SpsPluginRule lists the rule ids."
        @($warnings.Message | Where-Object { $_ -like '*matches no rule*' }).Count | Should -Be 1 -Because 'a pattern that matches a rule is no typo'
    }

    It 'reads options from a settings file, and parameters win' {
        $settings = Join-Path $TestDrive 'settings.psd1'
        Set-Content $settings "@{ TargetSpsVersion = '6.0'; ExcludeRule = @('ReleaseTarget', 'PythonGrammar') }"
        Test-SpsPluginBundle $script:ExamplePlugin -Settings $settings | Should -BeFalse
        Test-SpsPluginBundle $script:ExamplePlugin -Settings $settings -TargetSpsVersion 8.0 | Should -BeTrue
        (Test-SpsPluginBundle $script:ExamplePlugin -Settings @{ Severity = 'Error' } -Detailed).Findings | Should -BeNullOrEmpty
    }

    It 'stops at a settings file with an unknown key or a bad value, naming the file, the key and the value' {
        $settings = Join-Path $TestDrive 'typo.psd1'
        Set-Content $settings "@{ Severty = 'Error' }"
        { Test-SpsPluginBundle $script:ExamplePlugin -Settings $settings } | Should -Throw -ErrorId 'SettingsInvalid,*' -ExpectedMessage "*typo.psd1' has the unknown key(s) Severty*"
        { Test-SpsPluginBundle $script:ExamplePlugin -Settings @{ Severity = 'High' } } | Should -Throw -ErrorId 'SettingsInvalid,*' -ExpectedMessage "*Severity = 'High'; Severity takes one of Error, Warning, Information*"
    }

    It 'validates each bundle of a folder of bundles' {
        $folder = Join-Path $TestDrive 'dist'
        $null = New-Item -ItemType Directory $folder
        Copy-Item $script:Zip, $script:Wrapped $folder
        @(Test-SpsPluginBundle $folder -TargetSpsVersion 8.0) | Should -Be @($false, $true)
    }

    It 'writes a JUnit report that is valid against the JUnit schema' {
        $report = Join-Path $TestDrive 'results.xml'
        Test-SpsPluginBundle $script:ExamplePlugin, $script:Wrapped -OutputFormat Junit -OutputPath $report | Out-Null
        $xml = [xml](Get-Content $report -Raw)
        $xml.Schemas.Add($null, $script:JUnitSchema) | Out-Null
        $errors = [System.Collections.Generic.List[string]]::new()
        $xml.Validate({ param($sender, $e) $errors.Add($e.Message) })
        $errors | Should -BeNullOrEmpty
        $xml.testsuites.tests | Should -Be 2
        $xml.testsuites.failures | Should -Be 1
        $failed = @($xml.testsuites.testsuite.testcase | Where-Object { $_.failure })
        $failed.name | Should -Match 'wrapped-folder-zip/plugin\.zip$'
        $failed.failure.type | Should -Be 'StructureWrappedFolder'
    }

    It 'writes a SARIF 2.1.0 report with rules, levels and locations' {
        $report = Join-Path $TestDrive 'results.sarif'
        Test-SpsPluginBundle (Join-Path $script:Fixtures 'manifest-not-yaml'), $script:Wrapped -OutputFormat Sarif -OutputPath $report | Out-Null
        $sarif = Get-Content $report -Raw | ConvertFrom-Json
        $sarif.version | Should -Be '2.1.0'
        $sarif.'$schema' | Should -Match 'sarif-2\.1\.0'
        $run = $sarif.runs[0]
        $run.tool.driver.name | Should -Be 'SpsPlugin'
        @($run.tool.driver.rules).Count | Should -Be @(Get-SpsPluginRule).Count
        $syntax = $run.results | Where-Object ruleId -EQ 'ManifestSyntaxError'
        $syntax.level | Should -Be 'error'
        $syntax.locations[0].physicalLocation.region.startLine | Should -Be 6
        $syntax.locations[0].physicalLocation.artifactLocation.uri | Should -Match 'manifest-not-yaml/MANIFEST$'
        $run.tool.driver.rules[$syntax.ruleIndex].id | Should -Be 'ManifestSyntaxError'
        foreach ($result in $run.results) { $result.level | Should -BeIn 'error', 'warning', 'note' }
    }

    It 'prints GitHub workflow commands' {
        Push-Location $script:RepoRoot
        try {
            $output = & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath'; Test-SpsPluginBundle '$script:Wrapped' -OutputFormat GitHub | Out-Null" 2>&1
        }
        finally { Pop-Location }
        $output | Where-Object { $_ -like '::error *' } | Should -Match '^::error file=tests/fixtures/wrapped-folder-zip/plugin\.zip,title=StructureWrappedFolder::'
    }

    It 'needs -OutputPath for Junit and Sarif' {
        { Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat Sarif -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathMissing,*'
    }

    It 'writes no report with -WhatIf' {
        $report = Join-Path $TestDrive 'whatif.sarif'
        Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat Sarif -OutputPath $report -WhatIf | Out-Null
        $report | Should -Not -Exist
    }

    It 'reads well as a table: one row per bundle, the findings grouped by bundle' {
        $results = Get-ChildItem (Join-Path $script:Fixtures '*/plugin.zip') | Test-SpsPluginBundle -Detailed
        $rows = $results | Out-String -Width 120
        $rows | Should -Match 'Passed\s+Errors\s+Warnings\s+Target\s+Path'
        $rows | Should -Match 'False\s+1\s+0\s+9\.0 LTS\s+\S*wrapped-folder-zip'
        $findings = $results.Findings | Format-Table | Out-String -Width 160
        $findings | Should -Match 'Path: .*wrapped-folder-zip'
        $findings | Should -Match 'Severity\s+Rule, Where\s+Message'
        $findings | Should -Match 'Error\s+ZipNotZip'
    }

    It 'answers $false for a path that does not exist, and validates the others' {
        $none = Join-Path $TestDrive 'none.zip'
        $answers = Test-SpsPluginBundle -LiteralPath $none, $script:ExamplePlugin -TargetSpsVersion 8.0 -ErrorVariable errors
        $answers | Should -Be @($false, $true)
        $errors | Should -BeNullOrEmpty
        $result = Test-SpsPluginBundle ./none-*.zip -Detailed
        $result.Failures.RuleId | Should -Be 'PathNotFound'
        $result.Path | Should -BeLike '*none-`*.zip'
    }

    It 'puts a path that does not exist in every report' {
        Copy-Item -Recurse $script:ExamplePlugin (Join-Path $TestDrive 'ok')
        Push-Location $script:RepoRoot
        try {
            $lines = & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Set-Location '$TestDrive'; Import-Module '$script:ModulePath'; Test-SpsPluginBundle ./nope, ./ok -TargetSpsVersion 8.0 -OutputFormat Junit, Sarif, GitHub -OutputPath results.xml, results.sarif" 2>&1
        }
        finally { Pop-Location }
        $lines | Should -Contain 'False'
        $lines | Should -Contain 'True'
        $lines | Where-Object { $_ -like '::error *' } | Should -Match '^::error file=nope,title=PathNotFound::'
        $junit = [xml](Get-Content (Join-Path $TestDrive 'results.xml') -Raw)
        $junit.testsuites.failures | Should -Not -Be '0'
        $junit.OuterXml | Should -Match 'PathNotFound'
        $sarif = Get-Content (Join-Path $TestDrive 'results.sarif') -Raw | ConvertFrom-Json
        ($sarif.runs[0].results | Where-Object ruleId -EQ 'PathNotFound').level | Should -Be 'error'
    }

    It 'writes several reports from one validation run, paired with -OutputPath by position' {
        $junit = Join-Path $TestDrive 'one-run.xml'
        $sarif = Join-Path $TestDrive 'one-run.sarif'
        $verbose = Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat Sarif, Junit -OutputPath $sarif, $junit -Severity Information -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'ReleaseTarget' }
        @($verbose).Count | Should -Be 1 -Because 'the bundle is validated once for both reports'
        ([xml](Get-Content $junit -Raw)).testsuites | Should -Not -BeNullOrEmpty
        (Get-Content $sarif -Raw | ConvertFrom-Json).version | Should -Be '2.1.0'
    }

    It 'stops before validating when the report paths do not pair with the formats' {
        { Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat GitHub, Junit -OutputPath x.xml -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathMissing,*' -ExpectedMessage '*Junit writes a file*'
        { Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat Junit -OutputPath a.xml, b.xml -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathUnpaired,*' -ExpectedMessage "*'b.xml' has no -OutputFormat at its position 2*"
        { Test-SpsPluginBundle $script:ExamplePlugin -OutputPath a.xml -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathUnpaired,*'
        { Test-SpsPluginBundle $script:ExamplePlugin -OutputFormat Junit, Sarif -OutputPath same, ./same -ErrorAction Stop } | Should -Throw -ErrorId 'OutputPathUnpaired,*' -ExpectedMessage '*for two reports*'
    }

    It 'fails warnings under -Strict, also from -Settings, and -Strict:$false wins' {
        $junk = New-PluginCopy -Extra '.DS_Store'
        Test-SpsPluginBundle $junk -TargetSpsVersion 8.0 | Should -BeTrue
        Test-SpsPluginBundle $junk -TargetSpsVersion 8.0 -Strict | Should -BeFalse
        Test-SpsPluginBundle $junk -TargetSpsVersion 8.0 -Settings @{ Strict = $true } | Should -BeFalse
        Test-SpsPluginBundle $junk -TargetSpsVersion 8.0 -Settings @{ Strict = $true } -Strict:$false | Should -BeTrue
        $result = Test-SpsPluginBundle $junk -TargetSpsVersion 8.0 -Strict -Severity Error -Detailed
        $result.Strict | Should -BeTrue
        $result.IsValid | Should -BeTrue
        $result.Failures.RuleId | Should -Be 'StructureJunk' -Because '-Severity Error must not hide the warnings that fail a strict result'
        "$result" | Should -Match 'failed .*strict: warnings fail'
        { Test-SpsPluginBundle $junk -Settings @{ Strict = 'no' } } | Should -Throw -ErrorId 'SettingsInvalid,*' -ExpectedMessage "*Strict = 'no'; Strict takes `$true or `$false*"
    }

    It 'checks against the newest release the plugin''s own window admits when no target is given' {
        # One Identity's sra-initiated: scb_max_version 8.0.0~ with api 1.7.0.
        $sra = New-PluginCopy "api: 1.7.0`nscb_max_version: 8.0.0~"
        $result = Test-SpsPluginBundle $sra -Detailed -Severity Information
        $result.Passed | Should -BeTrue -Because $result
        $result.Target.Name | Should -Be '7 F5'
        $result.TargetReason | Should -Be 'the newest release the plugin''s api 1.7.0 and scb_max_version 8.0.0~ admit'
        ($result.Findings | Where-Object RuleId -EQ 'ReleaseTarget').Message | Should -BeLike '*checked against SPS 7 F5*scb_max_version 8.0.0~*'
        (Test-SpsPluginBundle $sra -TargetSpsVersion 8.0 -Detailed).Failures.RuleId | Should -Be 'ReleaseWindow' -Because 'an explicit target stays strict'
        (Test-SpsPluginBundle (New-PluginCopy 'scb_min_version: 6.2.0') -Detailed -Severity Error).Target.Name | Should -Be '9.0 LTS'
    }

    It 'fails a plugin whose window admits no known release, saying so' {
        $result = Test-SpsPluginBundle (New-PluginCopy "api: 1.6`nscb_max_version: 5.9") -Detailed
        $result.Passed | Should -BeFalse
        $result.Failures.RuleId | Should -Be 'ReleaseWindow'
        $result.Failures.Message | Should -Match 'scb_max_version 5\.9 admit no release SpsPlugin knows'
    }
}

Describe 'Test-SpsPluginBundle and the Python interpreter' {
    It 'stops, naming the path and its source, when -PythonPath or SPSPLUGIN_PYTHON names no runnable Python 3' {
        { Test-SpsPluginBundle $script:ExamplePlugin -PythonPath "$TestDrive/none/python3" } |
            Should -Throw -ErrorId 'PythonNotFound,*' -ExpectedMessage "-PythonPath names '$TestDrive/none/python3', which does not exist.*"
        Set-Content "$TestDrive/fake-python" 'not an interpreter'
        $saved = $env:SPSPLUGIN_PYTHON
        try {
            $env:SPSPLUGIN_PYTHON = "$TestDrive/fake-python"
            { Test-SpsPluginBundle $script:ExamplePlugin } |
                Should -Throw -ErrorId 'PythonNotFound,*' -ExpectedMessage "the environment variable SPSPLUGIN_PYTHON names '$TestDrive/fake-python', which does not run as a Python 3 interpreter.*"
            # An explicit opt-out needs no interpreter.
            Test-SpsPluginBundle $script:ExamplePlugin -SkipPythonCheck | Should -BeTrue
        } finally {
            $env:SPSPLUGIN_PYTHON = $saved
        }
    }

    It 'also stops a hook call whose -PythonPath does not exist, instead of using another interpreter' {
        { Invoke-SpsPluginHook $script:ExamplePlugin authenticate -PythonPath "$TestDrive/none/python3" } | Should -Throw -ErrorId 'PythonNotFound,*'
    }

    It 'says with a warning which checks were skipped without Python' {
        $findings = (Test-SpsPluginBundle $script:ExamplePlugin -SkipPythonCheck -Detailed).Findings | Where-Object RuleId -EQ PythonUnavailable
        $findings.Severity | Should -Be 'Warning'
        $findings.Message | Should -BeLike '*Skipped: syntax, the Plugin class and hooks*hook signatures and literal verdicts*'
    }
}
