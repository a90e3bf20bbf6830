BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function Copy-ExamplePlugin([string] $Name = 'plugin') {
        $target = Join-Path $TestDrive ($Name + [guid]::NewGuid().ToString('N').Substring(0, 6))
        Copy-Item -Recurse $script:ExamplePlugin $target
        $target
    }
}

Describe 'Compress-SpsPluginBundle' {
    It 'packs a plugin into dist/<name>-<version>.zip and returns the bundle' {
        $folder = Copy-ExamplePlugin
        $bundle = Compress-SpsPluginBundle $folder -TargetSpsVersion 8.0
        $bundle | Should -BeOfType SpsPlugin.SpsPluginBundle
        $bundle.Path | Should -Be (Join-Path $folder 'dist/ticket_gate-1.0.0.zip')
        $bundle.Sha256 | Should -Be (Get-FileHash $bundle.Path -Algorithm SHA256).Hash.ToLowerInvariant()
        $bundle.Entries.Path | Should -Not -Match '\\'
        Test-SpsPluginBundle $bundle.Path -TargetSpsVersion 8.0 | Should -BeTrue
    }

    It 'refuses a FIFO in the folder by name, at once, leaving no temporary file' -Skip:$IsWindows {
        $folder = Copy-ExamplePlugin
        mkfifo (Join-Path $folder 'pipe')
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Compress-SpsPluginBundle $folder -SkipValidation -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SpecialFile,*'
        $errors[0].Exception.Message | Should -Match "'pipe' is a FIFO"
        @(Get-ChildItem $folder -Recurse -Force -Filter '*.tmp').Count | Should -Be 0
        Join-Path $folder 'dist' | Get-ChildItem -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Test-SpsPluginBundle $folder -Detailed).Findings | Where-Object RuleId -EQ 'StructureSpecialFile' | ForEach-Object Entry | Should -Be 'pipe'
    }

    It 'gives the same SHA-256 for two copies with different times' {
        $first = Copy-ExamplePlugin 'a'
        $second = Copy-ExamplePlugin 'b'
        Get-ChildItem $second -Recurse -File | ForEach-Object { $_.LastWriteTime = [datetime]'2030-01-02 03:04:05' }
        $a = Compress-SpsPluginBundle $first -DestinationPath (Join-Path $TestDrive 'a.zip')
        $b = Compress-SpsPluginBundle $second -DestinationPath (Join-Path $TestDrive 'b.zip')
        $a.Sha256 | Should -Be $b.Sha256
    }

    It 'honours SOURCE_DATE_EPOCH' {
        $env:SOURCE_DATE_EPOCH = '1700000000'
        try { $bundle = Compress-SpsPluginBundle (Copy-ExamplePlugin) -DestinationPath (Join-Path $TestDrive 'epoch.zip') }
        finally { Remove-Item Env:SOURCE_DATE_EPOCH }
        $bundle.Entries[0].LastWriteTime | Should -Be ([datetime]'2023-11-14 22:13:20')
    }

    It 'stops at a SOURCE_DATE_EPOCH that is not whole seconds, before writing anything' {
        $destination = Join-Path $TestDrive 'bad-epoch.zip'
        $env:SOURCE_DATE_EPOCH = 'yesterday'
        try { { Compress-SpsPluginBundle (Copy-ExamplePlugin) -DestinationPath $destination } | Should -Throw -ErrorId 'InvalidSourceDateEpoch,*' -ExpectedMessage "SOURCE_DATE_EPOCH is 'yesterday'*" }
        finally { Remove-Item Env:SOURCE_DATE_EPOCH }
        Test-Path $destination | Should -BeFalse
    }

    It 'is accepted by unzip -t' {
        if (-not (Get-Command unzip -CommandType Application -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'unzip is not installed' }
        $bundle = Compress-SpsPluginBundle (Copy-ExamplePlugin) -DestinationPath (Join-Path $TestDrive 'unzip-check.zip')
        unzip -tq $bundle.Path | Should -Match 'No errors detected'
    }

    It 'is accepted by Python zipfile' {
        Skip-WithoutPython
        $bundle = Compress-SpsPluginBundle (Copy-ExamplePlugin) -DestinationPath (Join-Path $TestDrive 'python-check.zip')
        & $script:Python -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())' $bundle.Path | Should -Be 'None'
    }

    It 'refuses to overwrite without -Force, and replaces with it' {
        $folder = Copy-ExamplePlugin
        $first = Compress-SpsPluginBundle $folder
        Compress-SpsPluginBundle $folder -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Compress-SpsPluginBundle $folder -Force).Sha256 | Should -Be $first.Sha256
    }

    It 'writes nothing with -WhatIf, and lists the entries with -ListOnly' {
        $folder = Copy-ExamplePlugin
        Compress-SpsPluginBundle $folder -WhatIf | Should -BeNullOrEmpty
        Join-Path $folder 'dist' | Should -Not -Exist
        $entries = Compress-SpsPluginBundle $folder -ListOnly
        $entries | Should -BeOfType SpsPlugin.SpsPluginPackEntry
        $entries.Path | Should -Be @('MANIFEST', 'default.cfg', 'main.py', 'ticket_gate/__init__.py', 'ticket_gate/plugin.py')
        Join-Path $folder 'dist' | Should -Not -Exist
    }

    It 'leaves out .spsignore and -Exclude patterns, and -Include forces files back' {
        $folder = Copy-ExamplePlugin
        Set-Content (Join-Path $folder 'notes.md') 'notes'
        Set-Content (Join-Path $folder '.spsignore') "*.md"
        $null = New-Item -ItemType Directory -Force (Join-Path $folder 'tests')
        Set-Content (Join-Path $folder 'tests/sample.json') '{}'
        $entries = Compress-SpsPluginBundle $folder -ListOnly -Exclude 'default.cfg' -Include 'tests/sample.json'
        $entries.Path | Should -Not -Contain 'notes.md'
        $entries.Path | Should -Not -Contain 'default.cfg'
        $entries.Path | Should -Not -Contain '.spsignore'
        $entries.Path | Should -Contain 'tests/sample.json'
    }

    It 'rewrites only the packed MANIFEST with -Version and -Snapshot' {
        $folder = Copy-ExamplePlugin
        $before = Get-Content (Join-Path $folder 'MANIFEST') -Raw
        $bundle = Compress-SpsPluginBundle $folder -Version 2.0.10 -Snapshot -DestinationPath (Join-Path $TestDrive 'snap/')
        $bundle.Version | Should -Match '^2\.0\.10-\d{8}T\d{6}$'
        $bundle.Path | Should -BeLike '*ticket_gate-2.0.10-*.zip'
        Get-SpsPluginBundle $bundle.Path -Read MANIFEST | Select-Object -First 1 | Should -Match '^# An example AA plugin'
        Get-Content (Join-Path $folder 'MANIFEST') -Raw | Should -BeExactly $before
    }

    It 'stops on validation errors (with the findings) unless -SkipValidation' {
        $folder = Copy-ExamplePlugin
        (Get-Content (Join-Path $folder 'MANIFEST') -Raw).Replace('name: ticket_gate', 'name: ticket-gate') | Set-Content (Join-Path $folder 'MANIFEST') -NoNewline
        Compress-SpsPluginBundle $folder -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Contain 'ManifestName,SpsPlugin.Commands.CompressSpsPluginBundleCommand'
        (Compress-SpsPluginBundle $folder -SkipValidation).Name | Should -Be 'ticket-gate'
    }

    It 'packs many folders from the pipeline' {
        $folders = (Copy-ExamplePlugin 'x'), (Copy-ExamplePlugin 'y')
        $manifest = Join-Path $folders[1] 'MANIFEST'
        (Get-Content $manifest -Raw).Replace('name: ticket_gate', 'name: second_gate') | Set-Content $manifest -NoNewline
        $bundles = $folders | Get-Item | Compress-SpsPluginBundle -DestinationPath (Join-Path $TestDrive 'many/')
        @($bundles).Count | Should -Be 2
        @($bundles.Path | Split-Path -Leaf) | Should -Be @('ticket_gate-1.0.0.zip', 'second_gate-1.0.0.zip')
    }
}

Describe 'Get-SpsPluginBundle -Entry and -Read' {
    BeforeAll { $script:Zip = (New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'read.zip')).FullName }

    It 'lists matching entries' {
        (Get-SpsPluginBundle $script:Zip -Entry '*.py').Path | Sort-Object | Should -Be @('main.py', 'ticket_gate/__init__.py', 'ticket_gate/plugin.py')
        Get-SpsPluginBundle $script:Zip -Entry '*.py' | Should -BeOfType SpsPlugin.SpsPluginBundleEntry
    }

    It 'reads one entry as lines without extracting' {
        $lines = Get-SpsPluginBundle $script:Zip -Read default.cfg
        $lines | Should -Be (Get-Content (Join-Path $script:ExamplePlugin 'default.cfg'))
    }

    It 'says BundleEntryNotFound for a missing entry' {
        Get-SpsPluginBundle $script:Zip -Read nothing.txt -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BundleEntryNotFound,*'
    }
}
