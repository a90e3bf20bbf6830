<#
.SYNOPSIS
    Changes one setting in every policy file of a folder, safely.

.DESCRIPTION
    Shows what would change (-WhatIf), applies the change, and then tests every file, so a typo in
    a value (say, log_level=verbose) is caught before the files reach SPS. Each file keeps its
    comments, line ends and every line the change does not touch.

.PARAMETER PolicyFolder
    The folder of .cfg files; by default a demo copy of this example's overlays under the temp folder.

.PARAMETER Section
    The section of the setting.

.PARAMETER Name
    The option to set.

.PARAMETER Value
    The value to set.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $PolicyFolder,
    [string] $Section = 'logging',
    [string] $Name = 'log_level',
    [string] $Value = 'info',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if (-not $PolicyFolder) {
    $PolicyFolder = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bulk-$PID"
    $null = New-Item -ItemType Directory -Force -Path $PolicyFolder
    Copy-Item (Join-Path $PSScriptRoot 'config/overlays/*.cfg') $PolicyFolder
}

$files = Get-ChildItem -LiteralPath $PolicyFolder -Filter *.cfg
"Before: " + (($files | Get-SpsPluginConfigOption -Section $Section -Name $Name | ForEach-Object { "$(Split-Path -Leaf $_.Path)=$($_.Value)" }) -join ', ')

$files | Set-SpsPluginConfig -Section $Section -Name $Name -Value $Value -WhatIf
$files | Set-SpsPluginConfig -Section $Section -Name $Name -Value $Value

"After:  " + (($files | Get-SpsPluginConfigOption -Section $Section -Name $Name | ForEach-Object { "$(Split-Path -Leaf $_.Path)=$($_.Value)" }) -join ', ')
$broken = @($files | Where-Object { -not (Test-SpsPluginConfig -LiteralPath $_.FullName) })
if ($broken) { throw "These files fail Test-SpsPluginConfig: $($broken.Name -join ', ')" }
"All $($files.Count) files pass Test-SpsPluginConfig."
