BeforeDiscovery {
    # The scaffolder's template x release matrix is Core's (ScaffolderTests, which also shows that only
    # MANIFEST, Pipfile and README.md depend on the release): here, what only the cmdlet shows, and each
    # pure-Python template's generated tests run once.
    $script:PurePython = @(@{ Template = 'aa-minimal' }, @{ Template = 'aa-ticket' }, @{ Template = 'credentialstore' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:HasPytest = $false
    if ($script:Python) {
        & $script:Python -c 'import pytest' 2>$null
        $script:HasPytest = $LASTEXITCODE -eq 0
    }
    function New-Project {
        [CmdletBinding()]
        param([string] $Template, [string] $Target, [string] $Name = 'my_plugin')
        $parent = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-SpsPlugin $Name -Template $Template -TargetSpsVersion $Target -Path $parent -Author 'Dev Team' -AuthorEmail dev@example.com
    }
}

Describe 'New-SpsPlugin' {
    It 'makes a project that validates, packs, and whose zip validates again' {
        $result = New-Project aa-ticket 7.4
        $result | Should -BeOfType SpsPlugin.SpsPluginScaffoldResult
        $result.Conflicts | Should -BeNullOrEmpty
        $result.Created | Should -Contain 'MANIFEST'
        Test-SpsPluginBundle $result.Path -TargetSpsVersion 7.4 | Should -BeTrue
        $zip = Compress-SpsPluginBundle $result.Path -DestinationPath (Join-Path $TestDrive 'dist/') -TargetSpsVersion 7.4
        Split-Path $zip.Path -Leaf | Should -Be 'my_plugin-0.1.0.zip'
        Test-SpsPluginBundle $zip.Path -TargetSpsVersion 7.4 | Should -BeTrue
        (Get-SpsPluginManifest $zip.Path).Api | Should -Be (Get-SpsPluginBundle $zip.Path).Manifest.Api
    }

    Context '<Template>, generated tests' -ForEach $script:PurePython {
        BeforeEach { Skip-WithoutPython }

        It 'passes its generated scenarios' {
            $result = New-Project $Template 9.0
            $scenarios = Invoke-SpsPluginScenario (Join-Path $result.Path 'tests') -WarningAction SilentlyContinue
            $scenarios.Count | Should -BeGreaterOrEqual 2
            $scenarios | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Name): $($_.Differences -join '; ')" } | Should -BeNullOrEmpty
        }

        It 'passes its generated pytest tests' {
            if (-not $script:HasPytest) { Set-ItResult -Skipped -Because 'pytest is not installed for Python 3 (Debian: apt-get install python3-pytest)' }
            $result = New-Project $Template 9.0
            $output = & $script:Python -m pytest -q -p no:cacheprovider --rootdir $result.Path (Join-Path $result.Path 'tests') 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            ($output -join "`n") | Should -Match '\d+ passed'
        }
    }

    It 'writes MANIFEST fields from the parameters and the target release' {
        $result = New-Project aa-ticket 7.4 -Name ticket_check
        $manifest = Get-SpsPluginManifest $result.Path
        $manifest.Name | Should -Be 'ticket_check'
        $manifest.Api | Should -Be '1.7'
        $manifest.AuthorName | Should -Be 'Dev Team'
        $manifest.AuthorEmail | Should -Be 'dev@example.com'
        Get-Content (Join-Path $result.Path 'Pipfile') | Should -Contain 'python_version = "3.10"'
        Test-Path (Join-Path $result.Path 'ticket_check/plugin.py') | Should -BeTrue
    }

    It 'asks per file: -WhatIf writes nothing' {
        $parent = Join-Path $TestDrive 'whatif'
        $result = New-SpsPlugin my_plugin -Path $parent -WhatIf 6>$null
        Test-Path $parent | Should -BeFalse
        $result.Skipped | Should -Contain 'MANIFEST'
        $result.Created | Should -BeNullOrEmpty
    }

    It 'reports a re-run as Identical and leaves a changed file alone without -Force' {
        $result = New-Project aa-minimal 9.0
        $config = Join-Path $result.Path 'default.cfg'
        Set-Content $config "[mine]`nkeep=1"
        $before = Get-FileHash $config

        $again = New-SpsPlugin my_plugin -Path (Split-Path $result.Path) -Author 'Dev Team' -AuthorEmail dev@example.com -ErrorVariable errors -ErrorAction SilentlyContinue
        $again.Conflicts | Should -Be @('default.cfg')
        $again.Identical | Should -Contain 'MANIFEST'
        $again.Created | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].Exception.Message | Should -Match 'default\.cfg.*-Force'
        (Get-FileHash $config).Hash | Should -Be $before.Hash
    }

    It 'replaces a changed file with -Force and keeps a backup' {
        $result = New-Project aa-minimal 9.0
        $config = Join-Path $result.Path 'default.cfg'
        Set-Content $config "[mine]`nkeep=1"
        $forced = New-SpsPlugin my_plugin -Path (Split-Path $result.Path) -Author 'Dev Team' -AuthorEmail dev@example.com -Force
        $forced.Replaced | Should -Be @('default.cfg')
        Get-Content "$config.bak" | Should -Be @('[mine]', 'keep=1')
        Test-SpsPluginBundle $result.Path | Should -BeTrue
    }

    It 'refuses a name SPS would refuse, saying what to use instead' {
        New-SpsPlugin 'my-plugin' -Path $TestDrive -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PluginNameInvalid,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -Match "my_plugin"
        Test-Path (Join-Path $TestDrive 'my-plugin') | Should -BeFalse
    }

    It 'takes names from the pipeline, by value and by property name' {
        $parent = Join-Path $TestDrive 'piped'
        $results = 'first_one', [pscustomobject]@{ Name = 'second_one'; Description = 'From a CSV row' } | New-SpsPlugin -Path $parent
        $results.Name | Should -Be @('first_one', 'second_one')
        (Get-SpsPluginManifest (Join-Path $parent 'second_one')).Description | Should -Be 'From a CSV row'
    }

    It 'stops on an unknown template or release, listing the known ones' {
        { New-SpsPlugin x_plugin -Template aa-maximal -Path $TestDrive } | Should -Throw '*aa-minimal*'
        { New-SpsPlugin x_plugin -TargetSpsVersion 4.2 -Path $TestDrive } | Should -Throw '*9.0*'
    }

    It 'writes to the file system even when the current location is not' {
        Push-Location Env:
        try {
            { New-SpsPlugin x_plugin -Path Env:\nowhere } | Should -Throw -ErrorId 'NotFileSystemPath,*'
        }
        finally { Pop-Location }
    }

    It 'warns when an SDK template targets a release with an older SDK than it is written for' {
        $result = New-Project aa-mfa 6.0 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0] | Should -Match 'SDK 1\.6\.0 or later.*SDK 1\.1\.4'
        $result.Created | Should -Contain 'MANIFEST'
        New-Project aa-mfa 9.0 -WarningVariable none -WarningAction SilentlyContinue | Out-Null
        $none | Should -BeNullOrEmpty
    }

    It 'generates plugins whose log lines reach stderr at the configured level' {
        Skip-WithoutPython
        $result = New-Project aa-minimal 9.0
        $hook = Invoke-SpsPluginHook $result.Path authenticate -Parameter @{ key_value_pairs = @{ reason = 'Patching the database' } } -WarningAction SilentlyContinue
        $hook.Verdict | Should -Be 'ACCEPT'
        $hook.Log | Should -Match 'accepted with reason'
    }

    It 'completes template names' {
        $line = 'New-SpsPlugin x -Template aa-t'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('aa-ticket')
    }
}
