# Get-, Remove-, Test- and Compare-SpsPluginInstallation end to end against SPS doubles
# (tests/pester/SpsDouble.ps1): several appliances at once, the pipeline between the cmdlets by value and
# by property name, ShouldProcess, transactions (own and the caller's) and every comparison status.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
    $script:First = Start-SpsDouble
    # The second reports checksums (undocumented on SPS), so a comparison can be proven Same there.
    $script:Second = Start-SpsDouble -ReportChecksums
    $script:Work = Join-Path $TestDrive 'installed'
    New-Item -ItemType Directory $script:Work | Out-Null
    function Connect-Double($Double) { Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure -NoDefault }
    function Get-DoublePlugins($Double) { @((Invoke-SpsDoubleControl $Double plugins).plugins) }
    $script:Zip = New-SpsDoublePluginZip $script:Work -Name ticket_gate -Version 1.2.0
}

AfterAll { $script:First, $script:Second | Stop-SpsDouble }

Describe 'Get-SpsPluginInstallation' {
    BeforeAll {
        $script:Sessions = @((Connect-Double $First), (Connect-Double $Second))
        foreach ($session in $script:Sessions) { $null = Install-SpsDoublePlugin $session $script:Zip }
        $null = Install-SpsDoublePlugin $script:Sessions[1] (New-SpsDoublePluginZip $script:Work -Name vault_store -Type credentialstore)
    }

    It 'lists the plugins of every session, each carrying its own session' {
        $plugins = Get-SpsPluginInstallation -Session $Sessions
        $plugins | Should -HaveCount 3
        $plugins | Should -BeOfType ([SpsPlugin.SpsInstalledPlugin])
        ($plugins | Where-Object Name -EQ ticket_gate).Appliance | Should -Be $First.Appliance, $Second.Appliance
        ($plugins | Where-Object Appliance -EQ $Second.Appliance | ForEach-Object { $_.Session.Id }) | Select-Object -Unique | Should -Be $Sessions[1].Id
        $gate = $plugins | Where-Object Appliance -EQ $First.Appliance
        $gate.Version, $gate.Api, $gate.Type, $gate.Path | Should -Be '1.2.0', '1.0', 'aa', '/opt/scb/var/plugins/aa/ticket_gate'
    }

    It 'filters by -Name wildcard and -Type, and takes sessions from the pipeline' {
        @($Sessions | Get-SpsPluginInstallation -Name TICKET*) | Should -HaveCount 2
        @(Get-SpsPluginInstallation -Session $Sessions -Type credentialstore).Name | Should -Be 'vault_store'
        @(Get-SpsPluginInstallation nothing* -Session $Sessions) | Should -BeNullOrEmpty
        { Get-SpsPluginInstallation -Type nonsense -Session $Sessions[0] } | Should -Throw '*not a plugin type SPS knows*aa*'
    }

    It 'writes PluginNotInstalled for an exact name that matches nothing, per appliance' {
        $null = Get-SpsPluginInstallation no_such_plugin -Session $Sessions -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'PluginNotInstalled,SpsPlugin.Commands.GetSpsPluginInstallationCommand'
        $failures[0].Exception.Message | Should -BeLike "$($First.Appliance)*no_such_plugin*"
    }

    It 'completes -Type with the plugin types' {
        $line = 'Get-SpsPluginInstallation -Type cred'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be 'credentialstore'
    }
}

Describe 'Remove-SpsPluginInstallation' {
    BeforeEach {
        $script:Double = Start-SpsDouble
        $script:Session = Connect-Double $script:Double
        $script:Key = Install-SpsDoublePlugin $script:Session $script:Zip
    }
    AfterEach { Stop-SpsDouble $script:Double }

    It 'removes nothing under -WhatIf' {
        Get-SpsPluginInstallation -Session $Session | Remove-SpsPluginInstallation -WhatIf
        Get-DoublePlugins $Double | Should -HaveCount 1
        @((Invoke-SpsDoubleControl $Double requests).requests | Where-Object method -EQ DELETE) | Should -BeNullOrEmpty
    }

    It 'removes a piped plugin in a transaction it opens and commits' {
        Get-SpsPluginInstallation ticket_gate -Session $Session | Remove-SpsPluginInstallation -Confirm:$false
        Get-DoublePlugins $Double | Should -BeNullOrEmpty
        (Invoke-SpsPluginRestMethod transaction -Session $Session).body.status | Should -Be 'closed'
    }

    It 'removes by name and type, and by property name from a comparison-like object with a session' {
        [pscustomobject]@{ Name = 'ticket_gate'; Type = 'aa'; Key = $Key; Session = $Session } | Remove-SpsPluginInstallation -Confirm:$false
        Get-DoublePlugins $Double | Should -BeNullOrEmpty
    }

    It 'leaves the removal in the caller''s transaction with -NoCommit, and never commits a transaction it did not open' {
        Invoke-SpsPluginRestMethod transaction -Method POST -Body @{} -Session $Session -Confirm:$false | Out-Null
        Remove-SpsPluginInstallation ticket_gate -Type aa -Session $Session -NoCommit -Confirm:$false
        Get-DoublePlugins $Double | Should -HaveCount 1 -Because 'the removal waits for the caller''s commit'
        $warning = Remove-SpsPluginInstallation -Session $Session -Name * -Confirm:$false 3>&1
        (Invoke-SpsPluginRestMethod transaction -Session $Session).body.status | Should -Be 'open'
        "$warning" | Should -Match "no installed plugin matches -Name '\*'" -Because 'the plugin is already gone inside the open transaction, and doing nothing is said'
        "$warning" | Should -Not -Match 'never commits' -Because 'nothing joined the transaction'
        Invoke-SpsPluginRestMethod transaction -Method PUT -Body @{ status = 'commit' } -Session $Session -Confirm:$false | Out-Null
        Get-DoublePlugins $Double | Should -BeNullOrEmpty
    }

    It 'warns and leaves the commit to the caller when a transaction was already open without -NoCommit' {
        Invoke-SpsPluginRestMethod transaction -Method POST -Body @{} -Session $Session -Confirm:$false | Out-Null
        $warning = Remove-SpsPluginInstallation ticket_gate -Session $Session -Confirm:$false 3>&1
        "$warning" | Should -Match 'never commits a transaction it did not open'
        (Invoke-SpsPluginRestMethod transaction -Session $Session).body.status | Should -Be 'open'
        Get-DoublePlugins $Double | Should -HaveCount 1
    }

    It 'says where a plugin is still used, and cancels only its own transaction' {
        Invoke-SpsDoubleControl $Double in-use @{ type = 'aa'; key = $Key } | Out-Null
        $plugin = Get-SpsPluginInstallation ticket_gate -Session $Session
        { $plugin | Remove-SpsPluginInstallation -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'PluginInUse,SpsPlugin.Commands.RemoveSpsPluginInstallationCommand' -ExpectedMessage "ticket_gate on $($Double.Appliance) is still used by an AA Plugin Configuration: remove it from the AA Plugin Configurations (Policies > AA Plugin Configurations) first*"
        (Invoke-SpsPluginRestMethod transaction -Session $Session).body.status | Should -Be 'closed' -Because 'the transaction it opened was cancelled'
        Get-DoublePlugins $Double | Should -HaveCount 1
    }

    It 'reports a plugin removed meanwhile as PluginNotInstalled, and sealed mode as ApplianceSealed' {
        $plugin = Get-SpsPluginInstallation ticket_gate -Session $Session
        $plugin | Remove-SpsPluginInstallation -Confirm:$false
        { $plugin | Remove-SpsPluginInstallation -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'PluginNotInstalled,SpsPlugin.Commands.RemoveSpsPluginInstallationCommand'
        $null = Install-SpsDoublePlugin $Session $Zip
        Invoke-SpsDoubleControl $Double seal @{ sealed = $true } | Out-Null
        { Remove-SpsPluginInstallation ticket_gate -Session $Session -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ApplianceSealed,SpsPlugin.Commands.RemoveSpsPluginInstallationCommand'
        (Invoke-SpsPluginRestMethod transaction -Session $Session).body.status | Should -Be 'closed'
    }
}

Describe 'Test-SpsPluginInstallation' {
    BeforeAll {
        $script:Double = Start-SpsDouble
        $script:Session = Connect-Double $script:Double
        $script:Key = Install-SpsDoublePlugin $script:Session $script:Zip
    }
    AfterAll { Stop-SpsDouble $script:Double }

    It 'answers $true for an untouched plugin, and $false once its zip is tampered with' {
        Get-SpsPluginInstallation -Session $Session | Test-SpsPluginInstallation | Should -BeExactly $true
        Invoke-SpsDoubleControl $Double tamper @{ type = 'aa'; key = $Key } | Out-Null
        Test-SpsPluginInstallation ticket_gate -Type aa -Session $Session | Should -BeExactly $false
        $result = Get-SpsPluginInstallation -Session $Session | Test-SpsPluginInstallation -Detailed
        $result | Should -BeOfType ([SpsPlugin.SpsPluginIntegrityResult])
        $result.Passed | Should -BeFalse
        ($result.Checks | Where-Object { -not $_.Passed }).Operation | Should -Be 'zip_checksum'
        $result.Appliance, $result.Name, $result.Key | Should -Be $Double.Appliance, 'ticket_gate', $Key
    }

    It 'runs only the operations asked for, and refuses an unknown one' {
        $result = Test-SpsPluginInstallation ticket_gate -Session $Session -Operation zip_content, unregistered -Detailed
        $result.Checks.Operation | Should -Be 'zip_content', 'unregistered'
        $result.Passed | Should -BeTrue
        { Test-SpsPluginInstallation ticket_gate -Session $Session -Operation zip_content, checksum } | Should -Throw '*zip_checksum, zip_content, unregistered*'
    }

    It 'warns when a -Name pattern matches nothing, and writes no error' {
        $warning = Test-SpsPluginInstallation 'no_such_*' -Session $Session -ErrorVariable failures 3>&1
        "$warning" | Should -Match "$([regex]::Escape($Double.Appliance)): no installed plugin matches -Name 'no_such_\*', so Test-SpsPluginInstallation did nothing"
        $failures | Should -BeNullOrEmpty
    }

    It 'answers $false with a PluginNotInstalled record for a plugin that is gone' {
        $plugin = Get-SpsPluginInstallation ticket_gate -Session $Session
        $plugin | Remove-SpsPluginInstallation -Confirm:$false
        $answer = $plugin | Test-SpsPluginInstallation -ErrorVariable failures -ErrorAction SilentlyContinue
        $answer | Should -BeExactly $false
        $failures[0].FullyQualifiedErrorId | Should -Be 'PluginNotInstalled,SpsPlugin.Commands.TestSpsPluginInstallationCommand'
    }
}

Describe 'Compare-SpsPluginInstallation' {
    BeforeAll {
        $script:Sessions = @((Connect-Double $First), (Connect-Double $Second))
        $script:Folder = Join-Path $Work 'ticket_gate_source'
        Expand-SpsPluginBundle $Zip $script:Folder -Confirm:$false | Out-Null
    }

    It 'is Same only where the appliance proves the checksum, VersionMatchesChecksumUnknown elsewhere' {
        $result = Compare-SpsPluginInstallation $Zip -Session $Sessions
        $result | Should -BeOfType ([SpsPlugin.SpsPluginInstallationComparison])
        $result.Status | Should -Be 'VersionMatchesChecksumUnknown', 'Same'
        $result[0].InstalledSha256 | Should -BeNullOrEmpty
        $result[0].Reason | Should -Match 'does not report'
        $result[1].InstalledSha256 | Should -Be $result[1].LocalSha256
        $result.LocalVersion + $result.InstalledVersion | Should -Be '1.2.0', '1.2.0', '1.2.0', '1.2.0'
    }

    It 'is Different for another version or other bytes, naming the fields' {
        $newer = New-SpsDoublePluginZip $Work -Name ticket_gate -Version 1.3.0
        $rebuilt = New-SpsDoublePluginZip $Work -Name ticket_gate -Extra '# rebuilt'
        $result = Get-Item $newer, $rebuilt | Compare-SpsPluginInstallation -Session $Sessions[1]
        $result.Status | Should -Be 'Different', 'Different'
        $result[0].Differences.Field | Should -Be 'version', 'sha256'
        $result[0].Differences[0].Local, $result[0].Differences[0].Installed | Should -Be '1.3.0', '1.2.0'
        $result[1].Differences.Field | Should -Be 'sha256'
    }

    It 'is NotInstalled for a plugin the appliance lacks, and never Same for a folder' {
        (Compare-SpsPluginInstallation (New-SpsDoublePluginZip $Work -Name absent_plugin) -Session $Sessions[0]).Status | Should -Be 'NotInstalled'
        $fromFolder = Compare-SpsPluginInstallation -LiteralPath $Folder -Session $Sessions[1]
        $fromFolder.Status | Should -Be 'VersionMatchesChecksumUnknown'
        $fromFolder.Reason | Should -Match 'folder'
    }

    It 'writes an error for a path that does not exist and goes on' {
        $result = Compare-SpsPluginInstallation (Join-Path $Work nothing.zip), $Zip -Session $Sessions[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Same'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }

    It 'writes PathNotFound for a -Path wildcard that matches nothing, instead of nothing at all' {
        $pattern = Join-Path $Work 'nothing-*.zip'
        $result = Compare-SpsPluginInstallation $pattern -Session $Sessions[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SpsPlugin.Commands.CompareSpsPluginInstallationCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match 'matches no file or folder, so nothing was compared'
    }
}
