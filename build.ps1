#requires -Version 7
<#
.SYNOPSIS
    Builds, tests and demonstrates SpsPlugin.

.DESCRIPTION
    Run it with the pinned PowerShell tool:  dotnet tool restore; dotnet pwsh ./build.ps1 [-Task <name>]

    Demo   (default) build, then run examples/quickstart.ps1 against the built module.
    Build  compile and lay out an importable module in out/SpsPlugin/.
    Package  build, then publish out/SpsPlugin/ as a .nupkg to the local repository folder out/package/.
    Test   build, run xunit (Core) on .NET 10 and on net472 under Mono (the .NET Framework API set of Windows
           PowerShell 5.1), then Pester (cmdlets, in a fresh pwsh); print "N passed, N failed, N skipped".
           Without mono the net472 run counts as 1 skipped and says so; with CI=true it fails instead.
    Bench  build, then print the performance figures (tools/Bench.ps1) and write out/bench/summary.json.
    Clean  remove out/ and every bin/ and obj/ folder.

.PARAMETER Task
    Which task to run.

.PARAMETER Configuration
    The .NET build configuration (Release by default).

.PARAMETER Baseline
    Bench only: the out/bench/summary.json of an earlier run (copy it away first); the change of every figure is printed.
#>
[CmdletBinding()]
param(
    [ValidateSet('Demo', 'Build', 'Package', 'Test', 'Bench', 'Clean')]
    [string] $Task = 'Demo',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: a summary.json of an earlier run to compare every figure with.
    [string] $Baseline
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if ($env:CI) { $PSStyle.OutputRendering = 'PlainText' }

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'SpsPlugin'
$resultsDir = Join-Path $out 'test-results'

function Invoke-Native {
    # Runs a native command and throws when it fails, so no failure is ever silently ignored.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Pwsh {
    # A fresh pwsh from the same pinned tool: a loaded binary module cannot be unloaded, so tests,
    # help generation and the demo each get their own process.
    param([string[]] $ArgumentList)
    Push-Location $root
    try { & dotnet tool run pwsh -NoProfile -NonInteractive @ArgumentList | Out-Host; $LASTEXITCODE } finally { Pop-Location }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -LiteralPath (Join-Path $root 'Directory.Build.props') -Raw)
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.SelectSingleNode('Version') } | Where-Object { $_ })[0].InnerText
    if (-not $version) { throw 'Directory.Build.props has no <Version>.' }
    $version
}

function Get-ReleaseNotes {
    # The CHANGELOG.md section of this version, for the manifest's ReleaseNotes.
    $text = Get-Content -LiteralPath (Join-Path $root 'CHANGELOG.md') -Raw
    $match = [regex]::Match($text, '(?ms)^## ' + [regex]::Escape((Get-ModuleVersion)) + '\s*$(.*?)(?=^## |\z)')
    if (-not $match.Success) { throw "CHANGELOG.md has no '## $(Get-ModuleVersion)' section." }
    $match.Groups[1].Value.Trim()
}

# One function per -Task, named Invoke-<Task>Task: 'Invoke-Build' would shadow the InvokeBuild module's command.
function Invoke-BuildTask {
    Write-Host "== Build ($Configuration)"
    foreach ($project in 'SpsPlugin', 'SpsPlugin.Loader') {
        Invoke-Native dotnet @('build', (Join-Path $root "src/$project/$project.csproj"), '-c', $Configuration, '--nologo', '-v', 'quiet', '-tl:off')
    }
    $bin = Join-Path $root "src/SpsPlugin/bin/$Configuration/netstandard2.0"

    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    $null = New-Item -ItemType Directory -Force -Path $moduleOut
    foreach ($file in 'SpsPlugin.dll', 'SpsPlugin.Core.dll', 'SpsPlugin.format.ps1xml') {
        Copy-Item -LiteralPath (Join-Path $bin $file) -Destination $moduleOut
    }
    Copy-Item -LiteralPath (Join-Path $root "src/SpsPlugin.Loader/bin/$Configuration/netstandard2.0/SpsPlugin.Loader.dll") -Destination $moduleOut
    $precompiled = Invoke-ReadyToRun -Core (Join-Path $moduleOut 'SpsPlugin.Core.dll')
    $psd1 = (Get-Content -LiteralPath (Join-Path $root 'SpsPlugin.psd1') -Raw).Replace('{{ModuleVersion}}', (Get-ModuleVersion)).
        Replace('{{ReleaseNotes}}', (Get-ReleaseNotes).Replace("'", "''"))
    foreach ($target in $readyToRunTargets | Where-Object { $_ -notin $precompiled }) {
        # A host that cannot precompile ships the plain copy only: the manifest must not list the missing file.
        $psd1 = $psd1.Replace("        'runtimes/$target/SpsPlugin.Core.dll'`n", '')
    }
    Copy-Item -LiteralPath (Join-Path $root 'LICENSE'), (Join-Path $root 'CHANGELOG.md') -Destination $moduleOut
    [System.IO.File]::WriteAllText((Join-Path $moduleOut 'SpsPlugin.psd1'), $psd1, [System.Text.UTF8Encoding]::new($false))

    $helpFile = Join-Path $moduleOut 'en-US/SpsPlugin.dll-Help.xml'
    $exit = Invoke-Pwsh @('-File', (Join-Path $root 'tools/New-MamlHelp.ps1'),
        '-ModulePath', (Join-Path $moduleOut 'SpsPlugin.psd1'), '-MarkdownFolder', (Join-Path $root 'docs/help'), '-OutputPath', $helpFile)
    if ($exit -ne 0) { throw "Generating the MAML help failed (exit code $exit)." }

    # About topics are plain text already; Get-Help finds them in the module's culture folder.
    Copy-Item -Path (Join-Path $root 'docs/about/about_*.help.txt') -Destination (Split-Path -Parent $helpFile)

    # The manifest's FileList is what a package holds: the folder must hold exactly that.
    $expected = @((Import-PowerShellDataFile -LiteralPath (Join-Path $moduleOut 'SpsPlugin.psd1')).FileList)
    $missing = @($expected | Where-Object { -not (Test-Path -LiteralPath (Join-Path $moduleOut $_)) })
    if ($missing) { throw "The module layout in $moduleOut lacks: $($missing -join ', ')" }
    $present = @(Get-ChildItem -LiteralPath $moduleOut -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($moduleOut, $_.FullName).Replace('\', '/') })
    $unlisted = @($present | Where-Object { $_ -notin $expected })
    if ($unlisted) { throw "SpsPlugin.psd1's FileList does not name: $($unlisted -join ', ')" }
    $unexpected = @(Get-ChildItem -LiteralPath $moduleOut -Recurse -File | Where-Object Name -EQ 'System.Management.Automation.dll')
    if ($unexpected) { throw 'The module layout must not ship System.Management.Automation.dll (PowerShellStandard is a reference assembly).' }
    Write-Host "Built module: $moduleOut (version $(Get-ModuleVersion))"
}

# The platforms whose pwsh 7 gets a precompiled SpsPlugin.Core (src/SpsPlugin.Loader/ModuleLoader.cs picks it):
# the ones CI runs the module on, so every shipped image is one the tests have loaded. crossgen2 could build
# the others from this host too; an untested image is not shipped.
$readyToRunTargets = @('linux-x64')

function Invoke-ReadyToRun([string] $Core) {
    # Adds native code for each target to a copy of Core in runtimes/<rid>/ (the same IL and metadata), so a
    # session's first call does not wait for the JIT. Returns the targets built; warns when this host cannot.
    $crossgen = Get-Crossgen2
    if (-not $crossgen) {
        Write-Warning "crossgen2 for this host could not be restored: the module ships the plain SpsPlugin.Core only, and a session's first call pays the JIT."
        return @()
    }
    # References: the .NET this pwsh runs on, whose major version the native code is for. Named one by one:
    # pwsh on Unix expands a '*' in a native command's argument into several arguments.
    $references = Get-ChildItem -LiteralPath ([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) -Filter '*.dll' | ForEach-Object { '-r', $_.FullName }
    foreach ($target in $readyToRunTargets) {
        $os, $arch = $target -split '-', 2
        $image = Join-Path $moduleOut "runtimes/$target/SpsPlugin.Core.dll"
        $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $image)
        Invoke-Native $crossgen (@($Core, '-o', $image, '--targetos', @{ win = 'windows'; osx = 'osx'; linux = 'linux' }[$os], '--targetarch', $arch, '-O') + $references) | Out-Host
        $target
    }
}

function Get-Crossgen2 {
    # crossgen2 for this build host (tools/ReadyToRun.proj), or $null when it cannot be restored.
    $hostRid = ('linux', 'win', 'osx')[[int]$IsWindows + 2 * [int]$IsMacOS] + '-' + [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $proj = Join-Path $root 'tools/ReadyToRun.proj'
    $version = ([xml](Get-Content -LiteralPath $proj -Raw)).Project.PropertyGroup.Crossgen2Version
    $compiledFor = [int][regex]::Match((Get-Content -LiteralPath (Join-Path $root 'src/SpsPlugin.Loader/ModuleLoader.cs') -Raw), 'CompiledForDotNet = (\d+);').Groups[1].Value
    if ([version]$version -lt [version]"$compiledFor.0" -or [Environment]::Version.Major -ne $compiledFor) {
        throw "crossgen2 $version and this pwsh's .NET $([Environment]::Version) must both be .NET $compiledFor, which ModuleLoader.CompiledForDotNet names: change them together."
    }
    & dotnet restore $proj --nologo -v quiet -tl:off "-p:Crossgen2Host=$hostRid" | Out-Host
    $crossgen = Join-Path (Get-NuGetPackagesFolder) "microsoft.netcore.app.crossgen2.$hostRid/$version/tools/crossgen2$(if ($IsWindows) { '.exe' })"
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $crossgen)) { return $null }
    $crossgen
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $listing = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw "'dotnet nuget locals global-packages --list' failed with exit code $LASTEXITCODE." }
    ($listing -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterModulePath {
    $proj = Join-Path $root 'tests/tools/tools.proj'
    Invoke-Native dotnet @('restore', $proj, '--nologo', '-v', 'quiet', '-tl:off')
    $version = ([xml](Get-Content -LiteralPath $proj -Raw)).Project.PropertyGroup.PesterVersion
    $path = Join-Path (Get-NuGetPackagesFolder) "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester $version was restored but is not at $path." }
    $path
}

function Read-TrxCounts([string] $Path) {
    $trx = [xml](Get-Content -LiteralPath $Path -Raw)
    $counters = $trx.TestRun.ResultSummary.Counters
    # VSTest counts a skipped test in total but not in executed (its notExecuted stays 0).
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.total - [int]$counters.executed
    }
}

function Invoke-NetFrameworkTests {
    # The Core tests built for net472 and run by VSTest's .NET Framework test host under Mono: the API set of
    # Windows PowerShell 5.1, against the shipped netstandard2.0 SpsPlugin.Core.dll. Mono is a Debian package,
    # not a NuGet one: without it the run is one skipped test, never a silent pass; CI must have it.
    Write-Host '== xunit net472 under Mono (SpsPlugin.Core on the .NET Framework API set)'
    if (-not (Get-Command mono -CommandType Application -ErrorAction SilentlyContinue)) {
        $install = 'apt-get install mono-runtime libmono-system-data4.0-cil libmono-system-runtime-serialization4.0-cil libmono-system-xml-linq4.0-cil libmono-system-io-compression-filesystem4.0-cil libmono-system-net-http4.0-cil (what .ci/run installs)'
        if ($env:CI -eq 'true') { throw "mono is not installed, so the Core tests did not run on the .NET Framework API set. Install it: $install" }
        Write-Warning "mono is not installed: the Core tests on the .NET Framework API set (net472) did not run; counted as 1 skipped. Install it: $install"
        return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 1; Exit = 0 }
    }
    # A test that fails here for a reason another change fixes is listed with that reason: counted and shown as
    # skipped, so the list is what the lead lifts; any other failure fails the run.
    $known = @(Get-Content -LiteralPath (Join-Path $root 'tests/SpsPlugin.Core.Tests.NetFramework/KnownFailures.txt') |
        Where-Object { $_ -and -not $_.StartsWith('#') } | ForEach-Object {
            $name, $reason = $_ -split '\s*\|\s*', 2
            [pscustomobject]@{ Name = ($name.Trim() -replace '^hangs\s+', ''); Reason = $reason; Hangs = $name.StartsWith('hangs ') }
        })
    $hanging = @($known | Where-Object Hangs)
    $known = @($known | Where-Object { -not $_.Hangs })
    $filter = @($hanging | ForEach-Object { "FullyQualifiedName!~$($_.Name)" }) -join '&'
    foreach ($entry in $hanging) { Write-Host "skipped on net472 (never ends there): $($entry.Name): $($entry.Reason)" }
    # A new hang fails the run with a dump instead of stalling CI.
    $filterArgs = if ($filter) { @('--filter', $filter) } else { @() }
    & dotnet test (Join-Path $root 'tests/SpsPlugin.Core.Tests.NetFramework/SpsPlugin.Core.Tests.NetFramework.csproj') -c $Configuration --nologo -tl:off `
        --blame-hang-timeout 5m --logger 'trx;LogFileName=core-net472.trx' --logger 'console;verbosity=minimal' --results-directory $resultsDir @filterArgs | Out-Host
    $exit = $LASTEXITCODE
    $trxPath = Join-Path $resultsDir 'core-net472.trx'
    if (-not (Test-Path -LiteralPath $trxPath)) { throw "The net472 run wrote no results (exit code $exit): the test project did not build or Mono could not start the test host." }
    $counts = Read-TrxCounts $trxPath
    $trx = [xml](Get-Content -LiteralPath $trxPath -Raw)
    $failedTests = @($trx.TestRun.Results.UnitTestResult | Where-Object outcome -EQ 'Failed' | ForEach-Object testName)
    $excused = @($failedTests | Where-Object { $test = $_; $known | Where-Object { $test.StartsWith($_.Name, [StringComparison]::Ordinal) } })
    foreach ($entry in $known) {
        $hits = @($excused | Where-Object { $_.StartsWith($entry.Name, [StringComparison]::Ordinal) })
        if ($hits) { Write-Host "skipped on net472 ($($hits.Count)): $($entry.Name): $($entry.Reason)" }
        else { Write-Host "KnownFailures.txt: $($entry.Name) no longer fails on net472: lift it." }
    }
    $counts.Failed -= $excused.Count
    $counts.Skipped += $excused.Count + $hanging.Count
    $unexcused = @($failedTests | Where-Object { $_ -notin $excused })
    # VSTest's exit code counts the excused failures too: the run passes when only they failed.
    if ($exit -ne 0 -and $counts.Failed -eq 0 -and -not $unexcused -and [int]$trx.TestRun.ResultSummary.Counters.aborted -eq 0) { $exit = 0 }
    $counts | Add-Member -NotePropertyName Exit -NotePropertyValue $exit -PassThru
}

function Invoke-TestTask {
    Invoke-BuildTask
    if (Test-Path $resultsDir) { Remove-Item -Recurse -Force $resultsDir }
    $null = New-Item -ItemType Directory -Force -Path $resultsDir

    Write-Host '== xunit (SpsPlugin.Core)'
    & dotnet test (Join-Path $root 'tests/SpsPlugin.Core.Tests/SpsPlugin.Core.Tests.csproj') -c $Configuration --nologo -tl:off `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=minimal' --results-directory $resultsDir
    $xunitExit = $LASTEXITCODE
    $trxPath = Join-Path $resultsDir 'core.trx'
    if (-not (Test-Path -LiteralPath $trxPath)) { throw "xunit wrote no results (exit code $xunitExit): the test project did not build or run." }
    $xunit = Read-TrxCounts $trxPath
    $netFramework = Invoke-NetFrameworkTests

    # The hostile-input catalogue, generated (never committed) for the Pester run; xunit builds its generator.
    $hostile = Join-Path $out 'hostile'
    if (Test-Path $hostile) { Remove-Item -Recurse -Force $hostile }
    Invoke-Native dotnet @((Join-Path $root "tests/SpsPlugin.HostileInputs/bin/$Configuration/net10.0/SpsPlugin.HostileInputs.dll"), $hostile)
    $env:SPSPLUGIN_HOSTILE = $hostile

    Write-Host '== Pester (cmdlets, fresh pwsh)'
    $pesterJson = Join-Path $resultsDir 'pester.json'
    $pesterExit = Invoke-Pwsh @('-File', (Join-Path $root 'tests/pester/Run.ps1'),
        '-ModulePath', (Join-Path $moduleOut 'SpsPlugin.psd1'), '-PesterPath', (Get-PesterModulePath), '-ResultPath', $pesterJson)
    if (-not (Test-Path -LiteralPath $pesterJson)) { throw "Pester wrote no results (exit code $pesterExit)." }
    $pester = Get-Content -LiteralPath $pesterJson -Raw | ConvertFrom-Json

    $passed = $xunit.Passed + $netFramework.Passed + $pester.Passed
    $failed = $xunit.Failed + $netFramework.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $netFramework.Skipped + $pester.Skipped
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "xunit net472 (Mono): $($netFramework.Passed) passed, $($netFramework.Failed) failed, $($netFramework.Skipped) skipped"
    Write-Host "pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $xunitExit -ne 0 -or $netFramework.Exit -ne 0 -or $pesterExit -ne 0) { exit 1 }
    if ($passed -eq 0) { Write-Host 'No test ran.'; exit 1 }
}

function Invoke-PackageTask {
    # A .nupkg a PowerShell repository accepts, made by Publish-PSResource into a local folder repository
    # registered only for this run (no network: a local repository needs none).
    Invoke-BuildTask
    $packageDir = Join-Path $out 'package'
    if (Test-Path $packageDir) { Remove-Item -Recurse -Force $packageDir }
    $null = New-Item -ItemType Directory -Force -Path $packageDir
    $exit = Invoke-Pwsh @('-File', (Join-Path $root 'tools/Publish-LocalPackage.ps1'), '-ModulePath', $moduleOut, '-RepositoryPath', $packageDir)
    if ($exit -ne 0) { throw "Packaging failed (exit code $exit)." }
    Write-Host "Package: $((Get-ChildItem -LiteralPath $packageDir -Filter '*.nupkg').FullName)"
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Write-Host '== Demo: examples/quickstart.ps1'
    $exit = Invoke-Pwsh @('-File', (Join-Path $root 'examples/quickstart.ps1'), '-ModulePath', (Join-Path $moduleOut 'SpsPlugin.psd1'))
    if ($exit -ne 0) { throw "The quickstart failed (exit code $exit)." }
}

function Invoke-BenchTask {
    Invoke-BuildTask
    Write-Host '== Benchmarks (tools/Bench.ps1, fresh pwsh)'
    $exit = Invoke-Pwsh (@('-File', (Join-Path $root 'tools/Bench.ps1'), '-ModulePath', (Join-Path $moduleOut 'SpsPlugin.psd1')) +
        $(if ($Baseline) { @('-Baseline', (Resolve-Path $Baseline).Path) } else { @() }) + $(if ($crossgen = Get-Crossgen2) { @('-Crossgen2', $crossgen) } else { @() }))
    if ($exit -ne 0) { throw "The benchmarks failed (exit code $exit)." }

    # The fuzz tests at bench size: 11,000 byte-level mutations (10x the suite) and 50,000 structure-aware
    # cases (25x); each prints its counts, time and peak memory.
    foreach ($fuzz in @(@{ Filter = 'FullyQualifiedName~Validation.FuzzTests'; Scale = 10; What = '11,000 mutated bundles' },
            @{ Filter = 'FullyQualifiedName~StructuralFuzzTests'; Scale = 25; What = '50,000 structure-aware cases' })) {
        Write-Host "== Fuzz: $($fuzz.What) (SPSPLUGIN_FUZZ_SCALE=$($fuzz.Scale))"
        $env:SPSPLUGIN_FUZZ_SCALE = $fuzz.Scale
        try {
            & dotnet test (Join-Path $root 'tests/SpsPlugin.Core.Tests/SpsPlugin.Core.Tests.csproj') -c $Configuration --nologo -tl:off --filter $fuzz.Filter --logger 'console;verbosity=detailed' |
                Select-String -Pattern 'fuzz:|Passed!|Failed!' | Out-Host
            if ($LASTEXITCODE -ne 0) { throw "The fuzz run failed (exit code $LASTEXITCODE)." }
        }
        finally { Remove-Item Env:SPSPLUGIN_FUZZ_SCALE }
    }
}

function Invoke-CleanTask {
    foreach ($dir in @($out) + @(Get-ChildItem -LiteralPath (Join-Path $root 'src'), (Join-Path $root 'tests') -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Package' { Invoke-PackageTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { Invoke-BenchTask }
    'Clean' { Invoke-CleanTask }
}
