#requires -Version 7
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

# 3b. Test-SpsPluginConfig's checks judge every value as the SDK reads it (interpolated, by its getter),
# and a [DEFAULT] option in every section that inherits it: 5,000 sections inheriting 5,000 options
# must not cost 25 million reads.
$ms = Measure-Median { $null = [SpsPlugin.SpsPluginConfigRules]::Check($config) } 9
Write-Figure 'Check the 1 MB configuration' $ms 150
$wide = [SpsPlugin.SpsPluginConfig]::Parse("[DEFAULT]`n" + (-join (0..4999 | ForEach-Object { "d$_ = yes`n" })) + (-join (0..4999 | ForEach-Object { "[s$_]`nown = $_`n" })))
$ms = Measure-Median { $null = [SpsPlugin.SpsPluginConfigRules]::Check($wide) } 9
Write-Figure 'Check 5,000 sections inheriting 5,000 [DEFAULT] options' $ms 150

# 3c. An administrator's batch through the cmdlets: 500 policy files (a corpus-sized default.cfg each),
# one option set in every file (written atomically), then every file tested.
$policyFolder = Join-Path ([System.IO.Path]::GetTempPath()) ('spsplugin-bench-policies-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $policyFolder
$policy = "[logging]`nlog_level = info`n`n[auth]`n; max_attempts=3`nprompt = Ticket?`n`n[duo]`n; ikey=<ikey>`nskey = `$`n"
foreach ($n in 1..500) { [System.IO.File]::WriteAllText((Join-Path $policyFolder "policy-$n.cfg"), $policy) }
$files = (Get-ChildItem $policyFolder -Filter *.cfg).FullName
# Each run flips the value, so every run writes all 500 files.
$script:level = 'debug'
$ms = Measure-Median { $script:level = ('debug', 'error')[$script:level -eq 'debug']; Set-SpsPluginConfig -LiteralPath $files -Section logging -Name log_level -Value $script:level -Confirm:$false } 5
Write-Figure 'Set one option in 500 policy files (Set-SpsPluginConfig)' $ms 1000
$ms = Measure-Median { $null = Test-SpsPluginConfig -LiteralPath $files } 5
Write-Figure 'Test 500 policy files (Test-SpsPluginConfig)' $ms 1000
Remove-Item -LiteralPath $policyFolder -Recurse -Force

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
    # Bundles per second through ValidateMany, the way Test-SpsPluginBundle validates many: with the
    # Python checks, one interpreter process checks a batch of bundles.
    function Measure-Rate([string[]] $Paths, $Options) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = @([SpsPlugin.SpsPluginValidator]::ValidateMany($Paths, $Options))
        $Paths.Count / $watch.Elapsed.TotalSeconds
    }
    $rate = Measure-Rate $zips $noPython
    '{0,-58} {1,8:N0} /s   goal >= 1,500 /s   {2}' -f 'Validate 1,000 small bundles, no Python', $rate, $(if ($rate -ge 1500) { 'ok' } else { 'UNDER GOAL' })

    # With the Python checks: one interpreter per bundle, against starting Python and parsing the same files.
    $python = [SpsPlugin.PythonLocator]::Find($null)
    if ($python) {
        $withPython = [SpsPlugin.SpsPluginValidationOptions]@{ UsePython = $true; TargetRelease = [SpsPlugin.SpsRelease]::Find('8.0') }
        $files = (Get-ChildItem $example -Recurse -Filter *.py).FullName
        $parse = "import ast,sys`nfor f in sys.argv[1:]: ast.parse(open(f).read())"
        $baseline = Measure-Median { & $python -I -S -c $parse @files } 9
        $ms = Measure-Median { $null = [SpsPlugin.SpsPluginValidator]::Validate($smallZip, $withPython) } 9
        '{0,-58} {1,8:N2} ms   goal <= 1.3 x {2:N2} ms = {3:N2} ms (python -c start + parse)   {4}' -f 'Validate the example zip with the Python checks', $ms, $baseline, (1.3 * $baseline), $(if ($ms -le 1.3 * $baseline) { 'ok' } else { 'OVER GOAL' })
        # One batch first, as the no-Python rate has its 50 warm-up bundles: the figure is the steady rate, not the JIT's.
        $null = @([SpsPlugin.SpsPluginValidator]::ValidateMany([string[]]$zips[0..63], $withPython))
        $batched = Measure-Rate $zips $withPython
        '{0,-58} {1,8:N0} /s   goal >= 300 /s   {2}' -f 'Validate 1,000 small bundles with the Python checks', $batched, $(if ($batched -ge 300) { 'ok' } else { 'UNDER GOAL' })
        # One process per bundle, as before batching: 100 bundles, one ValidateMany call each.
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        foreach ($zip in $zips[0..99]) { $null = [SpsPlugin.SpsPluginValidator]::Validate($zip, $withPython) }
        $alone = 100 / $watch.Elapsed.TotalSeconds
        '{0,-58} {1,8:N0} /s   batched is {2:N1} x faster' -f '  the same, one interpreter per bundle (100 bundles)', $alone, ($batched / $alone)
    }
    else {
        'No Python interpreter: the Python-check figure is skipped.'
    }
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

# 5. Packing: a tree of about 12 MB and 800 files (Python's own pure-Python stdlib packages as
#    "vendored dependencies"), packed by SpsPlugin in-process and by zip -6, Python's zipfile
#    (deflate 6) and Compress-Archive, as ratios of zip's time and size.
$python = [SpsPlugin.PythonLocator]::Find($null)
$work = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-pack-bench-$PID"
try {
    $tree = Join-Path $work 'plugin'
    Copy-Item -Recurse (Join-Path $PSScriptRoot '../examples/plugins/ticket_gate') $tree
    $stdlib = if ($python) { (& $python -c "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Trim() }
    $bytes = 0; $files = 0
    if ($stdlib -and (Test-Path $stdlib)) {
        $candidates = Get-ChildItem $stdlib -Directory | Where-Object Name -NotMatch '^(test|tests|tkinter|turtledemo|__pycache__|site-packages|dist-packages|config-.*|ensurepip)$' | Sort-Object Name
        foreach ($package in $candidates) {
            if ($bytes -ge 12MB -or $files -ge 800) { break }
            foreach ($file in Get-ChildItem $package.FullName -Recurse -File -Filter *.py | Where-Object FullName -NotMatch '[\\/](__pycache__|tests?)[\\/]') {
                $relative = $file.FullName.Substring($stdlib.Length + 1)
                $target = Join-Path $tree "vendor/$relative"
                $null = New-Item -ItemType Directory -Force -Path (Split-Path $target)
                Copy-Item $file.FullName $target
                $bytes += $file.Length; $files++
            }
        }
        foreach ($file in Get-ChildItem $stdlib -File -Filter *.py | Sort-Object Length -Descending) {
            if ($bytes -ge 12MB -or $files -ge 800) { break }
            Copy-Item $file.FullName (Join-Path $tree "vendor/$($file.Name)")
            $bytes += $file.Length; $files++
        }
    }
    "Packing benchmark tree: {0:N0} files, {1:N1} MB (stdlib from {2})" -f ((Get-ChildItem $tree -Recurse -File).Count), ((Get-ChildItem $tree -Recurse -File | Measure-Object Length -Sum).Sum / 1MB), $stdlib

    $options = [SpsPlugin.SpsPluginPackOptions]@{ SkipValidation = $true; Overwrite = $true; DestinationPath = (Join-Path $work 'ours.zip') }
    $pack = { $null = [SpsPlugin.SpsPluginPacker]::Write([SpsPlugin.SpsPluginPacker]::Plan($tree, $options), $options) }
    $zipTime = $null
    if (Get-Command zip -ErrorAction SilentlyContinue) {
        # Pairs in one run, alternating, so a burst of load from elsewhere hits both sides alike.
        $zip = { Remove-Item -ErrorAction SilentlyContinue (Join-Path $work 'zip.zip'); Push-Location $tree; try { zip -qr -6 (Join-Path $work 'zip.zip') . } finally { Pop-Location } }
        foreach ($warmUp in 1..5) { & $pack }
        & $zip
        $pairs = foreach ($run in 1..9) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew(); & $pack; $oursRun = $watch.Elapsed.TotalMilliseconds
            $watch.Restart(); & $zip; [pscustomobject]@{ Ours = $oursRun; Zip = $watch.Elapsed.TotalMilliseconds }
        }
        $ours = ($pairs.Ours | Sort-Object)[4]
        $zipTime = ($pairs.Zip | Sort-Object)[4]
        $zipSize = (Get-Item (Join-Path $work 'zip.zip')).Length
    }
    else {
        $ours = Measure-Median $pack 5
    }
    $firstHash = (Get-FileHash (Join-Path $work 'ours.zip')).Hash
    & $pack
    $sameBytes = (Get-FileHash (Join-Path $work 'ours.zip')).Hash -eq $firstHash
    $oursSize = (Get-Item (Join-Path $work 'ours.zip')).Length

    Push-Location $tree
    try {
        $pythonTime = if ($python) {
            $script = "import os, sys, zipfile`nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:`n    for d, _, fs in os.walk('.'):`n        for f in fs: z.write(os.path.join(d, f))"
            Measure-Median { & $python -c $script (Join-Path $work 'python.zip') } 5
        }
        $archiveTime = Measure-Median { Compress-Archive -Path (Join-Path $tree '*') -DestinationPath (Join-Path $work 'archive.zip') -CompressionLevel Optimal -Force } 3
    }
    finally { Pop-Location }

    if ($zipTime) {
        '{0,-58} {1,8:N0} ms   {2:N2}x zip -6 ({3:N0} ms, pairs)   goal <= 0.50x   {4}' -f "Compress-SpsPluginBundle (in-process, $([Environment]::ProcessorCount) cores)", $ours, ($ours / $zipTime), $zipTime, $(if ($ours -le 0.5 * $zipTime) { 'ok' } else { 'OVER GOAL' })
        '{0,-58} {1,8:N2}x zip -6 ({2:N0} vs {3:N0} bytes)   goal <= 1.0x   {4}' -f 'Size', ($oursSize / $zipSize), $oursSize, $zipSize, $(if ($oursSize -le $zipSize) { 'ok' } else { 'OVER GOAL' })
        if ($pythonTime) { '{0,-58} {1,8:N0} ms   {2:N2}x zip -6' -f 'Python zipfile, deflate 6 (with interpreter start)', $pythonTime, ($pythonTime / $zipTime) }
        '{0,-58} {1,8:N0} ms   {2:N2}x zip -6' -f 'Compress-Archive -CompressionLevel Optimal', $archiveTime, ($archiveTime / $zipTime)
    }
    else {
        "zip (Info-ZIP) is not installed: ratios skipped. Compress-SpsPluginBundle $([math]::Round($ours)) ms, Compress-Archive $([math]::Round($archiveTime)) ms."
    }

    # Where the time goes: each step of a pack alone, on one thread (the writer's CRC-32 and its
    # one-thread mode are internal, reached by reflection), against the pack as it runs. Selection,
    # the write of the finished zip (temp file, fsync, rename) and opening the result (its SHA-256)
    # are serial; reading, CRC and deflate run on every core, so the floor is serial + parallel / cores.
    $core = [SpsPlugin.SpsPluginPacker].Assembly
    $crc = $core.GetType('SpsPlugin.Bundles.Crc32', $true).GetMethod('Update')
    $writer = $core.GetType('SpsPlugin.Packing.DeterministicZipWriter', $true).GetMethod('Write')
    $plan = [SpsPlugin.SpsPluginPacker]::Plan($tree, $options)
    $sources = [string[]]@($plan.Entries.SourcePath)
    $contents = [System.Collections.Generic.List[byte[]]]::new()
    foreach ($source in $sources) { $contents.Add([System.IO.File]::ReadAllBytes($source)) }
    $zipBytes = [System.IO.File]::ReadAllBytes((Join-Path $work 'ours.zip'))
    # The packer's own reader as the content delegate: a script block would have to run on the pool's threads.
    $read = [Delegate]::CreateDelegate([Func[SpsPlugin.SpsPluginPackEntry, byte[]]], [SpsPlugin.SpsPluginPacker].GetMethod('ReadSource', [System.Reflection.BindingFlags]'NonPublic, Static'))
    $epoch = [datetime]::new(1980, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
    $writeWith = { param($workers) $sink = [System.IO.MemoryStream]::new(); $null = $writer.Invoke($null, @($sink, $plan.Entries, $read, $epoch, $null, [System.IO.Compression.CompressionLevel]::Optimal, $workers)) }
    $steps = [ordered]@{
        'selection (Plan)' = Measure-Median { $null = [SpsPlugin.SpsPluginPacker]::Plan($tree, $options) } 9
        'reading' = Measure-Median { foreach ($source in $sources) { $null = [System.IO.File]::ReadAllBytes($source) } } 9
        'CRC-32' = Measure-Median { foreach ($content in $contents) { $null = $crc.Invoke($null, @([uint32]0, $content, 0, $content.Length)) } } 9
        'deflate' = Measure-Median { foreach ($content in $contents) { $deflate = [System.IO.Compression.DeflateStream]::new([System.IO.MemoryStream]::new(), [System.IO.Compression.CompressionLevel]::Optimal); $deflate.Write($content, 0, $content.Length); $deflate.Dispose() } } 9
        'zip writer, 1 thread' = Measure-Median { & $writeWith 1 } 5
        'zip writer, all cores' = Measure-Median { & $writeWith $null } 5
        'temp file + fsync + rename' = Measure-Median { [SpsPlugin.IO.AtomicFile]::WriteAllBytes((Join-Path $work 'atomic.zip'), $zipBytes, $true) } 9
        'opening the result (SHA-256, directory)' = Measure-Median { $null = [SpsPlugin.SpsPluginBundle]::Open((Join-Path $work 'ours.zip')) } 9
    }
    $serial = $steps['selection (Plan)'] + $steps['temp file + fsync + rename'] + $steps['opening the result (SHA-256, directory)']
    $floor = $serial + ($steps['reading'] + $steps['CRC-32'] + $steps['deflate']) / [Environment]::ProcessorCount
    'Packing, where the time goes (medians, one step at a time): ' + (($steps.GetEnumerator() | ForEach-Object { '{0} {1:N1} ms' -f $_.Key, $_.Value }) -join '; ')
    '{0,-58} {1,8:N0} ms   floor {2:N0} ms (serial {3:N0} + parallel / {4} cores), writer speed-up {5:N2}x' -f 'Compress-SpsPluginBundle against its floor', $ours, $floor, $serial, [Environment]::ProcessorCount, ($steps['zip writer, 1 thread'] / $steps['zip writer, all cores'])
    # Without -SkipValidation the pack validates first; zip does not, so it is not in the ratio. One
    # timed run with the Python checks: they take seconds on a tree of vendored packages.
    $validated = [SpsPlugin.SpsPluginPackOptions]@{ Validation = [SpsPlugin.SpsPluginValidationOptions]@{ UsePython = $false } }
    $withoutPython = Measure-Median { $null = [SpsPlugin.SpsPluginPacker]::Plan($tree, $validated) } 3
    $validated.Validation.UsePython = $true
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $null = [SpsPlugin.SpsPluginPacker]::Plan($tree, $validated)
    '{0,-58} {1,8:N0} ms   without Python {2:N0} ms (selection included; not in the ratio: zip does not validate)' -f 'Validation before packing, with the Python checks', $watch.Elapsed.TotalMilliseconds, $withoutPython
    "Same bytes on two runs: $sameBytes"

    # Peak memory: a fresh process packs the 5-file example, half the tree, and the tree; the
    # high-water mark (VmHWM) of each, median of three runs. A small gen0 budget (DOTNET_GCgen0size)
    # makes the collector run often, so the mark shows live data rather than uncollected garbage.
    if (Test-Path /proc/self/status) {
        $half = Join-Path $work 'half'
        Copy-Item -Recurse $tree $half
        $vendored = @(Get-ChildItem (Join-Path $half 'vendor') -Recurse -File | Sort-Object FullName)
        $vendored | Select-Object -Skip ([int]($vendored.Count / 2)) | Remove-Item
        $peak = foreach ($folder in (Join-Path $PSScriptRoot '../examples/plugins/ticket_gate'), $half, $tree) {
            $runs = foreach ($run in 1..3) {
                $command = "Import-Module '$ModulePath'; `$o = [SpsPlugin.SpsPluginPackOptions]@{ SkipValidation = `$true; Overwrite = `$true; DestinationPath = '$(Join-Path $work 'peak.zip')' }; " +
                    "`$null = [SpsPlugin.SpsPluginPacker]::Write([SpsPlugin.SpsPluginPacker]::Plan('$folder', `$o), `$o); " +
                    "(Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', ''"
                $env:DOTNET_GCgen0size = '0x100000'
                try { [int64](& dotnet tool run pwsh -NoProfile -NonInteractive -Command $command) * 1KB } finally { Remove-Item Env:DOTNET_GCgen0size }
            }
            ($runs | Sort-Object)[1]
        }
        'Peak memory (VmHWM, median of 3): example {0:N0} MB, half the tree {1:N0} MB, the tree {2:N0} MB (the tree is {3:N1} MB): {4}' -f ($peak[0] / 1MB), ($peak[1] / 1MB), ($peak[2] / 1MB), ($bytes / 1MB),
            $(if ($peak[2] - $peak[1] -lt $bytes / 2) { 'it does not grow with the tree' } else { 'it GROWS with the tree' })
    }
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

# 6. Simulation: one hook call through Invoke-SpsPluginHook's engine against a bare start of the
#    same interpreter importing what the host used to need (the issue's yardstick), measured in
#    interleaved pairs (load on a shared machine moves both alike), with where the time goes; and a
#    3-question NEEDINFO flow (6 hook calls).
$python = [SpsPlugin.PythonLocator]::Find($null)
if ($python) {
    # Compiled, so that no PowerShell interpretation is timed with the yardstick (the engine is compiled too).
    Add-Type -TypeDefinition @'
public static class BenchPython
{
    // environment: null to inherit this process's, else exactly these variables.
    public static string Run(string python, string[] arguments, string input, System.Collections.Generic.IDictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) { start.ArgumentList.Add(argument); }
        if (environment != null)
        {
            start.Environment.Clear();
            foreach (var pair in environment) { start.Environment[pair.Key] = pair.Value; }
        }
        using var process = System.Diagnostics.Process.Start(start);
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return errors.Result;
    }

    // The engine's private workspace for one call (internal: through reflection, outside the timed part's PowerShell).
    public static void Workspace(System.Type workspaceType, string plugin)
    {
        var workspace = (System.IDisposable)workspaceType.GetMethod("Create").Invoke(null, null);
        workspaceType.GetMethod("Prepare").Invoke(workspace, new object[] { plugin, null });
        workspace.Dispose();
    }
}
'@
    # The yardstick runs as the issue measured it; what the breakdown compares with the engine gets the engine's environment.
    $engineEnvironment = [SpsPlugin.PythonEnvironment]::Minimal()
    function Invoke-Python([string[]] $Arguments, [string] $InputText) { [BenchPython]::Run($python, $Arguments, $InputText, $engineEnvironment) }
    # Each action once per round, round after round: every action's times, in round order.
    function Measure-Interleaved([System.Collections.Specialized.OrderedDictionary] $Actions, [int] $Runs = 21) {
        foreach ($warmUp in 1..3) { foreach ($action in $Actions.Values) { $null = & $action } }
        $times = @{}
        foreach ($name in $Actions.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
        foreach ($run in 1..$Runs) {
            foreach ($name in $Actions.Keys) {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $null = & $Actions[$name]
                $times[$name].Add($watch.Elapsed.TotalMilliseconds)
            }
        }
        $times
    }
    function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)] }
    $plugin = (Resolve-Path (Join-Path $PSScriptRoot '../examples/plugins/ticket_gate')).Path
    $configuration = [System.IO.File]::ReadAllText((Join-Path $plugin 'default.cfg'))
    $request = [SpsPlugin.SpsPluginHookRequest]@{ PluginPath = $plugin; Hook = 'authenticate'; Configuration = $configuration }
    $request.Arguments = [SpsPlugin.SpsPluginHookArguments]::For('authenticate', [SpsPlugin.SpsPluginConnection]::For('ssh'))
    # The host run directly, as the engine starts it, with the request it would send.
    $core = [SpsPlugin.SpsPluginHookRunner].Assembly
    $reader = [System.IO.StreamReader]::new($core.GetManifestResourceStream('SpsPlugin.hook_host.py'))
    $hostScript = $reader.ReadToEnd()
    $reader.Dispose()
    $hostRequest = @{ folder = $plugin; entry = 'main.py'; configuration = $configuration; hook = $request.Hook; arguments = $request.Arguments } | ConvertTo-Json -Depth 10 -Compress
    $hostWork = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bench-host-$PID"
    $null = New-Item -ItemType Directory -Force $hostWork
    $hostResult = Join-Path $hostWork 'result.json'
    function Invoke-Host([string[]] $Flags = @()) {
        $log = Invoke-Python ($Flags + @('-B', '-c', $hostScript, $hostWork, $hostResult)) $hostRequest
        if (-not (Test-Path $hostResult)) { throw "The hook host gave no result: $log" }
        Remove-Item -LiteralPath $hostResult
        $log
    }
    $workspaceType = $core.GetType('SpsPlugin.HookWorkspace')
    $pythonProcess = $core.GetType('SpsPlugin.PythonProcess').GetMethod('Run', [type[]]@([string], [string], [string], [TimeSpan]))
    try {
        $hookTimes = Measure-Interleaved ([ordered]@{
            Bare          = { [BenchPython]::Run($python, @('-I', '-c', 'import json, inspect'), '', $null) }
            Hook          = { $null = [SpsPlugin.SpsPluginHookRunner]::Invoke($request, [System.Threading.CancellationToken]::None) }
            Start         = { Invoke-Python @('-B', '-c', 'pass') '' }
            Direct        = { Invoke-Host }
            PythonProcess = { $null = $pythonProcess.Invoke($null, @($python, 'pass', '', [TimeSpan]::FromSeconds(30))) }
            PlainProcess  = { Invoke-Python @('-I', '-S', '-c', 'pass') '' }
            Workspace     = { [BenchPython]::Workspace($workspaceType, $plugin) }
        }) 31
        $hookParts = @{}
        foreach ($name in $hookTimes.Keys) { $hookParts[$name] = Get-Median $hookTimes[$name] }
        # The ratio of each round's pair, then their median: load that moves within the run moves both.
        $hookRatio = Get-Median (0..($hookTimes.Hook.Count - 1) | ForEach-Object { $hookTimes.Hook[$_] / $hookTimes.Bare[$_] })
        # The host's own top-level imports (-X importtime, cumulative), not the plugin's.
        $hostModules = [regex]::Matches($hostScript, '(?m)^\s*(?:import|from) ([\w.]+)') | ForEach-Object { $_.Groups[1].Value }
        $importTimes = foreach ($run in 1..9) {
            $micro = 0
            $started = $false
            foreach ($line in (Invoke-Host @('-X', 'importtime')) -split "`n") {
                # What the interpreter imports up to site is its start, not the host's.
                if ($line -match '^import time:\s+\d+ \|\s+(\d+) \| (\S+)\s*$') {
                    if ($started -and $hostModules -contains $Matches[2]) { $micro += [int]$Matches[1] }
                    $started = $started -or $Matches[2] -eq 'site'
                }
            }
            $micro / 1000
        }
        $hostImports = Get-Median $importTimes
    }
    finally {
        Remove-Item -Recurse -Force $hostWork -ErrorAction SilentlyContinue
    }
    $bare = $hookParts.Bare
    $hook = $hookParts.Hook
    '{0,-58} {1,8:N1} ms   {2:N2}x a bare python3 -I -c "import json, inspect" ({3:N1} ms; median of paired ratios)   goal <= 1.15x   {4}' -f 'One hook call (Invoke-SpsPluginHook engine)', $hook, $hookRatio, $bare, $(if ($hookRatio -le 1.15) { 'ok' } else { 'OVER GOAL' })
    '  where the time goes (medians of interleaved runs; load {0})' -f ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0]
    '  {0,-56} {1,8:N1} ms' -f 'interpreter start as the host runs (python -B -c pass)', $hookParts.Start
    '  {0,-56} {1,8:N1} ms' -f "the host's own imports (-X importtime, cumulative)", $hostImports
    '  {0,-56} {1,8:N1} ms' -f 'host run directly: start, imports, plugin, JSON, clean-up', $hookParts.Direct
    '  {0,-56} {1,8:N1} ms' -f '  of which above the interpreter start', ($hookParts.Direct - $hookParts.Start)
    '  {0,-56} {1,8:N1} ms' -f 'engine around the host (hook call - host run directly)', ($hook - $hookParts.Direct)
    '  {0,-56} {1,8:N1} ms' -f '  workspace: private dir, state dirs, MANIFEST, delete', $hookParts.Workspace
    '  {0,-56} {1,8:N1} ms' -f '  process start, capture, containment (PythonProcess - plain)', ($hookParts.PythonProcess - $hookParts.PlainProcess)
    $flow = Measure-Median {
        $options = [SpsPlugin.SpsPluginSimulationOptions]@{ AaPlugin = $plugin; AaConfiguration = $configuration }
        foreach ($answer in 'wrong-1', 'wrong-2', 'INC0012345') { $options.Answers.Add([System.Collections.Generic.KeyValuePair[string, SpsPlugin.SpsPluginAnswer]]::new('ticket', [SpsPlugin.SpsPluginAnswer]::new($answer, $false))) }
        $result = [SpsPlugin.SpsPluginSimulator]::Run($options, [System.Threading.CancellationToken]::None)
        if ($result.Steps.Count -ne 6 -or $result.Verdict -ne 'ACCEPT') { throw "The 3-question flow took $($result.Steps.Count) steps and ended $($result.Verdict)." }
    } 9
    '{0,-58} {1,8:N1} ms   goal <= 6 x 1.5 x {2:N1} ms = {3:N1} ms   {4}' -f 'A 3-question NEEDINFO flow (6 hook calls)', $flow, $bare, (9 * $bare), $(if ($flow -le 9 * $bare) { 'ok' } else { 'OVER GOAL' })
}
else {
    'No Python interpreter: the simulation figures are skipped.'
}

# 7. Scaffolding: a whole project planned and written (every file compared with the disk first),
#    then validated with the Python checks, as New-SpsPlugin followed by Test-SpsPluginBundle.
$scaffoldRoot = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bench-scaffold-$PID"
try {
    $script:project = 0
    $template = [SpsPlugin.SpsPluginTemplate]::Find('aa-ticket')
    $release = [SpsPlugin.SpsRelease]::Find('7.4')
    $ms = Measure-Median {
        $script:project += 1
        $options = [SpsPlugin.SpsPluginScaffoldOptions]@{ Name = "bench_$script:project"; Template = $template; ParentPath = $scaffoldRoot; Release = $release }
        foreach ($file in [SpsPlugin.SpsPluginScaffolder]::Plan($options)) { [SpsPlugin.SpsPluginScaffolder]::Write($file, $false) }
    }
    Write-Figure 'Scaffold an aa-ticket project (13 files)' $ms 50
    $validation = [SpsPlugin.SpsPluginValidationOptions]@{ TargetRelease = $release }
    $ms = Measure-Median { if (-not [SpsPlugin.SpsPluginValidator]::Validate((Join-Path $scaffoldRoot 'bench_1'), $validation).IsValid) { throw 'The scaffolded project does not validate.' } } 9
    Write-Figure 'Validate the scaffolded project (with the Python checks)' $ms 500
}
finally {
    Remove-Item -Recurse -Force $scaffoldRoot -ErrorAction SilentlyContinue
}

# 8. Timeouts in a row: 100 hook calls, each starting a child and then hanging past a 0.15 s deadline.
#    The suite checks 10 (HookRunnerTests); at 100 a leak of one process in a hundred would show.
$python = [SpsPlugin.PythonLocator]::Find($null)
if ($python -and (Test-Path /proc)) {
    $hang = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bench-hang-$PID"
    try {
        Copy-Item -Recurse (Join-Path $PSScriptRoot '../examples/plugins/ticket_gate') $hang
        $marker = "302.$PID"
        Set-Content (Join-Path $hang 'ticket_gate/plugin.py') "import subprocess, time`nclass Plugin(object):`n    def __init__(self, configuration):`n        pass`n    def authenticate(self):`n        subprocess.Popen(['sleep', '$marker'])`n        time.sleep(300)`n"
        $request = [SpsPlugin.SpsPluginHookRequest]@{ PluginPath = $hang; Hook = 'authenticate'; Timeout = [timespan]::FromSeconds(0.15) }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $results = foreach ($call in 1..100) { [SpsPlugin.SpsPluginHookRunner]::Invoke($request, [System.Threading.CancellationToken]::None) }
        $timedOut = @($results | Where-Object TimedOut).Count
        $elapsed = $watch.Elapsed.TotalSeconds
        Start-Sleep -Milliseconds 200
        $left = @(Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$' |
                Where-Object { (Get-Content (Join-Path $_.FullName 'cmdline') -Raw -ErrorAction SilentlyContinue) -match [regex]::Escape($marker) }).Count
        '{0,-58} {1,8:N1} s    {2} timed out, {3} processes left   goal: 100 and 0   {4}' -f '100 hanging hooks with a child, 0.15 s deadline each', $elapsed, $timedOut, $left, $(if ($timedOut -eq 100 -and $left -eq 0) { 'ok' } else { 'FAILED' })
    }
    finally {
        Remove-Item -Recurse -Force $hang -ErrorAction SilentlyContinue
    }
}
else {
    'No Python or no /proc: the timeouts-in-a-row figure is skipped.'
}

# 9. Publishing one 5 MB bundle to 10 appliances (SPS doubles on loopback): sequentially, one
#    Publish-SpsPluginBundle over 10 sessions, and in parallel, ForEach-Object -Parallel over the same sessions.
. (Join-Path $PSScriptRoot '../tests/pester/SpsDouble.ps1')
try { $null = Find-SpsDoubleAssembly }
catch { & dotnet build (Join-Path $PSScriptRoot '../tests/SpsPlugin.SpsDouble') -c Release --nologo -v quiet -tl:off | Out-Null }
$publishWork = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-bench-publish-$PID"
$doubles = @()
try {
    $plugin = Join-Path $publishWork 'ticket_gate'
    Copy-Item -Recurse (Join-Path $PSScriptRoot '../examples/plugins/ticket_gate') $plugin
    $noise = [byte[]]::new(5MB)
    [System.Random]::new(9).NextBytes($noise)
    [System.IO.File]::WriteAllBytes((Join-Path $plugin 'payload.bin'), $noise)
    $zip = (Compress-SpsPluginBundle -LiteralPath $plugin -DestinationPath "$publishWork/" -SkipValidation -Confirm:$false).Path
    $doubles = @(1..10 | ForEach-Object { Start-SpsDouble })
    $sessions = @($doubles | ForEach-Object { Connect-SpsPluginAppliance $_.Appliance -Credential $_.Credential -TrustedCertificate $_.CaCertificatePath -NoDefault })
    # The doubles report no checksum (as SPS documents none), so every publish uploads.
    $sequential = Measure-Command { $null = Publish-SpsPluginBundle -LiteralPath $zip -Session $sessions -Confirm:$false -ProgressAction SilentlyContinue }
    $parallel = Measure-Command {
        $null = $sessions | ForEach-Object -ThrottleLimit 10 -Parallel {
            # A fresh runspace imports the module itself: part of what a parallel script pays.
            Import-Module $using:ModulePath
            Publish-SpsPluginBundle -LiteralPath $using:zip -Session $_ -Confirm:$false -ProgressAction SilentlyContinue
        }
    }
    $size = (Get-Item $zip).Length / 1MB
    '{0,-58} {1,8:N2} s' -f ("Publish a {0:N1} MB bundle to 10 appliances, sequentially" -f $size), $sequential.TotalSeconds
    '{0,-58} {1,8:N2} s' -f ("Publish a {0:N1} MB bundle to 10 appliances, in parallel" -f $size), $parallel.TotalSeconds
    '{0,-58} {1,8:N2} x  (on {2} cores; the doubles share them)' -f 'Parallel speed-up', ($sequential.TotalSeconds / $parallel.TotalSeconds), [Environment]::ProcessorCount
}
finally {
    $doubles | Stop-SpsDouble
    Remove-Item -Recurse -Force $publishWork -ErrorAction SilentlyContinue
}
