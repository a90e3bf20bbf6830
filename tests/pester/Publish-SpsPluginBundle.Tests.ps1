# Publish-SpsPluginBundle and the transaction cmdlets end to end against SPS doubles (tests/pester/SpsDouble.ps1):
# zips, folders and Compress-SpsPluginBundle output, skip and -Force, -WhatIf, -NoCommit into the caller's
# transaction, faults (422, dropped connection, expired session, slow server), and three doubles in parallel.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
    $script:Double = Start-SpsDouble -ReportChecksums
    $script:Zip = (Compress-SpsPluginBundle $script:ExamplePlugin -DestinationPath (Join-Path $TestDrive 'dist/') -SkipValidation).Path

    function Connect-Double($Target = $script:Double, [int] $TimeoutSec = 20) {
        Connect-SpsPluginAppliance $Target.Appliance -Credential $Target.Credential -TrustedCertificate $Target.CaCertificatePath -TimeoutSec $TimeoutSec -NoDefault
    }

    function Get-UploadCount($Target = $script:Double) {
        @((Invoke-SpsDoubleControl $Target requests).requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/upload/plugins' }).Count
    }

    function Reset-Double {
        # Each test starts with no fault and nothing installed: remove what an earlier test committed.
        Invoke-SpsDoubleControl $script:Double fault @{ kind = 'none' } | Out-Null
        $session = Connect-Double
        foreach ($plugin in (Invoke-SpsDoubleControl $script:Double plugins).plugins) {
            Invoke-SpsPluginRestMethod "configuration/plugins/$($plugin.type)/$($plugin.key)" DELETE -Session $session -Confirm:$false | Out-Null
        }
        if ((Get-SpsPluginTransaction -Session $session).IsOpen) { Complete-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null }
        Disconnect-SpsPluginAppliance $session
    }
}

AfterAll { Stop-SpsDouble $script:Double }

Describe 'Publish-SpsPluginBundle' {
    BeforeEach { Reset-Double }

    It 'uploads a zip in its own transaction, commits, and returns the result with the installed plugin' {
        $session = Connect-Double
        $result = Publish-SpsPluginBundle $Zip -Session $session -Confirm:$false
        $result | Should -BeOfType ([SpsPlugin.SpsPluginPublishResult])
        $result.Action | Should -Be 'Uploaded'
        $result.TransactionCommitted | Should -BeTrue
        $result.Installed.Name | Should -Be 'ticket_gate'
        $result.Target | Should -Match "appliance's release 7\.5\.0"
        (Get-SpsPluginTransaction -Session $session).IsOpen | Should -BeFalse
        (Invoke-SpsDoubleControl $Double plugins).plugins.name | Should -Be 'ticket_gate'
    }

    It 'takes Compress-SpsPluginBundle output and folders from the pipeline, and skips what is installed' {
        $session = Connect-Double
        $first = Get-SpsPluginBundle $Zip | Publish-SpsPluginBundle -Session $session -Confirm:$false
        $first.Action | Should -Be 'Uploaded'
        $uploads = Get-UploadCount
        $again = Get-Item $Zip | Publish-SpsPluginBundle -Session $session -Confirm:$false
        $again.Action | Should -Be 'Skipped'
        Get-UploadCount | Should -Be $uploads
        (Publish-SpsPluginBundle $Zip -Session $session -Force -Confirm:$false).Action | Should -Be 'Uploaded'
        # Packing is deterministic: the folder packs to the very bytes of the zip, so it is skipped too.
        ($ExamplePlugin | Publish-SpsPluginBundle -Session $session -Confirm:$false).Action | Should -Be 'Skipped'
        $changed = Join-Path $TestDrive 'changed'
        Copy-Item -Recurse $ExamplePlugin $changed
        Set-Content (Join-Path $changed 'NOTES.txt') 'another build of 1.0.0'
        $rebuilt = Publish-SpsPluginBundle $changed -Session $session -Confirm:$false
        $rebuilt.Action | Should -Be 'Uploaded'
        $rebuilt.Reason | Should -Match 'another checksum'
    }

    It 'sends nothing under -WhatIf and says what it would do' {
        $session = Connect-Double
        $uploads = Get-UploadCount
        $result = Publish-SpsPluginBundle $Zip -Session $session -WhatIf
        $result.Action | Should -Be 'WhatIf'
        $result.Reason | Should -Match 'Would upload'
        Get-UploadCount | Should -Be $uploads
    }

    It 'refuses a bundle with validation errors with PublishValidationFailed, naming the finding' {
        $broken = Join-Path $TestDrive 'broken'
        Copy-Item -Recurse $ExamplePlugin $broken
        (Get-Content (Join-Path $broken MANIFEST)) -replace '^api: .*', 'api: 1.9' | Set-Content (Join-Path $broken MANIFEST)
        $session = Connect-Double
        $uploads = Get-UploadCount
        $result = Publish-SpsPluginBundle $broken -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'PublishValidationFailed,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        $failures[0].Exception.Message | Should -Match 'ReleaseApi'
        $result.Action | Should -Be 'Failed'
        Get-UploadCount | Should -Be $uploads
    }

    It 'uploads into the caller''s transaction with -NoCommit and leaves it open' {
        $session = Connect-Double
        Open-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null
        $result = Publish-SpsPluginBundle $Zip -Session $session -NoCommit -Confirm:$false
        $result.TransactionCommitted | Should -BeFalse
        $state = Get-SpsPluginTransaction -Session $session
        $state.IsOpen | Should -BeTrue
        $state.Changes.Count | Should -Be 1 -Because "the one upload is the one pending change, read from meta.changes' link, not the link counted as one"
        (Invoke-SpsDoubleControl $Double plugins).plugins | Should -BeNullOrEmpty
        (Complete-SpsPluginTransaction -Session $session -CommitMessage 'ticket_gate 1.0.0' -Confirm:$false).IsOpen | Should -BeFalse
        (Invoke-SpsDoubleControl $Double plugins).plugins.name | Should -Be 'ticket_gate'
    }

    It 'writes PathNotFound for a -Path wildcard that matches nothing, and uploads nothing' {
        $session = Connect-Double
        $uploads = Get-UploadCount
        $result = Publish-SpsPluginBundle (Join-Path $TestDrive 'dist/nothing-*.zip') -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        $failures[0].Exception.Message | Should -Match 'matches no file or folder, so nothing was published'
        Get-UploadCount | Should -Be $uploads
    }

    It 'refuses to commit along an open transaction without -NoCommit' {
        $session = Connect-Double
        Open-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null
        Publish-SpsPluginBundle $Zip -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'PublishTransactionOpen,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        (Get-SpsPluginTransaction -Session $session).IsOpen | Should -BeTrue
        Undo-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null
    }

    It 'cancels its own transaction when the appliance answers 422' {
        $session = Connect-Double
        Invoke-SpsDoubleControl $Double fault @{ kind = 'deploy-fail' } | Out-Null
        $result = Publish-SpsPluginBundle $Zip -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'PluginDeploymentFailed,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        $result.Action | Should -Be 'Failed'
        $result.Reason | Should -Match 'was cancelled'
        $result.Reason | Should -Match '^POST /api/upload/plugins answered 422' -Because 'the Reason is the short cause; the appliance has its own column'
        $result.Reason | Should -Not -Match 'Undo-SpsPluginTransaction\) or fix' -Because 'the advice stays in the error record'
        $result.Failure.Message | Should -Match ([regex]::Escape($Double.Appliance))
        (Get-SpsPluginTransaction -Session $session).IsOpen | Should -BeFalse
        (Invoke-SpsDoubleControl $Double plugins).plugins | Should -BeNullOrEmpty
    }

    It 'cancels its own transaction when the connection drops mid-upload' {
        $big = Join-Path $TestDrive 'big'
        Copy-Item -Recurse $ExamplePlugin $big
        $noise = [byte[]]::new(300000); [Random]::new(15).NextBytes($noise)
        [IO.File]::WriteAllBytes((Join-Path $big 'noise.bin'), $noise)
        $session = Connect-Double
        Invoke-SpsDoubleControl $Double fault @{ kind = 'drop-connection'; afterBytes = 20000 } | Out-Null
        Publish-SpsPluginBundle $big -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'ApplianceUnreachable,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        $failures[0].Exception.Message | Should -Match 'was cancelled'
        (Get-SpsPluginTransaction -Session $session).IsOpen | Should -BeFalse
    }

    It 'reports an expired session inside the caller''s transaction and does not repeat the upload' {
        $session = Connect-Double
        Open-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null
        Invoke-SpsDoubleControl $Double expire-sessions | Out-Null
        $uploads = Get-UploadCount
        Publish-SpsPluginBundle $Zip -Session $session -NoCommit -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'ApplianceSessionExpired,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
        Get-UploadCount | Should -Be $uploads
    }

    It 'fails with ApplianceTimeout on a slow server' {
        $session = Connect-Double -TimeoutSec 1
        Invoke-SpsDoubleControl $Double fault @{ kind = 'slow'; delayMs = 3000 } | Out-Null
        Publish-SpsPluginBundle $Zip -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'ApplianceTimeout,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
    }

    It 'stops with NoApplianceSession when there is no session' {
        $closed = Connect-Double
        Disconnect-SpsPluginAppliance $closed
        { Publish-SpsPluginBundle $Zip -Session $closed -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoApplianceSession,SpsPlugin.Commands.PublishSpsPluginBundleCommand'
    }

    It 'publishes to three doubles from ForEach-Object -Parallel' {
        $doubles = 1..3 | ForEach-Object { Start-SpsDouble }
        try {
            $sessions = $doubles | ForEach-Object { Connect-Double $_ }
            $results = $sessions | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:ModulePath
                Publish-SpsPluginBundle $using:Zip -Session $_ -Confirm:$false
            }
            $results.Action | Should -Be @('Uploaded', 'Uploaded', 'Uploaded')
            ($results.Appliance | Sort-Object -Unique).Count | Should -Be 3
            foreach ($each in $doubles) { (Invoke-SpsDoubleControl $each plugins).plugins.name | Should -Be 'ticket_gate' }
        }
        finally { $doubles | Stop-SpsDouble }
    }
}

Describe 'The transaction cmdlets' {
    BeforeEach { Reset-Double }

    It 'open, read, cancel and commit through the session piped by property name' {
        $session = Connect-Double
        $opened = Open-SpsPluginTransaction -Session $session -Confirm:$false
        $opened | Should -BeOfType ([SpsPlugin.SpsApplianceTransaction])
        $opened.IsOpen | Should -BeTrue
        $opened.RemainingSeconds | Should -BeGreaterThan 0
        ($opened | Get-SpsPluginTransaction).IsOpen | Should -BeTrue
        ($opened | Undo-SpsPluginTransaction -Confirm:$false).IsOpen | Should -BeFalse
        Open-SpsPluginTransaction -Session $session -Confirm:$false | Out-Null
        ($opened | Complete-SpsPluginTransaction -Confirm:$false).IsOpen | Should -BeFalse
    }

    It 'changes nothing under -WhatIf, and uses the default session' {
        $session = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -TrustedCertificate $Double.CaCertificatePath
        Open-SpsPluginTransaction -WhatIf | Should -BeNullOrEmpty
        (Get-SpsPluginTransaction).IsOpen | Should -BeFalse
        Open-SpsPluginTransaction -Confirm:$false | Out-Null
        Undo-SpsPluginTransaction -WhatIf | Should -BeNullOrEmpty
        Complete-SpsPluginTransaction -WhatIf | Should -BeNullOrEmpty
        (Get-SpsPluginTransaction).IsOpen | Should -BeTrue
        Undo-SpsPluginTransaction -Confirm:$false | Out-Null
        Disconnect-SpsPluginAppliance $session
    }

    It 'reports a transaction held by another user as ApplianceTransactionConflict' {
        $session = Connect-Double
        Invoke-SpsDoubleControl $Double lock @{ user = 'someone-else' } | Out-Null
        try {
            Open-SpsPluginTransaction -Session $session -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
            $failures[0].FullyQualifiedErrorId | Should -Be 'ApplianceTransactionConflict,SpsPlugin.Commands.OpenSpsPluginTransactionCommand'
        }
        finally { Invoke-SpsDoubleControl $Double unlock | Out-Null }
    }
}
