# The hostile-input catalogue (tests/SpsPlugin.HostileInputs) through every cmdlet that reads the input.
# All calls run in one fresh pwsh (hostile/Invoke-HostileCatalogue.ps1), so a case that kills the process
# fails here instead of ending the Pester run; this file then checks each call's record.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    # build.ps1 writes the catalogue before Pester starts; run alone, this file writes it itself.
    $script:HostileCatalogue = if ($env:SPSPLUGIN_HOSTILE) { $env:SPSPLUGIN_HOSTILE } else {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('spsplugin-hostile-' + [guid]::NewGuid().ToString('N'))
        & dotnet run --project (Join-Path $root 'tests/SpsPlugin.HostileInputs') -c Release -- $folder | Out-Null
        $folder
    }
    $script:HostileHasPython = [bool](Get-Command /usr/bin/python3, python3 -ErrorAction SilentlyContinue)
    $script:HostileCases = @(Get-Content -LiteralPath (Join-Path $script:HostileCatalogue 'index.json') -Raw | ConvertFrom-Json |
            ForEach-Object { @{ Case = $_; Id = "$($_.Class)/$($_.Name)" } })
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $script:HostileCatalogue = if ($env:SPSPLUGIN_HOSTILE) { $env:SPSPLUGIN_HOSTILE } else { $script:HostileCatalogue }
    . (Join-Path $PSScriptRoot 'hostile/HostileRun.ps1')
    # Run.ps1 started the run before the other files; run alone, this file starts its own.
    $started = if ($global:SpsPluginHostileRun) { $global:SpsPluginHostileRun } else { Start-HostileRun -ModulePath $script:ModulePath -CataloguePath $script:HostileCatalogue }
    $received = Receive-HostileRun $started
    Remove-Item -LiteralPath $started.WorkPath -Recurse -Force -ErrorAction SilentlyContinue
    $script:Secret = $received.Secret
    $script:ChildExit = $received.ExitCode
    $script:ChildOutput = $received.Output
    $script:Run = $received.Results
    $script:ModuleIds = @([SpsPlugin.SpsPluginErrorCatalogue]::All.Id)

    # Bounds: a cmdlet call on one input, a hook call (-TimeoutSec 1 plus 2 s to end the tree), the whole run's memory.
    $script:CallBound = 10
    $script:HookBound = 3
    $script:MemoryBound = 1GB
}

Describe 'The hostile-input catalogue' {
    It 'runs to the end in one process: no input ends it' {
        $script:ChildExit | Should -Be 0 -Because $script:ChildOutput
        $script:Run | Should -Not -BeNullOrEmpty
    }

    It 'stays under the memory bound over the whole catalogue' {
        $script:Run.PeakWorkingSet | Should -BeLessThan $script:MemoryBound
    }

    It 'writes nothing outside a destination, even through a link inside it' {
        $script:Run.Outside | Should -BeNullOrEmpty
    }

    # Each case gets the checks that apply to it (a gate verdict only where SPS's answer is known).
    Context '<Id>' -ForEach $script:HostileCases {
        BeforeAll {
            $script:Calls = @($script:Run.Results | Where-Object Case -EQ $Id)
        }

        It 'is read by every cmdlet' {
            $script:Calls.Count | Should -BeGreaterThan 0
        }

        It 'fails only with the module''s error ids and exception types, within the time bound' {
            foreach ($call in $script:Calls) {
                foreach ($errorId in $call.ErrorIds) {
                    (($errorId -split ',')[0] -split '\.')[0] | Should -BeIn $script:ModuleIds -Because "$($call.Cmdlet) gave $errorId"
                }
                foreach ($type in $call.Exceptions) {
                    $type | Should -BeLike 'SpsPlugin.*' -Because "$($call.Cmdlet) let $type reach the caller"
                }
                $bound = if ($call.Cmdlet -like 'Invoke-*') { $script:HookBound } else { $script:CallBound }
                $call.Seconds | Should -BeLessOrEqual $bound -Because "$($call.Cmdlet) must answer in time"
            }
        }

        It 'shows no secret in any output, error, warning or verbose text' {
            @($script:Calls | Where-Object LeaksSecret | ForEach-Object Cmdlet) | Should -BeNullOrEmpty
        }

        if ($Case.Refused -eq $true) {
            It 'is refused by the gate and by extraction when SPS would refuse it' {
                $test = $script:Calls | Where-Object Cmdlet -In 'Test-SpsPluginBundle', 'Test-SpsPluginConfig' | Select-Object -First 1
                ($test.Booleans -contains $false -or $test.ErrorIds.Count -gt 0) | Should -BeTrue -Because "$($test.Cmdlet) said $($test.Booleans)"
            }
        }

        if ($Case.ExtractionRefused) {
            It 'is not extracted when the archive itself is unsafe' {
                $expand = $script:Calls | Where-Object Cmdlet -EQ 'Expand-SpsPluginBundle'
                $expand.ErrorIds | Should -Not -BeNullOrEmpty -Because 'an unsafe archive is not extracted'
                $expand.Output | Should -BeNullOrEmpty
            }
        }

        if ($Case.HookFails) {
            It 'fails the simulation with an error record when the plugin misbehaves' -Skip:(-not $script:HostileHasPython) {
                $simulation = $script:Calls | Where-Object Cmdlet -EQ 'Invoke-SpsPluginSimulation'
                $simulation.ErrorIds | Should -Not -BeNullOrEmpty -Because 'SPS could not use what the plugin did'
            }
        }

        if ($Case.Refused -eq $false) {
            It 'passes the gate when SPS would take it' {
                ($script:Calls | Where-Object Cmdlet -EQ 'Test-SpsPluginBundle').Booleans | Should -Be @($true)
            }
        }

        if ($Case.Hook) {
            It 'leaves no process behind' -Skip:(-not $script:HostileHasPython -or -not $IsLinux) {
                foreach ($daemon in @($script:Calls | Where-Object { $_.PSObject.Properties['DaemonPid'] } | ForEach-Object DaemonPid)) {
                    Test-Path -LiteralPath "/proc/$daemon" | Should -BeFalse -Because "the plugin's daemon $daemon outlived the call"
                }
            }
        }
    }
}
