<#
.SYNOPSIS
    A tour of SpsPlugin: scaffold a plugin, validate, pack, simulate, and manage its configuration.

.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1` (the Demo task) against the freshly built module. It makes a new
    AA plugin from the aa-ticket template in a temporary folder, validates it for two SPS releases,
    packs it reproducibly, plays connections through it (its generated scenarios, then one connection
    together with the json_vault example credential store), and edits its policy configuration.
    Finally it shows a PyYAML trap in MANIFEST that Test-SpsPluginBundle catches.

.PARAMETER ModulePath
    The SpsPlugin module to import; by default the one build.ps1 lays out in out/SpsPlugin.

.PARAMETER Template
    The template to start from; aa-ticket by default (Get-SpsPluginTemplate lists them).

.PARAMETER WorkPath
    Where the plugin is created; by default a temporary folder that is removed at the end.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SpsPlugin/SpsPlugin.psd1'),
    [string] $Template = 'aa-ticket',
    [string] $WorkPath
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$temporary = -not $WorkPath
if ($temporary) { $WorkPath = Join-Path ([System.IO.Path]::GetTempPath()) "spsplugin-quickstart-$PID" }

try {
    Write-Host "`n1. Scaffold: New-SpsPlugin makes a project from the '$Template' template for SPS 7.4" -ForegroundColor Cyan
    Get-SpsPluginTemplate | Format-Table Name, Type, RequiresSdk, Description | Out-String
    $project = New-SpsPlugin change_gate -Template $Template -TargetSpsVersion 7.4 -Path $WorkPath -Description 'Asks for a change ticket' -AuthorEmail dev@example.com
    $project | Out-String
    $plugin = $project.Path

    Write-Host "2. Validate it as SPS 7.4 would, and as SPS 6.0 (whose plugin API is older)" -ForegroundColor Cyan
    "Test-SpsPluginBundle -TargetSpsVersion 7.4: {0}" -f (Test-SpsPluginBundle -LiteralPath $plugin -TargetSpsVersion 7.4)
    (Test-SpsPluginBundle -LiteralPath $plugin -TargetSpsVersion 6.0 -Detailed -Severity Error).Failures | Out-String   # the module's findings view: wrapped at words, the fix in Format-List

    Write-Host "3. Pack it reproducibly and check the zip (tests/, Pipfile and README stay out)" -ForegroundColor Cyan
    $zip = Compress-SpsPluginBundle -LiteralPath $plugin -DestinationPath (Join-Path $WorkPath 'dist/') -TargetSpsVersion 7.4
    $zip | Format-List Path, Sha256, FileSize, EntryCount | Out-String
    $zip.Entries | Format-Table Mode, Size, Path | Out-String
    "Packed zip passes Test-SpsPluginBundle: {0}" -f (Test-SpsPluginBundle -LiteralPath $zip.Path -TargetSpsVersion 7.4)

    Write-Host "4. Simulate: the generated scenarios, then an SSH connection with the json_vault credential store" -ForegroundColor Cyan
    if ([SpsPlugin.PythonLocator]::Find($null)) {
        Invoke-SpsPluginScenario -Path (Join-Path $plugin 'tests') -WarningAction SilentlyContinue | Out-String
        Invoke-SpsPluginSimulation -LiteralPath $zip.Path -CredentialStore (Join-Path $PSScriptRoot 'plugins/json_vault') `
            -Answer @{ ticket = @('nope', 'CHG0012345') } -WarningAction SilentlyContinue | Out-String
    }
    else {
        "No Python 3 found: the simulation is skipped."
    }

    Write-Host "5. The policy configuration (default.cfg), read as the SDK's configparser reads it, then edited" -ForegroundColor Cyan
    Get-SpsPluginConfigOption -LiteralPath $plugin -IncludeCommented | Format-Table Section, Name, Value, IsEnabled, Line | Out-String
    $policy = Get-SpsPluginConfig -LiteralPath $plugin | Set-SpsPluginConfig -Section ticket -Name max_attempts -Value 5 -PassThru
    "max_attempts is now {0}; the policy passes Test-SpsPluginConfig: {1}" -f ($policy | Get-SpsPluginConfigOption -Name max_attempts).Value, ($policy | Test-SpsPluginConfig)
    $broken = $policy | Set-SpsPluginConfig -Section ticket -Name max_attempts -Value 100% -PassThru
    ($broken | Test-SpsPluginConfig -Detailed).Findings | Out-String

    Write-Host "6. A PyYAML trap Test-SpsPluginBundle catches: an unquoted 'version: 1.10' is the float 1.1" -ForegroundColor Cyan
    $manifest = Join-Path $plugin 'MANIFEST'
    # [IO.File] reads and writes UTF-8 without a BOM on every PowerShell; Get-/Set-Content use ANSI on 5.1.
    [IO.File]::WriteAllText($manifest, ([IO.File]::ReadAllText($manifest) -replace 'version: 0.1.0', 'version: 1.10'))
    (Get-SpsPluginManifest -LiteralPath $plugin).Entries | Format-Table Line, Key, RawValue, PythonType, PythonText | Out-String
    (Test-SpsPluginBundle -LiteralPath $plugin -Detailed -Severity Warning).Findings | Out-String
}
finally {
    if ($temporary) { Remove-Item -Recurse -Force $WorkPath -ErrorAction SilentlyContinue }
}
