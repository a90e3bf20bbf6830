BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-SpsPluginBundle' {
    Context 'a plugin folder' {
        BeforeAll { $script:Bundle = Get-SpsPluginBundle $script:ExamplePlugin }

        It 'describes it' {
            $script:Bundle | Should -BeOfType SpsPlugin.SpsPluginBundle
            $script:Bundle.Kind | Should -Be 'Folder'
            $script:Bundle.Name | Should -Be 'ticket_gate'
            $script:Bundle.HasManifest | Should -BeTrue
            $script:Bundle.HasMainPy | Should -BeTrue
            $script:Bundle.HasDefaultConfig | Should -BeTrue
            $script:Bundle.Sha256 | Should -BeNullOrEmpty
        }

        It 'lists every file with / separators and its size' {
            $files = @(Get-ChildItem $script:ExamplePlugin -Recurse -File | Where-Object FullName -NotMatch '__pycache__')
            $script:Bundle.FileCount | Should -Be $files.Count
            $script:Bundle.Entries.Path | Should -Contain 'ticket_gate/plugin.py'
            $script:Bundle.TotalSize | Should -Be ($files | Measure-Object Length -Sum).Sum
        }
    }

    Context 'a plugin zip' {
        BeforeAll {
            $script:Zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'ticket_gate.zip')
            $script:Bundle = Get-SpsPluginBundle $script:Zip.FullName
        }

        It 'describes it with the SHA-256 of the file' {
            $script:Bundle.Kind | Should -Be 'Zip'
            $script:Bundle.Sha256 | Should -Be (Get-FileHash $script:Zip.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
            $script:Bundle.FileSize | Should -Be $script:Zip.Length
            $script:Bundle.Manifest.Name | Should -Be 'ticket_gate'
        }

        It 'lists the entries the zip stores, with sizes' {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $archive = [System.IO.Compression.ZipFile]::OpenRead($script:Zip.FullName)
            try {
                @($script:Bundle.Entries.Path) | Should -Be @($archive.Entries.FullName)
                $script:Bundle.TotalSize | Should -Be ($archive.Entries | Measure-Object Length -Sum).Sum
                $script:Bundle.CompressedSize | Should -Be ($archive.Entries | Measure-Object CompressedLength -Sum).Sum
            }
            finally { $archive.Dispose() }
        }

        It 'works from the pipeline of Get-ChildItem' {
            (Get-ChildItem $TestDrive -Filter *.zip | Get-SpsPluginBundle).Name | Should -Be 'ticket_gate'
        }
    }

    Context 'bad input' {
        It 'says BundleNotZip (InvalidData) for a file that is not a zip' {
            $path = Join-Path $script:Fixtures 'not-a-zip/plugin.zip'
            $output = Get-SpsPluginBundle $path -ErrorVariable errors -ErrorAction SilentlyContinue
            $output | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be 'BundleNotZip,SpsPlugin.Commands.GetSpsPluginBundleCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errors[0].TargetObject | Should -Be $path
        }

        It 'says BundleCorrupt for a truncated zip, and goes on' {
            $path = Join-Path $script:Fixtures 'truncated-zip/plugin.zip'
            $output = $path, $script:ExamplePlugin | Get-SpsPluginBundle -ErrorVariable errors -ErrorAction SilentlyContinue
            @($output).Count | Should -Be 1
            $output.Name | Should -Be 'ticket_gate'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'BundleCorrupt,*'
            $errors[0].Exception.Message | Should -Match 'truncated'
        }

        It 'says the folder was zipped instead of its contents, and still describes the zip' {
            $path = Join-Path $script:Fixtures 'wrapped-folder-zip/plugin.zip'
            $bundle = Get-SpsPluginBundle $path -ErrorVariable errors -ErrorAction SilentlyContinue
            $bundle.WrappingFolder | Should -Be 'ticket_gate/'
            $bundle.HasManifest | Should -BeFalse
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ManifestNotFound,*'
            $errors[0].Exception.Message | Should -Match 'You zipped the folder'
        }

        It 'reports a broken MANIFEST as an error but still lists the folder' {
            $bundle = Get-SpsPluginBundle (Join-Path $script:Fixtures 'manifest-not-yaml') -ErrorVariable errors -ErrorAction SilentlyContinue
            $bundle.HasManifest | Should -BeTrue
            $bundle.Manifest.IsReadable | Should -BeFalse
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ManifestSyntaxError,*'
        }

        It 'says PathNotFound for a missing path' {
            Get-SpsPluginBundle (Join-Path $TestDrive 'missing.zip') -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }
}
