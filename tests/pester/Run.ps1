<#
.SYNOPSIS
    Runs the Pester tests against a built SpsPlugin module and writes the counts as JSON.

.DESCRIPTION
    build.ps1 starts this in a fresh pwsh (a loaded binary module cannot be unloaded). The tests find
    the module through $env:SPSPLUGIN_MODULE. Exit code 1 when anything failed or nothing ran.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
if ($env:CI) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module $PesterPath -Force
$env:SPSPLUGIN_MODULE = (Resolve-Path -LiteralPath $ModulePath).Path

# The hostile catalogue runs in a pwsh of its own; started now, it works while the other files run.
if ($env:SPSPLUGIN_HOSTILE) {
    . (Join-Path $PSScriptRoot 'hostile/HostileRun.ps1')
    $global:SpsPluginHostileRun = Start-HostileRun -ModulePath $env:SPSPLUGIN_MODULE -CataloguePath $env:SPSPLUGIN_HOSTILE
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
if ($env:CI) { $configuration.Output.RenderMode = 'Plaintext' }
$result = Invoke-Pester -Configuration $configuration

# A hostile run that Hostile.Tests.ps1 did not collect (its file failed before it) must not outlive this run.
if ($global:SpsPluginHostileRun) {
    if (-not $global:SpsPluginHostileRun.Process.HasExited) { $global:SpsPluginHostileRun.Process.Kill($true) }
    Remove-Item -LiteralPath $global:SpsPluginHostileRun.WorkPath -Recurse -Force -ErrorAction SilentlyContinue
}

# A failure in a BeforeAll or in discovery fails a whole block or file without failing any test: count it.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content -LiteralPath $ResultPath
exit [int]($failed -gt 0 -or $result.PassedCount -eq 0)
