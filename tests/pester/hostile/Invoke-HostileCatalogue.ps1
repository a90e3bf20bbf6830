<#
.SYNOPSIS
    Runs every case of the hostile-input catalogue through every cmdlet that reads it, in this process,
    and writes what each call did as JSON. Hostile.Tests.ps1 starts it in a fresh pwsh, so a case that
    killed the process shows as a missing result instead of taking the Pester run with it.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $CataloguePath,
    [Parameter(Mandatory)] [string] $WorkPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # The one secret the secrets cases are given; the test checks that no text that left a cmdlet holds it.
    [Parameter(Mandatory)] [string] $Secret
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$index = Get-Content -LiteralPath (Join-Path $CataloguePath 'index.json') -Raw | ConvertFrom-Json
$python = [bool](Get-Command /usr/bin/python3, python3 -ErrorAction SilentlyContinue)
$outside = Join-Path $WorkPath 'outside'
$null = New-Item -ItemType Directory -Force -Path $outside
$env:SPSPLUGIN_HOSTILE_CANARY = $Secret
$results = [System.Collections.Generic.List[object]]::new()

function Invoke-Call([object] $Case, [string] $Cmdlet, [scriptblock] $Call) {
    # Runs one call with every stream captured: output, error records (non-terminating and terminating),
    # warnings and verbose text, so the test can check ids, bounds and that no secret leaves.
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $errors = [System.Collections.Generic.List[object]]::new()
    $text = [System.Text.StringBuilder]::new()
    $output = [System.Collections.Generic.List[object]]::new()
    $ErrorActionPreference = 'Continue'
    try {
        foreach ($item in & $Call 2>&1 3>&1 4>&1) {
            if ($item -is [System.Management.Automation.ErrorRecord]) { $errors.Add($item) }
            elseif ($item -is [System.Management.Automation.InformationalRecord]) { $null = $text.AppendLine($item.Message) }
            else { $output.Add($item) }
        }
    }
    catch {
        $errors.Add($_)
    }
    $seconds = $watch.Elapsed.TotalSeconds
    foreach ($item in $output) { $null = $text.AppendLine(($item | Format-List * -Force | Out-String -Width 500)) }
    foreach ($e in $errors) { $null = $text.AppendLine([string]$e).AppendLine([string]$e.ErrorDetails).AppendLine([string]$e.Exception.InnerException) }
    $results.Add([pscustomobject]@{
            Case      = "$($Case.Class)/$($Case.Name)"
            Cmdlet    = $Cmdlet
            Seconds   = [math]::Round($seconds, 3)
            Booleans  = @($output | Where-Object { $_ -is [bool] })
            ErrorIds  = @($errors | ForEach-Object { $_.FullyQualifiedErrorId })
            Exceptions = @($errors | ForEach-Object { $_.Exception.GetType().FullName })
            LeaksSecret = $text.ToString().Contains($Secret)
            Output    = @($output | ForEach-Object { $_.GetType().Name })
        })
}

foreach ($case in $index) {
    $work = Join-Path $WorkPath ("$($case.Class)-$($case.Name)")
    $null = New-Item -ItemType Directory -Force -Path $work
    $path = $case.Path
    if ($case.Kind -eq 'Config') {
        Invoke-Call $case 'Get-SpsPluginConfig' { Get-SpsPluginConfig -LiteralPath $path }
        Invoke-Call $case 'Test-SpsPluginConfig' { Test-SpsPluginConfig -LiteralPath $path }
        Invoke-Call $case 'Get-SpsPluginConfigOption' { Get-SpsPluginConfigOption -LiteralPath $path }
        Invoke-Call $case 'Compare-SpsPluginConfig' { Compare-SpsPluginConfig -Reference $path -Difference $path }
        continue
    }
    Invoke-Call $case 'Get-SpsPluginManifest' { Get-SpsPluginManifest -LiteralPath $path }
    Invoke-Call $case 'Get-SpsPluginBundle' { Get-SpsPluginBundle -LiteralPath $path }
    Invoke-Call $case 'Test-SpsPluginBundle' { Test-SpsPluginBundle -LiteralPath $path }
    Invoke-Call $case 'Test-SpsPluginBundle -Detailed' { Test-SpsPluginBundle -LiteralPath $path -Detailed }
    Invoke-Call $case 'Get-SpsPluginConfig' { Get-SpsPluginConfig -LiteralPath $path }
    Invoke-Call $case 'Test-SpsPluginConfig' { Test-SpsPluginConfig -LiteralPath $path }
    if ($case.Kind -eq 'Zip') {
        Invoke-Call $case 'Expand-SpsPluginBundle' { Expand-SpsPluginBundle -LiteralPath $path -DestinationPath (Join-Path $work 'expanded') }
        if (-not $IsWindows) {
            # A destination whose lib is a link to a folder outside it: -Force must never write through the link.
            $linked = Join-Path $work 'linked'
            $null = New-Item -ItemType Directory -Path $linked
            $null = New-Item -ItemType SymbolicLink -Path (Join-Path $linked 'lib') -Target $outside
            Invoke-Call $case 'Expand-SpsPluginBundle -Force' { Expand-SpsPluginBundle -LiteralPath $path -DestinationPath $linked -Force }
        }
    }
    else {
        Invoke-Call $case 'Compress-SpsPluginBundle' { Compress-SpsPluginBundle -LiteralPath $path -DestinationPath (Join-Path $work 'dist/') }
    }
    if ($case.Hook -and $python) {
        $pidFile = Join-Path $work 'daemon.pid'
        $answer = @{ otp = ConvertTo-SecureString $Secret -AsPlainText -Force }
        Invoke-Call $case 'Invoke-SpsPluginHook' { Invoke-SpsPluginHook -LiteralPath $path -Hook $case.Hook -TimeoutSec 1 -Configuration "[x]`npidfile=$pidFile" -Verbose }
        Invoke-Call $case 'Invoke-SpsPluginSimulation' { Invoke-SpsPluginSimulation -LiteralPath $path -TimeoutSec 1 -Answer $answer -NonInteractive -Configuration "[x]`npidfile=$pidFile" -Verbose }
        if (Test-Path -LiteralPath $pidFile) {
            # The daemon's pid, for the test to check that the call ended it.
            $results[-1] | Add-Member -NotePropertyName DaemonPid -NotePropertyValue ([int](Get-Content -LiteralPath $pidFile -Raw))
        }
    }
}

[pscustomobject]@{
    Results        = $results
    PeakWorkingSet = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    Outside        = @(Get-ChildItem -LiteralPath $outside -Force -Recurse | ForEach-Object FullName)
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath
