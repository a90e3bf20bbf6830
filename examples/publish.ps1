#requires -Version 7
<#
.SYNOPSIS
    Publishes a plugin to the SPS appliances listed in a file: validate, pack, publish, verify, report.

.DESCRIPTION
    1. Validates the plugin folder (Test-SpsPluginBundle) and stops on errors.
    2. Packs it once (Compress-SpsPluginBundle), reproducibly.
    3. Publishes the zip to every appliance of -AppliancesFile in parallel (ForEach-Object -Parallel): each
       connects, publishes (validated again for that appliance's release, skipped when the same version and
       checksum is installed), and disconnects.
    4. Verifies: reads the appliance's installed plugins again and checks that the name and version are there.
    5. Writes one report object per appliance (Appliance, Action, Verified, Version, Reason, Seconds), and a CSV or
       JSON report with -ReportPath.
    A failing appliance does not stop the others: its row says Failed and why.

.PARAMETER AppliancesFile
    A text file with one appliance per line (host or host:port); empty lines and lines starting with # are skipped.

.PARAMETER Credential
    The REST user of the appliances (the same user on each).

.PARAMETER TrustedCertificate
    The CA (or server) certificate files the appliances' HTTPS certificates must chain to; without them, the
    system's trust store decides.

.PARAMETER PluginPath
    The plugin source folder; by default the ticket_gate example.

.PARAMETER Version
    The version to write into the packed MANIFEST; the MANIFEST's own when omitted.

.PARAMETER ReportPath
    A .csv or .json file to write the report to, besides the objects.

.PARAMETER ThrottleLimit
    How many appliances are published to at once.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $AppliancesFile,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [string[]] $TrustedCertificate,
    [string] $PluginPath = (Join-Path $PSScriptRoot 'plugins/ticket_gate'),
    [string] $Version,
    [string] $ReportPath,
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 5,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# 1. Validate (for the newest release the plugin admits; each publish validates again for its appliance).
if (-not (Test-SpsPluginBundle -LiteralPath $PluginPath)) {
    throw "$PluginPath has validation errors; run Test-SpsPluginBundle '$PluginPath' -Detailed to see them."
}

# 2. Pack once, into a folder of its own.
$dist = Join-Path ([IO.Path]::GetTempPath()) ('spsplugin-publish-' + [guid]::NewGuid().ToString('N'))
$pack = @{ LiteralPath = $PluginPath; DestinationPath = "$dist/"; Confirm = $false }
if ($Version) { $pack.Version = $Version }
$bundle = Compress-SpsPluginBundle @pack
Write-Verbose "Packed $($bundle.Name) $($bundle.Version): $($bundle.Path) (SHA-256 $($bundle.Sha256))"

try {
    $appliances = @(Get-Content -LiteralPath $AppliancesFile | ForEach-Object Trim | Where-Object { $_ -and -not $_.StartsWith('#') })
    if (-not $appliances) { throw "$AppliancesFile lists no appliance (one host[:port] per line)." }

    # 3. + 4. Publish and verify, one appliance per parallel runspace.
    $report = $appliances | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        $ErrorActionPreference = 'Stop'   # a parallel runspace does not inherit it; every failure lands in the row
        Import-Module $using:ModulePath
        $bundle = $using:bundle
        $row = [ordered]@{ Appliance = $_; Action = 'Failed'; Verified = $false; Status = $null; Version = $bundle.Version; Reason = $null; Seconds = $null }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $session = $null
        try {
            $connect = @{ Appliance = $_; Credential = $using:Credential; NoDefault = $true }
            if ($using:TrustedCertificate) { $connect.TrustedCertificate = $using:TrustedCertificate }
            $session = Connect-SpsPluginAppliance @connect
            $row.Appliance = $session.Appliance
            $result = Publish-SpsPluginBundle -LiteralPath $bundle.Path -Session $session -Confirm:$false -ErrorAction SilentlyContinue
            $row.Action = $result.Action
            $row.Reason = $result.Reason
            if ($result.Action -in 'Uploaded', 'Skipped') {
                # Verify: what is installed is this build (version, and the checksum where the appliance reports
                # one), and SPS's own integrity check passes.
                $comparison = Compare-SpsPluginInstallation -LiteralPath $bundle.Path -Session $session
                $row.Status = $comparison.Status
                $integrity = Get-SpsPluginInstallation $bundle.Name -Type $bundle.Manifest.Type -Session $session |
                    Test-SpsPluginInstallation -Detailed
                $row.Verified = $comparison.Status -in 'Same', 'VersionMatchesChecksumUnknown' -and $integrity.Passed
                if (-not $row.Verified) {
                    $failed = @($integrity.Checks | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Operation): $($_.Reason)" })
                    $row.Reason += " Verification: $($comparison.Reason) $($failed -join '; ')".TrimEnd()
                }
            }
        }
        catch {
            $row.Reason = $_.Exception.Message
        }
        finally {
            if ($session) { Disconnect-SpsPluginAppliance $session -Confirm:$false }
            $row.Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2)
        }
        [pscustomobject]$row
    }

    # 5. Report.
    if ($ReportPath) {
        switch ([IO.Path]::GetExtension($ReportPath).ToLowerInvariant()) {
            '.csv' { $report | Export-Csv -LiteralPath $ReportPath -NoTypeInformation }
            '.json' { ConvertTo-Json @($report) | Set-Content -LiteralPath $ReportPath }
            default { throw "-ReportPath must end in .csv or .json, not '$ReportPath'." }
        }
    }
    $report
}
finally {
    Remove-Item -LiteralPath $dist -Recurse -Force -ErrorAction SilentlyContinue
}
