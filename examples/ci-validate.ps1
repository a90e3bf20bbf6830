<#
.SYNOPSIS
    A CI step: validates every plugin bundle in a folder once, writes the JUnit and SARIF reports (and
    GitHub annotations on GitHub Actions), and fails the job when any bundle fails.

.DESCRIPTION
    Give it the folder of built zips (or of plugin source folders). One Test-SpsPluginBundle run checks
    each bundle and writes every report from the same results: results.xml (JUnit, one test case per
    bundle, for the CI's test view) and results.sarif (for code scanning) in -ReportFolder. It prints
    one line per bundle and exits 1 when a bundle fails, 0 otherwise.

.PARAMETER BundleFolder
    The folder holding the plugin zips or plugin folders; by default the example plugins.

.PARAMETER TargetSpsVersion
    The SPS release the appliances run. Without it each plugin is checked against the releases its
    own MANIFEST window admits (the result says which).

.PARAMETER Strict
    Fail on warnings too (as -warnaserror does), e.g. when the Python checks could not run.

.PARAMETER ReportFolder
    Where the reports go; by default ./spsplugin-reports.

.PARAMETER ModulePath
    The SpsPlugin module to import.
#>
param(
    [string] $BundleFolder = (Join-Path $PSScriptRoot 'plugins'),
    [string] $TargetSpsVersion,
    [switch] $Strict,
    [string] $ReportFolder = (Join-Path (Get-Location) 'spsplugin-reports'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = New-Item -ItemType Directory -Force -Path $ReportFolder

# Formats and paths pair by position; GitHub has no path, so its annotations go to the job log.
$formats = @('Junit', 'Sarif')
$paths = @((Join-Path $ReportFolder 'results.xml'), (Join-Path $ReportFolder 'results.sarif'))
if ($env:GITHUB_ACTIONS -eq 'true') { $formats += 'GitHub' }

$test = @{ LiteralPath = $BundleFolder; Detailed = $true; Strict = $Strict; OutputFormat = $formats; OutputPath = $paths }
if ($TargetSpsVersion) { $test.TargetSpsVersion = $TargetSpsVersion }
# -Detailed: one result per bundle, clean ones included, so every line below names its bundle.
$results = @(Test-SpsPluginBundle @test)

foreach ($result in $results) {
    $result.ToString()
    # A failed bundle lists what makes it fail, each with its file, line and fix.
    foreach ($finding in $result.Failures) { "    $finding" }
}
$failed = @($results | Where-Object { -not $_.Passed }).Count
'{0} bundle(s) validated{1}: {2} failed. Reports in {3}' -f $results.Count, ($(if ($Strict) { ' (strict)' })), $failed, $ReportFolder
exit ([int]($failed -gt 0))
