<#
.SYNOPSIS
    Applies a CSV of changes to a folder of policy files: -WhatIf first, then for real, then a report per file.

.DESCRIPTION
    Each row of the CSV (columns Path, Section, Name, Value) is one change; Path may be a wildcard
    relative to the policy folder (*-prod.cfg), so one row changes every file it matches. The rows go
    straight into Set-SpsPluginConfig, which binds the columns by name. The script shows what would
    change, applies it, and then reports per file: what changed (old and new value) and whether the
    file passes Test-SpsPluginConfig against the plugin's default.cfg. Each file keeps its comments,
    line ends and every line the changes do not touch.

.PARAMETER PolicyFolder
    The folder of .cfg files; by default a demo copy of config/policies under the temp folder.

.PARAMETER ChangesCsv
    The CSV of changes; by default config/changes.csv beside this script.

.PARAMETER Reference
    The plugin (folder, zip or default.cfg) whose options the policies must use.

.PARAMETER ModulePath
    The SpsPlugin module to import.

.OUTPUTS
    SpsPlugin.SpsPluginConfigTestResult, one per policy file. The script stops when a change fails
    or a file fails the test.
#>
param(
    [string] $PolicyFolder,
    [string] $ChangesCsv = (Join-Path $PSScriptRoot 'config/changes.csv'),
    [string] $Reference = (Join-Path $PSScriptRoot 'plugins/ticket_gate'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if (-not $PolicyFolder) {
    $PolicyFolder = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-csv-$PID"
    $null = New-Item -ItemType Directory -Force -Path $PolicyFolder
    Copy-Item (Join-Path $PSScriptRoot 'config/policies/*.cfg') $PolicyFolder
}
$changes = Import-Csv -LiteralPath (Resolve-Path -LiteralPath $ChangesCsv) -Encoding UTF8
$Reference = (Resolve-Path -LiteralPath $Reference).ProviderPath

# The CSV's paths are relative to the policy folder.
Push-Location -LiteralPath $PolicyFolder
try {
    # Each file as it was, kept in memory to show old -> new at the end.
    $before = @(Get-ChildItem -Filter *.cfg | Sort-Object Name | Get-SpsPluginConfig)

    Write-Host "1. What $($changes.Count) change(s) would do (-WhatIf):"
    $changes | Set-SpsPluginConfig -WhatIf

    Write-Host '2. Applying them.'
    $changes | Set-SpsPluginConfig

    Write-Host '3. Per file: what changed, and whether it passes Test-SpsPluginConfig.'
    $differences = foreach ($old in $before) { Compare-SpsPluginConfig $old $old.Path }
    # The Display* values are what the table view shows: a secret masked, everything else as it is.
    $old = @{ Name = 'Old'; Expression = 'DisplayReferenceValue' }
    $new = @{ Name = 'New'; Expression = 'DisplayDifferenceValue' }
    Write-Host ($differences | Format-Table Change, Section, Name, $old, $new -GroupBy DifferencePath -Wrap | Out-String)
    $report = @(Get-ChildItem -Filter *.cfg | Sort-Object Name | Test-SpsPluginConfig -Reference $Reference -Detailed)
    $report
}
finally {
    Pop-Location
}

$failed = @($report | Where-Object { -not $_.Passed })
if ($failed) { throw "These files fail Test-SpsPluginConfig:`n$($failed -join "`n")" }
