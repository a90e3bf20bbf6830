<#
.SYNOPSIS
    A tour of SpsPlugin on the example plugin in examples/plugins/ticket_gate.

.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1` (the Demo task) against the freshly built module. It shows the
    plugin's MANIFEST as SPS reads it, how PyYAML types each value, the bundle's contents, a
    validation against two SPS releases, a reproducible pack, a simulated connection (with the json_vault
    credential store), and the plugin's default.cfg as the SDK reads it.

.PARAMETER ModulePath
    The SpsPlugin module to import; by default the one build.ps1 lays out in out/SpsPlugin.

.PARAMETER PluginPath
    The plugin to show; by default the ticket_gate example.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1'),
    [string] $PluginPath = (Join-Path $PSScriptRoot 'plugins/ticket_gate')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

Write-Host "`n1. The MANIFEST, as SPS and the SDK read it" -ForegroundColor Cyan
$manifest = Get-SpsPluginManifest -LiteralPath $PluginPath
$manifest | Format-List Name, Description, Version, Type, Api, EntryPoint, AuthorName, AuthorEmail | Out-String

Write-Host "2. Every key and the type PyYAML gives it (api is a float, as in every real plugin)" -ForegroundColor Cyan
$manifest.Entries | Format-Table Line, Key, PythonType, PythonText | Out-String

Write-Host "   The classic trap: an unquoted 'version: 1.10' is the float 1.1 for SPS" -ForegroundColor Cyan
$trap = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-quickstart-$PID.MANIFEST"
try {
    Set-Content -LiteralPath $trap -Value "name: demo`nversion: 1.10`napi: 1.6`n" -NoNewline
    (Get-SpsPluginManifest -LiteralPath $trap).Entries | Format-Table Key, RawValue, PythonType, PythonText | Out-String
}
finally {
    Remove-Item -LiteralPath $trap -ErrorAction SilentlyContinue
}

Write-Host "3. The bundle: what would go into the zip" -ForegroundColor Cyan
$bundle = Get-SpsPluginBundle -LiteralPath $PluginPath
$bundle | Format-Table Name, Version, Kind, FileCount, TotalSize | Out-String
$bundle.Entries | Format-Table Mode, Size, Path | Out-String
"MANIFEST at the root: {0}; main.py at the root: {1}; default.cfg: {2}" -f $bundle.HasManifest, $bundle.HasMainPy, $bundle.HasDefaultConfig | Out-String

Write-Host "4. Validate it as SPS 8.0 would (and as SPS 6.0, whose plugin API is older)" -ForegroundColor Cyan
"Test-SpsPluginBundle -TargetSpsVersion 8.0: {0}" -f (Test-SpsPluginBundle -LiteralPath $PluginPath -TargetSpsVersion 8.0)
Test-SpsPluginBundle -LiteralPath $PluginPath -TargetSpsVersion 6.0 -Detailed -Severity Error | Format-Table RuleId, Message -Wrap | Out-String

Write-Host "5. Pack it reproducibly (into a temporary folder) and check the zip" -ForegroundColor Cyan
$out = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-quickstart-$PID"
try {
    $zip = Compress-SpsPluginBundle -LiteralPath $PluginPath -DestinationPath "$out/" -TargetSpsVersion 8.0
    $zip | Format-List Path, Sha256, FileSize, EntryCount | Out-String
    "Packed zip passes Test-SpsPluginBundle: {0}" -f (Test-SpsPluginBundle -LiteralPath $zip.Path -TargetSpsVersion 8.0)
}
finally {
    Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
}

Write-Host "6. Simulate an SSH connection: the plugin asks for a ticket, gets a wrong one, then a good one" -ForegroundColor Cyan
$python = [SpsPlugin.PythonLocator]::Find($null)
if ($python) {
    $simulation = Invoke-SpsPluginSimulation -LiteralPath $PluginPath -CredentialStore (Join-Path $PSScriptRoot 'plugins/json_vault') -Answer @{ ticket = @('nope', 'INC0012345') }
    $simulation | Out-String
}
else {
    "No Python 3 found: the simulation is skipped."
}

Write-Host "7. The policy configuration (default.cfg), read as the SDK's configparser reads it" -ForegroundColor Cyan
Get-SpsPluginConfigOption -LiteralPath $PluginPath -IncludeCommented | Format-Table Section, Name, Value, IsEnabled, Line | Out-String
$policy = Get-SpsPluginConfig -LiteralPath $PluginPath | Set-SpsPluginConfig -Section ticket -Name max_attempts -Value 100%
"A policy with max_attempts=100% passes Test-SpsPluginConfig: {0}" -f ($policy | Test-SpsPluginConfig)
$policy | Test-SpsPluginConfig -Detailed | Format-Table RuleId, Line, Message -Wrap | Out-String
