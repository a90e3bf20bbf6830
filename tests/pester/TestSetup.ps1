# Dot-sourced by every test file's BeforeAll: imports the built module and names shared paths.
$script:ModulePath = if ($env:SPSPLUGIN_MODULE) { $env:SPSPLUGIN_MODULE } else { Join-Path $PSScriptRoot '../../out/SpsPlugin/SpsPlugin.psd1' }
Import-Module $script:ModulePath -Force
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Fixtures = Join-Path $script:RepoRoot 'tests/fixtures'
$script:ExamplePlugin = Join-Path $script:RepoRoot 'examples/plugins/ticket_gate'
$script:Corpus = if ($env:SPSPLUGIN_CORPUS) { $env:SPSPLUGIN_CORPUS } else { Join-Path $script:RepoRoot '../shared/corpus' }

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
