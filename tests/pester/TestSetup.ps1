# Dot-sourced by every test file's BeforeAll: imports the built module and names shared paths.
$script:ModulePath = if ($env:SPSPLUGIN_MODULE) { $env:SPSPLUGIN_MODULE } else { Join-Path $PSScriptRoot '../../out/SpsPlugin/SpsPlugin.psd1' }
Import-Module $script:ModulePath -Force
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Fixtures = Join-Path $script:RepoRoot 'tests/fixtures'
$script:ExamplePlugin = Join-Path $script:RepoRoot 'examples/plugins/ticket_gate'
$script:Corpus = if ($env:SPSPLUGIN_CORPUS) { $env:SPSPLUGIN_CORPUS } else { Join-Path $script:RepoRoot '../shared/corpus' }
# The interpreter the module itself would run plugins with (null when there is none): tests that need
# Python call Skip-WithoutPython in a BeforeEach.
$script:Python = [SpsPlugin.PythonLocator]::Find()
$script:NoPythonReason = 'no Python 3 interpreter found (SPSPLUGIN_PYTHON, /usr/bin/python3, /usr/local/bin/python3, PATH)'

function New-TestZip {
    # Zips $Source's contents (or the folder itself with -IncludeFolder) to $Destination with '/' names.
    param([string] $Source, [string] $Destination, [switch] $IncludeFolder)
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    [System.IO.Compression.ZipFile]::CreateFromDirectory($Source, $Destination, [System.IO.Compression.CompressionLevel]::Optimal, [bool]$IncludeFolder)
    Get-Item -LiteralPath $Destination
}

function Copy-Policies {
    # A fresh, writable copy of the policy fixtures under $TestDrive.
    $target = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    Copy-Item -Recurse (Join-Path $script:Fixtures 'cfg-policies') $target
    $target
}

function Get-HostOutput([string] $Command) {
    # -WhatIf text goes to the host, so it is read from a child pwsh's output.
    Push-Location $script:RepoRoot
    try { & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath'; $Command" 2>&1 | Out-String }
    finally { Pop-Location }
}

function Skip-WithoutPython {
    # Called in a BeforeEach: the test reports skipped, saying why, instead of failing or passing unchecked.
    if (-not $script:Python) { Set-ItResult -Skipped -Because $script:NoPythonReason }
}

function New-ExamplePluginWith([string] $Code) {
    # A fresh copy of the example AA plugin (MANIFEST, main.py, default.cfg) whose Plugin class is $Code.
    $folder = Join-Path $TestDrive ('probe' + [guid]::NewGuid().ToString('N').Substring(0, 6))
    Copy-Item -Recurse $script:ExamplePlugin $folder
    Set-Content (Join-Path $folder 'ticket_gate/plugin.py') $Code
    $folder
}

function New-ProbePlugin {
    # A copy of the example AA plugin whose authorize denies with what SPS passed it (protocol, server
    # address and port) and the PROBE and OTHER variables, so a test reads the connection from the Reason.
    New-ExamplePluginWith @'
import os
class Plugin(object):
    def __init__(self, configuration):
        pass
    def authenticate(self, cookie):
        return {'verdict': 'ACCEPT', 'cookie': cookie}
    def authorize(self, protocol, server_ip, server_port, cookie):
        return {'verdict': 'DENY', 'reason': '%s %s:%s PROBE=%s OTHER=%s' % (protocol, server_ip, server_port, os.environ.get('PROBE'), os.environ.get('OTHER'))}
'@
}

function New-TestWheel {
    # The test stand-in of the plugin SDK (tests/fixtures/sdk-standin) as a wheel in $Destination, built
    # with the standard library: PyPI is out of reach, and pip installs a local wheel as it would the SDK.
    param([Parameter(Mandatory)] [string] $Destination)
    $wheel = & $script:Python (Join-Path $script:Fixtures 'sdk-standin/make_wheel.py') $Destination
    if ($LASTEXITCODE -ne 0) { throw "Building the stand-in SDK wheel failed: $wheel" }
    Get-Item -LiteralPath $wheel
}

function New-TestVenv {
    # A virtual environment made by the system interpreter; with -StandInSdk, the stand-in SDK is pip
    # installed into it from a local wheel (--no-index). Returns the environment's python, or $null
    # when this Python cannot make one (Debian without python3-venv): callers skip with that reason.
    param([Parameter(Mandatory)] [string] $Path, [switch] $StandInSdk)
    # Without the SDK there is nothing to install: no pip, which makes the environment in a blink.
    [string[]] $arguments = @('-m', 'venv', $Path)
    if (-not $StandInSdk) { $arguments += '--without-pip' }
    $output = & $script:Python @arguments 2>&1
    if ($LASTEXITCODE -ne 0) { Write-Warning "python -m venv failed: $output"; return $null }
    $python = Join-Path $Path 'bin/python'
    if ($StandInSdk) {
        $wheels = Join-Path $Path 'wheels'
        $null = New-TestWheel -Destination $wheels
        $output = & $python -m pip install --quiet --no-index --find-links $wheels oneidentity-safeguard-sessions-plugin-sdk 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pip could not install the stand-in SDK: $output" }
    }
    $python
}
