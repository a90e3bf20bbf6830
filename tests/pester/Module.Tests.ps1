# The module as a product: its manifest, exports, version, structure and formatting.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Module = Get-Module SpsPlugin
    $script:CmdletTypes = @([SpsPlugin.SpsPluginCmdletBase].Assembly.GetTypes() |
        Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) })
}

Describe 'The built module' {
    It 'imports without a warning in a fresh pwsh' {
        Push-Location $script:RepoRoot
        try {
            $output = & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath' -ErrorAction Stop 3>&1 | ForEach-Object { 'WARNING: ' + `$_ }; 'imported'" 2>&1
        }
        finally { Pop-Location }
        $output | Should -Be 'imported'
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $script:ModulePath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets its DLL defines' {
        $defined = $script:CmdletTypes | ForEach-Object {
            $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            "$($attribute.VerbName)-$($attribute.NounName)"
        }
        @($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
        (Import-PowerShellDataFile $script:ModulePath).CmdletsToExport | Sort-Object | Should -Be @($defined | Sort-Object)
    }

    It 'has the version of its DLL' {
        $dll = [SpsPlugin.SpsPluginCmdletBase].Assembly.GetName().Version
        $script:Module.Version | Should -Be ([version]::new($dll.Major, $dll.Minor, $dll.Build))
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        $script:Module.ExportedCmdlets.Values.Verb | Where-Object { $_ -notin $approved } | Should -BeNullOrEmpty
    }
}

Describe 'Structure' {
    It 'keeps Core free of any PowerShell reference' {
        $core = [SpsPlugin.SpsPluginManifest].Assembly
        $core.GetReferencedAssemblies().Name | Should -Not -Contain 'System.Management.Automation'
        Get-Content (Join-Path $script:RepoRoot 'src/SpsPlugin.Core/SpsPlugin.Core.csproj') -Raw |
            Should -Not -Match 'PowerShellStandard|System\.Management\.Automation'
    }

    It 'has one sealed cmdlet class per file named <Verb><Noun>Command.cs, with [OutputType]' {
        foreach ($type in $script:CmdletTypes) {
            $type.IsSealed | Should -BeTrue -Because "$($type.Name) should be sealed"
            $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) | Should -Not -BeNullOrEmpty -Because "$($type.Name) declares its output"
            Join-Path $script:RepoRoot "src/SpsPlugin/Commands/$($type.Name).cs" | Should -Exist
        }
    }

    It 'ships no PowerShell reference assembly' {
        Get-ChildItem (Split-Path $script:ModulePath) -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }
}

Describe 'Formatting' {
    It 'has a view for <_>' -ForEach @(
        'SpsPlugin.SpsPluginManifest', 'SpsPlugin.SpsPluginManifestEntry', 'SpsPlugin.SpsPluginBundle',
        'SpsPlugin.SpsPluginBundleEntry', 'SpsPlugin.SpsPluginDiagnostic') {
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty
    }

    It 'shows a manifest as a table with its key columns' {
        $text = Get-SpsPluginManifest -LiteralPath $script:ExamplePlugin | Format-Table | Out-String -Width 200
        $text | Should -Match 'Name\s+Version\s+Type\s+Api\s+EntryPoint'
        $text | Should -Match 'ticket_gate\s+1\.0\.0\s+aa\s+1\.6\s+main\.py'
    }
}
