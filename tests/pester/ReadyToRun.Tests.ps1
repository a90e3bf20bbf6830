# The precompiled (ReadyToRun) copy of SpsPlugin.Core that pwsh 7 loads on the platforms the module ships one
# for (src/SpsPlugin.Loader/ModuleLoader.cs), against the plain netstandard2.0 copy every other host loads.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:ModuleFolder = Split-Path -Parent $script:ModulePath
    $script:Rid = [SpsPlugin.ModuleLoader]::RuntimeId()
    $script:Image = Join-Path $script:ModuleFolder "runtimes/$script:Rid/SpsPlugin.Core.dll"
    $script:Plain = Join-Path $script:ModuleFolder 'SpsPlugin.Core.dll'
    $script:NoImageReason = "the module ships no precompiled SpsPlugin.Core for $script:Rid (build.ps1's `$readyToRunTargets)"

    function Invoke-FreshModule([string] $Module, [string] $Command, [switch] $Plain) {
        # A loaded assembly cannot be unloaded: each copy is loaded in its own pwsh.
        $saved = $env:SPSPLUGIN_NO_READYTORUN
        $env:SPSPLUGIN_NO_READYTORUN = if ($Plain) { '1' } else { $null }
        Push-Location $script:RepoRoot
        try { & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$Module' -ErrorAction Stop; $Command" 2>&1 | Out-String }
        finally { Pop-Location; $env:SPSPLUGIN_NO_READYTORUN = $saved }
    }

    function Read-ModuleVersionId([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            [pscustomobject]@{
                Mvid         = $reader.GetGuid($reader.GetModuleDefinition().Mvid)
                NativeHeader = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size
            }
        }
        finally { $stream.Dispose() }
    }
}

Describe 'The ReadyToRun copy of Core' {
    BeforeEach {
        if (-not (Test-Path -LiteralPath $script:Image)) { Set-ItResult -Skipped -Because $script:NoImageReason }
    }

    It 'names this process as .NET does' {
        $script:Rid | Should -Be ([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)
    }

    It 'is compiled from the plain copy beside it (same module version id) and holds native code' {
        $image = Read-ModuleVersionId $script:Image
        $image.Mvid | Should -Be (Read-ModuleVersionId $script:Plain).Mvid
        $image.NativeHeader | Should -BeGreaterThan 0
        (Read-ModuleVersionId $script:Plain).NativeHeader | Should -Be 0
    }

    It 'is the copy pwsh 7 loads, and SPSPLUGIN_NO_READYTORUN=1 loads the plain one' {
        $where = '[SpsPlugin.SpsPluginConfig].Assembly.Location'
        (Invoke-FreshModule $script:ModulePath $where).Trim() | Should -Be $script:Image
        (Invoke-FreshModule $script:ModulePath $where -Plain).Trim() | Should -Be $script:Plain
    }

    It 'gives the same findings as the plain copy on the examples and the corpus' {
        $folders = @(Get-ChildItem (Join-Path $script:RepoRoot 'examples/plugins') -Directory) +
            @(if (Test-Path (Join-Path $script:Corpus 'trees')) { Get-ChildItem (Join-Path $script:Corpus 'trees') -Directory })
        $list = ($folders.FullName | ForEach-Object { "'" + $_.Replace("'", "''") + "'" }) -join ','
        $command = "Test-SpsPluginBundle -LiteralPath $list -Detailed | Select-Object Path, IsValid, @{ n = 'Findings'; e = { `$_.Diagnostics | ForEach-Object { `$_.RuleId + ' ' + `$_.Entry + ' ' + `$_.Line + ' ' + `$_.Message } } } | ConvertTo-Json -Depth 4"
        $precompiled = Invoke-FreshModule $script:ModulePath $command
        $precompiled | Should -Match '"IsValid"'
        $precompiled | Should -BeExactly (Invoke-FreshModule $script:ModulePath $command -Plain)
    }

    It 'falls back to the plain copy when the image does not load' {
        $copy = Join-Path $TestDrive 'module'
        Copy-Item -Recurse $script:ModuleFolder $copy
        [System.IO.File]::WriteAllText((Join-Path $copy "runtimes/$script:Rid/SpsPlugin.Core.dll"), 'not an assembly')
        $output = Invoke-FreshModule (Join-Path $copy 'SpsPlugin.psd1') '[SpsPlugin.SpsPluginConfig].Assembly.Location; Test-SpsPluginBundle -LiteralPath ./examples/plugins/ticket_gate'
        $output -split "`r?`n" | Where-Object { $_ } | Should -Be @((Join-Path $copy 'SpsPlugin.Core.dll'), 'True')
    }
}
