<#
.SYNOPSIS
    Prints SpsPlugin's performance figures. Run by `dotnet pwsh ./build.ps1 -Task Bench` in a fresh pwsh.

.DESCRIPTION
    Each figure is the median of several timed runs after a warm-up, measured in-process through
    the built module's Core types, with its goal beside it. Timing goals live here, not in tests.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Corpus = (Join-Path $PSScriptRoot '../../shared/corpus')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath

function Measure-Median([scriptblock] $Action, [int] $Runs = 15) {
    # Warm up until the JIT has compiled the hot paths at full optimisation (tiered compilation),
    # as they are in a pipeline that processes many files.
    foreach ($warmUp in 1..5) { & $Action | Out-Null }
    $times = foreach ($run in 1..$Runs) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        & $Action | Out-Null
        $watch.Elapsed.TotalMilliseconds
    }
    ($times | Sort-Object)[[int][math]::Floor($Runs / 2)]
}

function Write-Figure([string] $Name, [double] $Milliseconds, [double] $Goal) {
    $verdict = if ($Milliseconds -le $Goal) { 'ok' } else { 'OVER GOAL' }
    '{0,-58} {1,8:N2} ms   goal <= {2} ms   {3}' -f $Name, $Milliseconds, $Goal, $verdict
}

"SpsPlugin benchmarks ($([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), $([Environment]::ProcessorCount) cores)"

# 1. Every real default.cfg of the corpus, parsed in-process.
$corpusTexts = @()
if (Test-Path $Corpus) {
    $corpusTexts = @(Get-ChildItem $Corpus -Recurse -File -Filter 'default.cfg*' | ForEach-Object { [System.IO.File]::ReadAllText($_.FullName) })
    $ms = Measure-Median { foreach ($text in $corpusTexts) { $null = [SpsPlugin.SpsPluginConfig]::Parse($text).Options } }
    Write-Figure "Parse all $($corpusTexts.Count) corpus default.cfg files" $ms 20
}
else {
    "Corpus not found at ${Corpus}: corpus figure skipped."
}

# 2. A 1 MB configuration: realistic sections (comments, templates, options, continuations) repeated.
$block = @'
[service-{0}]
# Connection data for backend {0}.
; api_key=<api-key>
address=https://backend-{0}.example.com:8443/api
timeout=60
ca_cert = -----BEGIN CERTIFICATE-----
 MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ
 -----END CERTIFICATE-----
use_credential=gateway

'@
$builder = [System.Text.StringBuilder]::new()
$i = 0
while ($builder.Length -lt 1MB) { $null = $builder.AppendFormat($block, $i++) }
$big = $builder.ToString()
$ms = Measure-Median { $null = [SpsPlugin.SpsPluginConfig]::Parse($big).Options } 9
Write-Figure ("Parse a {0:N0} KB configuration ({1:N0} sections)" -f ($big.Length / 1KB), $i) $ms 50

# 3. Set touches only the changed lines.
$config = [SpsPlugin.SpsPluginConfig]::Parse($big)
$edited = $config.Set('service-500', 'timeout', '30')
$before = $config.Text.Split("`n")
$after = $edited.Text.Split("`n")
$changed = @(0..($before.Count - 1) | Where-Object { $before[$_] -cne $after[$_] }).Count
"Set [service-500] timeout on the 1 MB configuration: {0} of {1:N0} lines changed (goal: 1)" -f $changed, $before.Count
$ms = Measure-Median { $null = $config.Set('service-500', 'timeout', '30') } 9
Write-Figure 'Set one option in the 1 MB configuration (edit and re-read)' $ms 100
