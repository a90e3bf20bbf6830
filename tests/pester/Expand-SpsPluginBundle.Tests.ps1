BeforeDiscovery {
    # Each zip of tests/fixtures/hostile-zips and the rule that names its hazard.
    $hazards = [ordered]@{
        'path-traversal.zip' = 'ZipPathTraversal'; 'absolute-path.zip' = 'ZipAbsolutePath'; 'drive-path.zip' = 'ZipDrivePath'
        'backslash.zip' = 'ZipBackslash'; 'symlink.zip' = 'ZipSymlink'; 'bomb.zip' = 'ZipCompressionRatio'
        'duplicate.zip' = 'ZipDuplicateEntry'; 'case-collision.zip' = 'ZipCaseCollision'; 'encrypted.zip' = 'ZipEncrypted'
    }
    $script:HostileZips = foreach ($pair in $hazards.GetEnumerator()) { @{ Fixture = $pair.Key; Hazard = $pair.Value } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Zip = (New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'ticket_gate.zip')).FullName
    $script:Hostile = Join-Path $script:Fixtures 'hostile-zips'
    function New-Destination([string] $Name = 'expanded') { Join-Path $TestDrive ($Name + [guid]::NewGuid().ToString('N').Substring(0, 6)) }
}

Describe 'Expand-SpsPluginBundle' {
    It 'extracts a zip into a new folder and returns that folder' {
        $destination = New-Destination
        $folder = Expand-SpsPluginBundle $script:Zip $destination
        $folder | Should -BeOfType System.IO.DirectoryInfo
        $folder.FullName | Should -Be $destination
        (Get-FileHash (Join-Path $destination 'ticket_gate/plugin.py')).Hash | Should -Be (Get-FileHash (Join-Path $script:ExamplePlugin 'ticket_gate/plugin.py')).Hash
        @(Get-ChildItem -LiteralPath (Split-Path $destination) -Filter '*.tmp') | Should -BeNullOrEmpty
    }

    It 'refuses an existing folder without -Force (FileExists), and merges into it with -Force' {
        $destination = New-Destination
        $null = Expand-SpsPluginBundle $script:Zip $destination
        Set-Content (Join-Path $destination 'ticket_gate/plugin.py') 'changed'
        Set-Content (Join-Path $destination 'mine.txt') 'kept'

        Expand-SpsPluginBundle $script:Zip $destination -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'FileExists,SpsPlugin.Commands.ExpandSpsPluginBundleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be $destination
        Get-Content (Join-Path $destination 'ticket_gate/plugin.py') | Should -Be 'changed'

        (Expand-SpsPluginBundle $script:Zip $destination -Force).FullName | Should -Be $destination
        (Get-FileHash (Join-Path $destination 'ticket_gate/plugin.py')).Hash | Should -Be (Get-FileHash (Join-Path $script:ExamplePlugin 'ticket_gate/plugin.py')).Hash
        Get-Content (Join-Path $destination 'mine.txt') | Should -Be 'kept'
    }

    It 'refuses <Fixture> as a SecurityError named <Hazard>, on the zip, with the fix, and writes nothing' -ForEach $script:HostileZips {
        $zip = Join-Path $script:Hostile $Fixture
        $destination = New-Destination 'hostile'
        Expand-SpsPluginBundle $zip $destination -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Hazard,SpsPlugin.Commands.ExpandSpsPluginBundleCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errors[0].TargetObject | Should -Be $zip
        $errors[0].ErrorDetails.RecommendedAction | Should -Be (Get-SpsPluginRule -Id $Hazard).Fix
        $destination | Should -Not -Exist
        Join-Path $TestDrive 'escaped.py' | Should -Not -Exist
    }

    It 'refuses a truncated zip as ZipCorrupt and writes nothing' {
        $destination = New-Destination
        Expand-SpsPluginBundle (Join-Path $script:Fixtures 'truncated-zip/plugin.zip') $destination -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ZipCorrupt,*'
        $destination | Should -Not -Exist
    }

    It 'goes on with the next zip of the pipeline after a refused or missing one' {
        $destination = New-Destination
        $missing = Join-Path $TestDrive 'missing.zip'
        $folders = (Join-Path $script:Hostile 'path-traversal.zip'), $missing, $script:Zip |
            Expand-SpsPluginBundle -DestinationPath $destination -ErrorVariable errors -ErrorAction SilentlyContinue
        @($folders).FullName | Should -Be @($destination)
        $errors.FullyQualifiedErrorId | Should -Be @('ZipPathTraversal,SpsPlugin.Commands.ExpandSpsPluginBundleCommand', 'PathNotFound,SpsPlugin.Commands.ExpandSpsPluginBundleCommand')
        $errors[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[1].TargetObject | Should -Be $missing
    }

    It 'takes zips by property name: FullName from Get-Item, or Path' {
        $destination = New-Destination
        (Get-Item $script:Zip | Expand-SpsPluginBundle -DestinationPath $destination).FullName | Should -Be $destination
        $other = New-Destination
        ([pscustomobject]@{ Path = $script:Zip } | Expand-SpsPluginBundle -DestinationPath $other).FullName | Should -Be $other
    }

    It 'resolves wildcards in -Path and takes -LiteralPath as typed' {
        $folder = Join-Path $TestDrive 'brackets'
        $null = New-Item -ItemType Directory $folder
        Copy-Item $script:Zip (Join-Path $folder 'plugin[1].zip')
        $byWildcard = New-Destination
        (Expand-SpsPluginBundle (Join-Path $folder 'plugin*.zip') $byWildcard).FullName | Should -Be $byWildcard
        $literal = New-Destination
        (Expand-SpsPluginBundle -LiteralPath (Join-Path $folder 'plugin[1].zip') -DestinationPath $literal).FullName | Should -Be $literal
        # As a wildcard, [1] matches 'plugin1.zip', which is not there: nothing matches, and nothing extracted is said.
        $none = New-Destination
        Expand-SpsPluginBundle (Join-Path $folder 'plugin[1].zip') $none -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Be 'PathNotFound,SpsPlugin.Commands.ExpandSpsPluginBundleCommand'
        $errors[0].Exception.Message | Should -Match 'matches no file or folder, so nothing was extracted'
        $none | Should -Not -Exist
    }

    It 'writes nothing with -WhatIf' {
        $destination = New-Destination
        Expand-SpsPluginBundle $script:Zip $destination -WhatIf | Should -BeNullOrEmpty
        $destination | Should -Not -Exist
    }

    It 'stops when the destination is not on the file system' {
        { Expand-SpsPluginBundle $script:Zip -DestinationPath Env:\nowhere } | Should -Throw -ErrorId 'NotFileSystemPath,*'
    }
}
