BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:CorpusManifests = if (Test-Path $script:Corpus) {
        @(Get-ChildItem $script:Corpus -Recurse -File | Where-Object { $_.Name -eq 'MANIFEST' -or $_.Name -like 'MANIFEST@*' } |
            Where-Object Name -NE 'MANIFEST@d6d4b02' | ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($script:Corpus.Length + 1) } })
    } else { @() }
    $script:BadManifests = @(
        @{ Fixture = 'manifest-not-yaml'; ErrorId = 'ManifestSyntaxError'; Category = 'ParserError'; Line = 6; Fix = "entry_point: main.py" }
        @{ Fixture = 'manifest-empty'; ErrorId = 'ManifestEmpty'; Category = 'InvalidData'; Line = $null; Fix = 'name' }
        @{ Fixture = 'manifest-tab-indent'; ErrorId = 'ManifestSyntaxError'; Category = 'ParserError'; Line = 2; Fix = 'spaces' }
        @{ Fixture = 'manifest-duplicate-key'; ErrorId = 'ManifestDuplicateKey'; Category = 'InvalidData'; Line = 7; Fix = "'name:'" }
        @{ Fixture = 'manifest-not-mapping'; ErrorId = 'ManifestNotMapping'; Category = 'InvalidData'; Line = 1; Fix = 'key: value' }
        @{ Fixture = 'manifest-unsupported'; ErrorId = 'ManifestUnsupportedConstruct'; Category = 'NotImplemented'; Line = 3; Fix = 'flat' }
        @{ Fixture = 'missing-manifest'; ErrorId = 'ManifestNotFound'; Category = 'ObjectNotFound'; Line = $null; Fix = $null }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-SpsPluginManifest' {
    Context 'a good plugin' {
        It 'reads a plugin folder' {
            $manifest = Get-SpsPluginManifest -Path $script:ExamplePlugin
            $manifest | Should -BeOfType SpsPlugin.SpsPluginManifest
            $manifest.Name | Should -Be 'ticket_gate'
            $manifest.Type | Should -Be 'aa'
            $manifest.EntryPoint | Should -Be 'main.py'
            $manifest.Entry | Should -Be 'MANIFEST'
        }

        It 'reads a MANIFEST file given directly' {
            $manifest = Get-SpsPluginManifest -Path (Join-Path $script:ExamplePlugin 'MANIFEST')
            $manifest.Name | Should -Be 'ticket_gate'
            $manifest.Entry | Should -BeNullOrEmpty
        }

        It 'reads the MANIFEST inside a zip without extracting it' {
            $zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'ticket_gate.zip')
            $before = @(Get-ChildItem $TestDrive -Recurse).Count
            $manifest = Get-SpsPluginManifest -Path $zip.FullName
            $manifest.Name | Should -Be 'ticket_gate'
            $manifest.Path | Should -Be $zip.FullName
            @(Get-ChildItem $TestDrive -Recurse).Count | Should -Be $before
        }

        It 'types values as PyYAML does: version 1.10 is the float 1.1' {
            $manifest = Get-SpsPluginManifest (Join-Path $script:Fixtures 'manifest-float-version')
            $manifest.Version | Should -Be '1.1'
            $entry = $manifest.Entries | Where-Object Key -EQ 'version'
            $entry.RawValue | Should -Be '1.10'
            $entry.PythonType | Should -Be 'float'
            $entry.Line | Should -Be 4
            ($manifest.Entries | Where-Object Key -EQ 'api').Value.Value | Should -BeOfType [double]
            ($manifest.Entries | Where-Object Key -EQ 'author_name').Comment | Should -Be ' trailing comment'
            $manifest.Comments[0].Key | Should -Be 1
        }

        It 'reads a BOM and CRLF line ends, and keeps them' {
            $path = Join-Path $script:Fixtures 'manifest-crlf-bom/MANIFEST'
            $manifest = Get-SpsPluginManifest $path
            $manifest.Name | Should -Be 'crlf_bom'
            $manifest.Version | Should -Be '2.0'
            $manifest.HasByteOrderMark | Should -BeTrue
            [System.Convert]::ToBase64String($manifest.ToBytes()) | Should -Be ([System.Convert]::ToBase64String([System.IO.File]::ReadAllBytes($path)))
        }

        It 'lists keys that SPS does not read' -Skip:(-not (Test-Path $script:Corpus)) {
            (Get-SpsPluginManifest (Join-Path $script:Corpus 'safeguard-sessions-plugin-pingid')).UnknownKeys | Should -Be @('author')
        }
    }

    Context 'pipeline input' {
        It 'takes paths by value' {
            $names = $script:ExamplePlugin, (Join-Path $script:Fixtures 'manifest-float-version') | Get-SpsPluginManifest | ForEach-Object Name
            $names | Should -Be @('ticket_gate', 'float_version')
        }

        It 'takes Get-ChildItem output by property name, literally' {
            $folder = Join-Path $TestDrive 'weird[1]'
            $null = New-Item -ItemType Directory -Path $folder
            Copy-Item (Join-Path $script:ExamplePlugin 'MANIFEST') -Destination $folder
            $manifest = Get-ChildItem -LiteralPath $folder -Filter MANIFEST | Get-SpsPluginManifest
            $manifest.Name | Should -Be 'ticket_gate'
        }

        It 'expands wildcards in -Path' {
            $manifests = Get-SpsPluginManifest (Join-Path $script:Fixtures 'manifest-[fc]*')
            @($manifests.Name | Sort-Object) | Should -Be @('crlf_bom', 'float_version')
        }
    }

    Context 'bad input: <Fixture>' -ForEach $script:BadManifests {
        BeforeAll {
            $script:Path = Join-Path $script:Fixtures $Fixture
            $script:Output = Get-SpsPluginManifest -Path $script:Path -ErrorVariable errors -ErrorAction SilentlyContinue
            $script:Errors = $errors
        }

        It 'writes one error record with the id <ErrorId> and category <Category>, and no output' {
            $script:Output | Should -BeNullOrEmpty
            $script:Errors.Count | Should -Be 1
            $script:Errors[0].FullyQualifiedErrorId | Should -Be "$ErrorId,SpsPlugin.Commands.GetSpsPluginManifestCommand"
            $script:Errors[0].CategoryInfo.Category | Should -Be $Category
            $script:Errors[0].TargetObject | Should -BeLike "$script:Path*"
        }

        It 'names the line and the fix' {
            if ($Line) { $script:Errors[0].ToString() | Should -Match "MANIFEST:$($Line):" }
            if ($Fix) { $script:Errors[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($Fix)) }
        }

        It 'goes on with the next item of the pipeline' {
            $names = $script:Path, $script:ExamplePlugin | Get-SpsPluginManifest -ErrorAction SilentlyContinue | ForEach-Object Name
            $names | Should -Be 'ticket_gate'
        }
    }

    Context 'missing paths' {
        It 'writes PathNotFound (ObjectNotFound) and goes on' {
            $names = (Join-Path $TestDrive 'nothing-here'), $script:ExamplePlugin | Get-SpsPluginManifest -ErrorVariable errors -ErrorAction SilentlyContinue | ForEach-Object Name
            $names | Should -Be 'ticket_gate'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'writes PathNotFound for a missing -LiteralPath' {
            Get-SpsPluginManifest -LiteralPath (Join-Path $TestDrive 'none[1]') -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        }

        It 'throws with -ErrorAction Stop so scripts can catch it' {
            { Get-SpsPluginManifest (Join-Path $script:Fixtures 'manifest-not-yaml') -ErrorAction Stop } | Should -Throw -ErrorId 'ManifestSyntaxError,SpsPlugin.Commands.GetSpsPluginManifestCommand'
        }
    }

    Context 'the corpus of real plugins' {
        It 'reads <Name>' -ForEach $script:CorpusManifests {
            $manifest = Get-SpsPluginManifest -LiteralPath $Path -ErrorAction Stop
            $manifest.Name | Should -Match '^[a-zA-Z][a-zA-Z0-9_]+$'
            $manifest.Type | Should -BeIn 'aa', 'credentialstore'
        }

        It 'reports the known-bad MANIFEST@d6d4b02 on its line with the fix' -Skip:(-not (Test-Path $script:Corpus)) {
            $path = Join-Path $script:Corpus 'safeguard-sessions-plugin-safeguard/history/MANIFEST@d6d4b02'
            Get-SpsPluginManifest -LiteralPath $path -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ManifestSyntaxError,*'
            $errors[0].ErrorDetails.RecommendedAction | Should -Match 'entry_point: main\.py'
        }
    }
}
