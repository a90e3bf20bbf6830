# Starts and collects the hostile-catalogue run (Invoke-HostileCatalogue.ps1 in a pwsh of its own, so a
# case that kills the process cannot end the Pester run). Run.ps1 starts it before the other test files,
# so it works while they run; Hostile.Tests.ps1 collects it, or starts one itself when run alone.

function Start-HostileRun {
    param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $CataloguePath)
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('spsplugin-hostile-run-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    $run = [pscustomobject]@{
        # A fresh canary per run: the test checks that no text a cmdlet gave back holds it.
        Secret     = 'canary-' + [guid]::NewGuid().ToString('N')
        WorkPath   = $work
        ResultPath = Join-Path $work 'hostile.json'
        OutputPath = Join-Path $work 'output.txt'
        Process    = $null
    }
    $arguments = @('tool', 'run', 'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-HostileCatalogue.ps1'),
        '-ModulePath', $ModulePath, '-CataloguePath', $CataloguePath, '-WorkPath', (Join-Path $work 'calls'),
        '-ResultPath', $run.ResultPath, '-Secret', $run.Secret)
    $run.Process = Start-Process -FilePath dotnet -ArgumentList $arguments -WorkingDirectory $root -PassThru -NoNewWindow `
        -RedirectStandardOutput $run.OutputPath -RedirectStandardError (Join-Path $work 'error.txt')
    $null = $run.Process.Handle # keeps the handle, so ExitCode is readable after the process ends
    $run
}

function Receive-HostileRun {
    # Waits for the run and returns its exit code, its output and the records of every call.
    param([Parameter(Mandatory)] $Run)
    $Run.Process.WaitForExit()
    [pscustomobject]@{
        ExitCode = $Run.Process.ExitCode
        Output   = (Get-Content -LiteralPath $Run.OutputPath, (Join-Path $Run.WorkPath 'error.txt') -Raw -ErrorAction SilentlyContinue) -join "`n"
        Results  = if (Test-Path -LiteralPath $Run.ResultPath) { Get-Content -LiteralPath $Run.ResultPath -Raw | ConvertFrom-Json } else { $null }
        Secret   = $Run.Secret
    }
}
