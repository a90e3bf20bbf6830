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

# 4. Bundle validation, in-process, without the Python checks.
$work = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bench-$PID"
$null = New-Item -ItemType Directory -Force -Path $work
try {
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $example = Join-Path $PSScriptRoot '../examples/plugins/ticket_gate'
    $noPython = [SpsPlugin.SpsPluginValidationOptions]@{ UsePython = $false; TargetRelease = [SpsPlugin.SpsRelease]::Find('8.0') }

    # A bundle of about 19 MB unpacked: the example plugin plus 760 vendored modules of 25 KB each.
    $big = Join-Path $work 'big'
    Copy-Item -Recurse $example $big
    $random = [System.Random]::new(7)
    $line = "def function_{0}(argument_{1}, value={2}):`n    return argument_{1} * {2} + {3}  # {4}`n"
    foreach ($module in 1..760) {
        $text = [System.Text.StringBuilder]::new()
        while ($text.Length -lt 25KB) { $null = $text.AppendFormat($line, $random.Next(), $random.Next(100), $random.Next(1000), $random.Next(), [guid]::NewGuid()) }
        $folder = Join-Path $big ("vendor/package_{0}" -f ($module % 40))
        $null = New-Item -ItemType Directory -Force -Path $folder
        [System.IO.File]::WriteAllText((Join-Path $folder "module_$module.py"), $text.ToString())
    }
    $bigZip = Join-Path $work 'big.zip'
    [System.IO.Compression.ZipFile]::CreateFromDirectory($big, $bigZip)
    $bundle = [SpsPlugin.SpsPluginBundle]::Open($bigZip)
    $ms = Measure-Median { $null = [SpsPlugin.SpsPluginValidator]::Validate($bigZip, $noPython) } 9
    Write-Figure ("Validate a {0:N1} MB bundle ({1:N0} files, zip {2:N1} MB), no Python" -f ($bundle.TotalSize / 1MB), $bundle.FileCount, ($bundle.FileSize / 1MB)) $ms 50

    # Every MANIFEST of the corpus, each in a small plugin folder, through the manifest rules.
    if (Test-Path $Corpus) {
        $folders = foreach ($manifest in Get-ChildItem $Corpus -Recurse -File -Filter 'MANIFEST*') {
            $folder = Join-Path $work ('corpus-' + [guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $folder
            Copy-Item $manifest.FullName (Join-Path $folder 'MANIFEST')
            Copy-Item (Join-Path $example 'main.py') $folder
            $folder
        }
        $manifestRules = [SpsPlugin.SpsPluginValidationOptions]@{ UsePython = $false; IncludeRules = [string[]]@('Manifest*') }
        $ms = Measure-Median { foreach ($folder in $folders) { $null = [SpsPlugin.SpsPluginValidator]::Validate($folder, $manifestRules) } } 9
        Write-Figure "Validate all $(@($folders).Count) corpus manifests (manifest rules)" $ms 100
    }

    # 1,000 small bundles: copies of the example plugin's zip.
    $smallZip = Join-Path $work 'small.zip'
    [System.IO.Compression.ZipFile]::CreateFromDirectory((Resolve-Path $example).Path, $smallZip)
    $smallFolder = Join-Path $work 'small'
    $null = New-Item -ItemType Directory -Path $smallFolder
    $zips = foreach ($i in 1..1000) { $copy = Join-Path $smallFolder "plugin_$i.zip"; Copy-Item $smallZip $copy; $copy }
    foreach ($zip in $zips[0..49]) { $null = [SpsPlugin.SpsPluginValidator]::Validate($zip, $noPython) }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($zip in $zips) { $null = [SpsPlugin.SpsPluginValidator]::Validate($zip, $noPython) }
    $rate = 1000 / $watch.Elapsed.TotalSeconds
    '{0,-58} {1,8:N0} /s   goal >= 200 /s   {2}' -f 'Validate 1,000 small bundles, no Python', $rate, $(if ($rate -ge 200) { 'ok' } else { 'UNDER GOAL' })

    # With the Python checks: one interpreter per bundle, against starting Python and parsing the same files.
    $python = [SpsPlugin.PythonLocator]::Find($null)
    if ($python) {
        $withPython = [SpsPlugin.SpsPluginValidationOptions]@{ UsePython = $true; TargetRelease = [SpsPlugin.SpsRelease]::Find('8.0') }
        $files = (Get-ChildItem $example -Recurse -Filter *.py).FullName
        $parse = "import ast,sys`nfor f in sys.argv[1:]: ast.parse(open(f).read())"
        $baseline = Measure-Median { & $python -I -S -c $parse @files } 9
        $ms = Measure-Median { $null = [SpsPlugin.SpsPluginValidator]::Validate($smallZip, $withPython) } 9
        '{0,-58} {1,8:N2} ms   goal <= 1.3 x {2:N2} ms = {3:N2} ms (python -c start + parse)   {4}' -f 'Validate the example zip with the Python checks', $ms, $baseline, (1.3 * $baseline), $(if ($ms -le 1.3 * $baseline) { 'ok' } else { 'OVER GOAL' })
    }
    else {
        'No Python interpreter: the Python-check figure is skipped.'
    }
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
