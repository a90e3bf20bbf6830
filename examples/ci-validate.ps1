<#
.SYNOPSIS
    A CI step: validates every plugin bundle in a folder, writes SARIF and JUnit reports, and fails the
    job when any bundle has an error.

.DESCRIPTION
    Give it the folder of built zips (or of plugin source folders). It validates each against the
    target SPS release, writes results.sarif (for code scanning) and results.xml (JUnit, for test
    reports) into -ReportFolder, prints a summary table, and exits 1 when a bundle would be refused,
    0 otherwise. On GitHub Actions it also prints annotations.

.PARAMETER BundleFolder
    The folder holding the plugin zips or plugin folders; by default the example plugins.

.PARAMETER TargetSpsVersion
    The SPS release the appliances run.

.PARAMETER ReportFolder
    Where the reports go; by default ./spsplugin-reports.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $BundleFolder = (Join-Path $PSScriptRoot 'plugins'),
    [string] $TargetSpsVersion = '8.0',
    [string] $ReportFolder = (Join-Path (Get-Location) 'spsplugin-reports'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = New-Item -ItemType Directory -Force -Path $ReportFolder

$common = @{ LiteralPath = $BundleFolder; TargetSpsVersion = $TargetSpsVersion }
$results = @(Test-SpsPluginBundle @common -OutputFormat Sarif -OutputPath (Join-Path $ReportFolder 'results.sarif'))
Test-SpsPluginBundle @common -OutputFormat Junit -OutputPath (Join-Path $ReportFolder 'results.xml') | Out-Null
if ($env:GITHUB_ACTIONS -eq 'true') {
    Test-SpsPluginBundle @common -OutputFormat GitHub | Out-Null
}

Test-SpsPluginBundle @common -Detailed -Severity Warning | Format-Table | Out-String
$failed = @($results | Where-Object { -not $_ }).Count
"{0} bundle(s) validated against SPS {1}: {2} failed. Reports in {3}" -f $results.Count, $TargetSpsVersion, $failed, $ReportFolder
exit ([int]($failed -gt 0))
