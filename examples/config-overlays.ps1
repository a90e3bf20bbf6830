<#
.SYNOPSIS
    Builds one policy configuration per environment from the plugin's default.cfg and overlays.

.DESCRIPTION
    The plugin's default.cfg is the base (its comments and commented options stay, so the result
    still documents itself); config/overlays/common.cfg applies everywhere; config/overlays/<env>.cfg
    last. Each result is checked against the plugin's default.cfg, saved, and dev is compared with prod.

.PARAMETER Destination
    Where to write <env>.cfg; by default a new folder under the temp folder.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $Destination = (Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-policies-$PID"),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$plugin = Join-Path $PSScriptRoot 'plugins/ticket_gate'
$overlays = Join-Path $PSScriptRoot 'config/overlays'
$null = New-Item -ItemType Directory -Force -Path $Destination

foreach ($environment in 'dev', 'prod') {
    $policy = Merge-SpsPluginConfig -Base $plugin -Overlay (Join-Path $overlays 'common.cfg'), (Join-Path $overlays "$environment.cfg")
    if (-not ($policy | Test-SpsPluginConfig -Reference $plugin)) {
        ($policy | Test-SpsPluginConfig -Reference $plugin -Detailed).Findings | Format-Table Severity, RuleId, Line, Message -Wrap | Out-String
        throw "The $environment policy has errors."
    }
    $file = $policy | Save-SpsPluginConfig (Join-Path $Destination "$environment.cfg") -Force -PassThru
    "Wrote $($file.FullName)"
}

"`nWhat production changes compared with development:"
Compare-SpsPluginConfig (Join-Path $Destination 'dev.cfg') (Join-Path $Destination 'prod.cfg') | Format-Table Change, Section, Name, ReferenceValue, DifferenceValue | Out-String
