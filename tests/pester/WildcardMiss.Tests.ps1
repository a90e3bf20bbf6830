# A -Path wildcard that matches nothing, for every cmdlet that takes one: a cmdlet that acts writes a
# non-terminating PathNotFound naming the pattern and what it did not do (silence would read as success);
# Test-* answer $false for it; Get-* cmdlets only read and, like Get-Item, write nothing.
BeforeDiscovery {
    $script:Acting = @(
        @{ Command = 'Compare-SpsPluginInstallation'; Clause = 'nothing was compared'; Arguments = @{} }
        @{ Command = 'Compress-SpsPluginBundle'; Clause = 'nothing was packed'; Arguments = @{ DestinationPath = 'TESTDRIVE/written/' } }
        @{ Command = 'Expand-SpsPluginBundle'; Clause = 'nothing was extracted'; Arguments = @{ DestinationPath = 'TESTDRIVE/written' } }
        @{ Command = 'Initialize-SpsPluginEnvironment'; Clause = 'no environment was set up'; Arguments = @{} }
        @{ Command = 'Invoke-SpsPluginHook'; Clause = 'no hook ran'; Arguments = @{ Hook = 'authorize' } }
        @{ Command = 'Invoke-SpsPluginScenario'; Clause = 'nothing was tested'; Arguments = @{ OutputFormat = 'Junit'; OutputPath = 'TESTDRIVE/written/report.xml' } }
        @{ Command = 'Invoke-SpsPluginSimulation'; Clause = 'nothing was simulated'; Arguments = @{ NonInteractive = $true } }
        @{ Command = 'Publish-SpsPluginBundle'; Clause = 'nothing was published'; Arguments = @{ Confirm = $false } }
        @{ Command = 'Set-SpsPluginConfig'; Clause = 'nothing was edited'; Arguments = @{ Section = 'plugin'; Name = 'log_level'; Value = 'debug' } }
        @{ Command = 'Test-SpsPluginConfig'; Clause = 'nothing was tested'; Arguments = @{} }
    )
    $script:Silent = @(
        @{ Command = 'Get-SpsPluginBundle'; Parameter = 'Path' }
        @{ Command = 'Get-SpsPluginConfig'; Parameter = 'Path' }
        @{ Command = 'Get-SpsPluginConfigOption'; Parameter = 'Path' }
        @{ Command = 'Get-SpsPluginManifest'; Parameter = 'Path' }
        @{ Command = 'Get-SpsPluginTemplate'; Parameter = 'TemplatePath' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Resolve-Arguments([hashtable] $Arguments) {
        # Paths are written with TESTDRIVE in the table, since $TestDrive is not known at discovery.
        $resolved = @{}
        foreach ($key in $Arguments.Keys) {
            $value = $Arguments[$key]
            $resolved[$key] = if ($value -is [string]) { $value.Replace('TESTDRIVE', $TestDrive) } else { $value }
        }
        $resolved
    }
}

Describe 'A -Path wildcard that matches nothing' {
    BeforeEach {
        $script:Pattern = Join-Path $TestDrive 'nothing-*'
        Remove-Item -LiteralPath (Join-Path $TestDrive 'written') -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<Command> writes PathNotFound naming the pattern and that <Clause>, and writes nothing' -ForEach $script:Acting {
        $arguments = Resolve-Arguments $Arguments
        $output = & $Command -Path $Pattern, (Join-Path $TestDrive 'none-*') @arguments -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures).Count | Should -Be 2 -Because 'each pattern that matches nothing is named on its own, and the pipeline goes on'
        $failures[0].FullyQualifiedErrorId | Should -Be "PathNotFound,SpsPlugin.Commands.$($Command.Replace('-', ''))Command"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $Pattern
        $failures[0].Exception.Message | Should -BeExactly "-Path '$Pattern' matches no file or folder, so $Clause. Check the pattern (Get-ChildItem '$Pattern')."
        if ($Command -eq 'Test-SpsPluginConfig') {
            $output | Should -Be @($false, $false) -Because 'Test-* answers for every path it is given'
        }
        elseif ($Command -eq 'Invoke-SpsPluginScenario') {
            $output | Should -BeNullOrEmpty
            ([xml](Get-Content (Join-Path $TestDrive 'written/report.xml') -Raw)).testsuites.testsuite.errors | Should -Be '2' -Because 'a run that tested nothing is never green'
        }
        else {
            $output | Should -BeNullOrEmpty
            Join-Path $TestDrive 'written' | Should -Not -Exist
        }
    }

    It 'keeps the error of a literal path that does not exist (<Command>)' -ForEach ($script:Acting | Where-Object Command -NotIn 'Test-SpsPluginConfig', 'Invoke-SpsPluginScenario') {
        $arguments = Resolve-Arguments $Arguments
        $missing = Join-Path $TestDrive 'missing[1]'
        & $Command -LiteralPath $missing @arguments -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be "PathNotFound,SpsPlugin.Commands.$($Command.Replace('-', ''))Command"
        $failures[0].Exception.Message | Should -BeExactly "Cannot find path '$missing' because it does not exist."
    }

    It 'Test-SpsPluginBundle answers $false for it, as for a path that does not exist' {
        Test-SpsPluginBundle $Pattern -SkipPythonCheck -ErrorVariable failures | Should -BeFalse
        ((Test-SpsPluginBundle $Pattern -SkipPythonCheck -Detailed).Findings | Where-Object Severity -eq 'Error').RuleId | Should -Contain 'PathNotFound'
    }

    It '<Command> only reads: like Get-Item, it writes nothing and no error' -ForEach $script:Silent {
        $arguments = @{ $Parameter = $Pattern }
        & $Command @arguments -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'is decided for every cmdlet with a wildcard path parameter' -ForEach @{ Decided = @($script:Acting.Command) + @($script:Silent.Command) + 'Test-SpsPluginBundle' } {
        $withWildcardPath = Get-Command -Module SpsPlugin | Where-Object {
            $_.Parameters.Values | Where-Object { $_.Name -like '*Path' -and ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) }
        }
        @($withWildcardPath.Name | Where-Object { $_ -notin $Decided }) | Should -BeNullOrEmpty -Because 'a new cmdlet with a wildcard -Path needs a row in this table'
    }
}
