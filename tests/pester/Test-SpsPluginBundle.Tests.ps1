BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Zip = (New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'ticket_gate.zip')).FullName
    $script:Wrapped = Join-Path $script:Fixtures 'wrapped-folder-zip/plugin.zip'
    $script:JUnitSchema = Join-Path (Split-Path (Get-Module Pester).Path) 'schemas/JUnit4/junit_schema_4.xsd'
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

    It 'returns the findings with -Detailed' {
        $findings = Test-SpsPluginBundle $script:Wrapped -Detailed
        $findings | Should -BeOfType SpsPlugin.SpsPluginDiagnostic
        ($findings | Where-Object Severity -EQ Error).RuleId | Should -Be 'StructureWrappedFolder'
        ($findings | Where-Object Severity -EQ Error).Message | Should -Match 'you zipped the folder'
    }

    It 'explains a $false on -Verbose' {
        $verbose = Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 6.0 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Match 'ReleaseApi'
    }

    It 'checks api against the target release' {
        (Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 6.0 -Detailed | Where-Object Severity -EQ Error).RuleId | Should -Be 'ReleaseApi'
        (Test-SpsPluginBundle $script:ExamplePlugin -Detailed).RuleId | Should -Contain 'ReleaseTarget'
    }

    It 'refuses an unknown release, listing the known ones' {
        { Test-SpsPluginBundle $script:ExamplePlugin -TargetSpsVersion 4.2 -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownSpsRelease,SpsPlugin.Commands.TestSpsPluginBundleCommand'
    }

    It 'filters by -Severity, -IncludeRule and -ExcludeRule' {
        Test-SpsPluginBundle $script:Wrapped -Detailed -Severity Error | ForEach-Object Severity | Should -Be 'Error'
        Test-SpsPluginBundle $script:Wrapped -Detailed -IncludeRule 'Release*' | ForEach-Object RuleId | Should -Be 'ReleaseTarget'
        Test-SpsPluginBundle $script:Wrapped -ExcludeRule 'Structure*' | Should -BeTrue
    }

    It 'reads options from a settings file, and parameters win' {
        $settings = Join-Path $TestDrive 'settings.psd1'
        Set-Content $settings "@{ TargetSpsVersion = '6.0'; ExcludeRule = @('ReleaseTarget', 'PythonGrammar') }"
        Test-SpsPluginBundle $script:ExamplePlugin -Settings $settings | Should -BeFalse
        Test-SpsPluginBundle $script:ExamplePlugin -Settings $settings -TargetSpsVersion 8.0 | Should -BeTrue
        Test-SpsPluginBundle $script:ExamplePlugin -Settings @{ Severity = 'Error' } -Detailed | Should -BeNullOrEmpty
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
        @($xml.testsuites.testsuite).Count | Should -Be 2
        @($xml.testsuites.testsuite[1].testcase | Where-Object { $_.failure }).name | Should -Be 'StructureWrappedFolder'
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

    It 'reads well as a table, grouped by bundle' {
        $text = Get-ChildItem (Join-Path $script:Fixtures '*/plugin.zip') | Test-SpsPluginBundle -Detailed | Format-Table | Out-String -Width 160
        $text | Should -Match 'Bundle: .*wrapped-folder-zip'
        $text | Should -Match 'Severity\s+RuleId\s+Where\s+Message'
        $text | Should -Match 'Error\s+ZipNotZip'
    }

    It 'reports a missing path as a finding, not a crash' {
        Test-SpsPluginBundle -LiteralPath (Join-Path $TestDrive 'none.zip') -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
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
        $findings = Test-SpsPluginBundle $script:ExamplePlugin -SkipPythonCheck -Detailed | Where-Object RuleId -EQ PythonUnavailable
        $findings.Severity | Should -Be 'Warning'
        $findings.Message | Should -BeLike '*Skipped: syntax, the Plugin class and hooks*hook signatures and literal verdicts*'
    }
}
