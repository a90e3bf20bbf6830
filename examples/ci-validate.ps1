<#
.SYNOPSIS
    A CI step: validates every plugin bundle in a folder once, writes SARIF and JUnit reports (and
    GitHub annotations), and fails the job when any bundle fails.

.DESCRIPTION
    Give it the folder of built zips (or of plugin source folders). It validates each against the
    target SPS release in one run, writes results.sarif (for code scanning) and results.xml (JUnit,
    for test reports) into -ReportFolder, prints one row per bundle and the failures, and exits 1
    when a bundle fails, 0 otherwise. On GitHub Actions the same run also prints annotations.
    -Strict fails warnings too (for example PythonUnavailable, when the Python checks could not run).

.PARAMETER BundleFolder
    The folder holding the plugin zips or plugin folders; by default the example plugins.

.PARAMETER TargetSpsVersion
    The SPS release the appliances run.

.PARAMETER Strict
    Warnings fail a bundle as errors do.

.PARAMETER ReportFolder
    Where the reports go; by default ./spsplugin-reports.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $BundleFolder = (Join-Path $PSScriptRoot 'plugins'),
    [string] $TargetSpsVersion = '8.0',
    [switch] $Strict,
    [string] $ReportFolder = (Join-Path (Get-Location) 'spsplugin-reports'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = New-Item -ItemType Directory -Force -Path $ReportFolder

# One validation run writes every report: paths pair with formats by position, and GitHub (last,
# with no path) prints its annotations to the host.
$formats = @('Sarif', 'Junit') + @(if ($env:GITHUB_ACTIONS -eq 'true') { 'GitHub' })
$reports = (Join-Path $ReportFolder 'results.sarif'), (Join-Path $ReportFolder 'results.xml')
$results = @(Test-SpsPluginBundle -LiteralPath $BundleFolder -TargetSpsVersion $TargetSpsVersion -Strict:$Strict -Detailed -OutputFormat $formats -OutputPath $reports)

$results | Format-Table | Out-String
$results | Where-Object { -not $_.Passed } | ForEach-Object { $_.ToString() }
$failed = @($results | Where-Object { -not $_.Passed }).Count
"{0} bundle(s) validated against SPS {1}: {2} failed. Reports in {3}" -f $results.Count, $TargetSpsVersion, $failed, $ReportFolder
exit ([int]($failed -gt 0))
