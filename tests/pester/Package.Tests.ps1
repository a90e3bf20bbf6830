# Installed as a user installs it: published to a PowerShell repository, installed from it with
# Install-PSResource, imported by name in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:ModuleFolder = (Resolve-Path -LiteralPath (Split-Path -Parent $script:ModulePath)).Path

    function Invoke-FreshPwsh([string] $Command, [hashtable] $Environment) {
        # A new pwsh of the same build with the given variables; a dotnet tool's pwsh runs as dotnet pwsh.dll.
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $host_ = [Environment]::ProcessPath
            $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            # In a working folder of the test's own, so anything written relative to it is seen (and not left in the repository).
            $work = Join-Path $TestDrive 'cwd'
            $null = New-Item -ItemType Directory -Force -Path $work
            Push-Location -LiteralPath $work
            try { $output = & $host_ @prefix -NoProfile -NonInteractive -Command $Command 2>&1 | Out-String }
            finally { Pop-Location }
            [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE }
        }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    }
}

Describe 'Install-PSResource from a local repository' {
    BeforeAll {
        # A temp HOME (and XDG folders) so the repository registration and the CurrentUser module folder
        # are the test's own, never the user's.
        $script:TempHome = Join-Path $TestDrive 'home'
        $null = New-Item -ItemType Directory -Force -Path $script:TempHome
        $script:Environment = @{
            HOME = $script:TempHome; XDG_DATA_HOME = Join-Path $script:TempHome '.local/share'
            XDG_CONFIG_HOME = Join-Path $script:TempHome '.config'; XDG_CACHE_HOME = Join-Path $script:TempHome '.cache'
            PSModulePath = $null
        }
        # .NET answers "" for a special folder that does not exist, and PSResourceGet then writes its
        # repository list relative to the working directory: the folders must exist.
        foreach ($folder in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = New-Item -ItemType Directory -Force -Path $script:Environment[$folder] }
        $script:Repository = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Force -Path $script:Repository
        $publish = Join-Path $script:RepoRoot 'tools/Publish-LocalPackage.ps1'
        $script:Install = Invoke-FreshPwsh -Environment $script:Environment -Command @"
`$ErrorActionPreference = 'Stop'
& '$publish' -ModulePath '$script:ModuleFolder' -RepositoryPath '$script:Repository' -RepositoryName SpsPluginTest
Register-PSResourceRepository -Name SpsPluginTest -Uri '$script:Repository' -Trusted
try { Install-PSResource -Name SpsPlugin -Repository SpsPluginTest -Scope CurrentUser -TrustRepository }
finally { Unregister-PSResourceRepository -Name SpsPluginTest }
'installed: ' + (Get-InstalledPSResource -Name SpsPlugin -Scope CurrentUser).InstalledLocation
"@
    }

    BeforeEach {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows -Scope CurrentUser installs into Documents, which a temp HOME does not redirect' }
    }

    It 'publishes and installs into the temp user module folder' {
        $script:Install.ExitCode | Should -Be 0 -Because $script:Install.Output
        $script:Install.Output | Should -Match ([regex]::Escape("installed: $script:TempHome"))
        Get-ChildItem -Path $script:Repository -Filter 'SpsPlugin.*.nupkg' | Should -Not -BeNullOrEmpty
    }

    It 'imports by name in a fresh pwsh and runs a cmdlet, with its help' {
        $run = Invoke-FreshPwsh -Environment $script:Environment -Command @'
$ErrorActionPreference = 'Stop'
Import-Module SpsPlugin
'base: ' + (Get-Module SpsPlugin).ModuleBase
'templates: ' + @(Get-SpsPluginTemplate).Count
Get-Help about_SpsPlugin | Select-String 'TOPIC' | ForEach-Object { 'about: found' }
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape("base: $script:TempHome"))
        $run.Output | Should -Match 'templates: [1-9]'
        $run.Output | Should -Match 'about: found'
    }

    It 'writes nothing into the working directory' {
        Get-ChildItem -LiteralPath (Join-Path $TestDrive 'cwd') -Force | Should -BeNullOrEmpty
    }

    It 'leaves the real user repository list alone' {
        Get-PSResourceRepository -Name SpsPluginTest -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'The package manifest' {
    It 'has what a gallery asks for: <_>' -ForEach 'ProjectUri', 'LicenseUri', 'ReleaseNotes', 'Tags' {
        (Import-PowerShellDataFile $script:ModulePath).PrivateData.PSData[$_] | Should -Not -BeNullOrEmpty
    }

    It 'lists in FileList exactly the files the module folder holds' {
        $listed = (Import-PowerShellDataFile $script:ModulePath).FileList | Sort-Object
        $present = Get-ChildItem -LiteralPath $script:ModuleFolder -Recurse -File |
            ForEach-Object { [System.IO.Path]::GetRelativePath($script:ModuleFolder, $_.FullName).Replace('\', '/') } | Sort-Object
        $present | Should -Be $listed
    }

    It 'carries the release notes of its version from CHANGELOG.md' {
        $manifest = Import-PowerShellDataFile $script:ModulePath
        Get-Content (Join-Path $script:RepoRoot 'CHANGELOG.md') -Raw | Should -Match ('## ' + [regex]::Escape($manifest.ModuleVersion))
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -Match '\{\{'
    }
}
