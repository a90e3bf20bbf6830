<#
.SYNOPSIS
    Builds a plugin release: validate, pack reproducibly (a version or a snapshot), check the zip, print its hash.

.DESCRIPTION
    The zip depends only on the plugin's files and the version: every entry is dated at
    SOURCE_DATE_EPOCH when set (in a git checkout this script sets it to the last commit's time),
    so rebuilding the same commit with the same PowerShell gives the same SHA-256, which is what you
    compare with the hash SPS shows after the upload. Windows PowerShell 5.1 and PowerShell 7 deflate
    differently: compare ContentDigest across them (the same for the same files everywhere), or pack
    with -NoCompression for the same bytes everywhere.

.PARAMETER PluginPath
    The plugin source folder; by default the ticket_gate example.

.PARAMETER Version
    The release version to write into the packed MANIFEST; without it and without -Snapshot, the MANIFEST's own.

.PARAMETER Snapshot
    A development build: append -YYYYMMDDTHHMMSS to the version, as pluginv dist does.

.PARAMETER TargetSpsVersion
    The SPS release to validate against.

.PARAMETER DestinationPath
    The folder for the zip; by default <plugin>/dist/.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $PluginPath = (Join-Path $PSScriptRoot 'plugins/ticket_gate'),
    [string] $Version,
    [switch] $Snapshot,
    [string] $TargetSpsVersion = '8.0',
    [string] $DestinationPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$previousEpoch = $env:SOURCE_DATE_EPOCH
if (-not $env:SOURCE_DATE_EPOCH -and (Get-Command git -ErrorAction SilentlyContinue)) {
    # Windows PowerShell 5.1 turns a native command's redirected stderr into error records, which the
    # script's 'Stop' would make fatal (git writes there outside a repository); the exit code decides.
    $commitTime = & { $ErrorActionPreference = 'Continue'; git -C $PluginPath log -1 --format=%ct 2>$null }
    if ($LASTEXITCODE -eq 0 -and $commitTime) { $env:SOURCE_DATE_EPOCH = $commitTime.Trim() }
}
try {
    "Validating $PluginPath against SPS $TargetSpsVersion"
    if (-not (Test-SpsPluginBundle -LiteralPath $PluginPath -TargetSpsVersion $TargetSpsVersion -Verbose)) {
        throw 'The plugin has validation errors; see above.'
    }

    $pack = @{ LiteralPath = $PluginPath; TargetSpsVersion = $TargetSpsVersion; Force = $true }
    if ($Version) { $pack.Version = $Version }
    if ($Snapshot) { $pack.Snapshot = $true }
    if ($DestinationPath) { $pack.DestinationPath = $DestinationPath.TrimEnd('/', '\') + '/' }
    $bundle = Compress-SpsPluginBundle @pack

    if (-not (Test-SpsPluginBundle -LiteralPath $bundle.Path -TargetSpsVersion $TargetSpsVersion)) {
        throw "The packed zip fails validation: $($bundle.Path)"
    }
    "Packed {0} {1}: {2} files, {3:N0} bytes" -f $bundle.Name, $bundle.Version, $bundle.FileCount, $bundle.FileSize
    "SHA-256 {0}  {1}" -f $bundle.Sha256, $bundle.Path
    "Content digest {0} (the same from any PowerShell)" -f $bundle.ContentDigest
}
finally {
    # Leave the caller's environment as it was.
    $env:SOURCE_DATE_EPOCH = $previousEpoch
}
