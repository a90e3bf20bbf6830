BeforeDiscovery {
    # Every type an exported cmdlet declares with [OutputType], found from the module itself: a type
    # added by a new cmdlet is checked here as soon as it lands (or must say below why it cannot be).
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:OutputTypes = @(Get-Command -Module SpsPlugin -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'SpsPlugin*' } | Sort-Object FullName -Unique | ForEach-Object { @{ Type = $_.FullName } })
    $script:Widths = @(80, 120) | ForEach-Object { @{ Width = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ViewChecks.ps1')

    # Types no cmdlet here can produce on a fixture, each with the reason; everything else must render.
    $script:Unproducible = @{
        'SpsPlugin.PythonInterpreter' = 'Initialize-SpsPluginEnvironment installs packages into a new virtual environment (minutes); it has no view of its own'
    }

    # Real objects from the cmdlets on fixtures, by type name; the SpsPlugin objects inside their
    # properties (findings, manifest entries, sections) are collected too, as users display them.
    $work = Join-Path $TestDrive 'views'
    $null = New-Item -ItemType Directory $work
    $zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $work 'ticket_gate.zip')
    $cfg = Join-Path $work 'policy.cfg'
    Copy-Item (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') $cfg
    $broken = Join-Path $work 'broken'
    Copy-Item -Recurse $script:ExamplePlugin $broken
    Set-Content (Join-Path $broken 'MANIFEST') "name: broken_plugin_name_that_is_rather_long`nversion: 1.0`ntype: aa`napi: 9.9`nentry_point: main.py"
    $producers = @(
        { Get-SpsPluginManifest $script:ExamplePlugin }
        { Get-SpsPluginBundle $script:ExamplePlugin, $zip.FullName }
        { Get-SpsPluginBundle $zip.FullName -Entry * }
        { Test-SpsPluginBundle $script:ExamplePlugin, $broken, $zip.FullName -Detailed -Severity Information -SkipPythonCheck }
        { Get-ChildItem (Join-Path $script:Fixtures 'cfg-*') -Filter *.cfg -Recurse | Where-Object FullName -NotMatch 'cfg-binary|cfg-invalid-utf8' | Test-SpsPluginConfig -Detailed }
        { Compress-SpsPluginBundle $script:ExamplePlugin (Join-Path $work 'listed.zip') -ListOnly }
        { Compress-SpsPluginBundle $script:ExamplePlugin (Join-Path $work 'packed.zip') -Confirm:$false }
        { Expand-SpsPluginBundle $zip.FullName (Join-Path $work 'expanded') -Confirm:$false }
        { Get-SpsPluginTemplate }
        { Get-SpsPluginRule }
        { New-SpsPlugin -Name views_probe -Path $work -Confirm:$false }
        { New-SpsPluginConnection -Protocol ssh -GatewayUser alice -GatewayGroups admins, operators }
        { Get-SpsPluginConfig $cfg }
        { Get-SpsPluginConfigOption $cfg -IncludeCommented }
        { Set-SpsPluginConfig $cfg -Section views -Name probe -Value 'a value' -PassThru -Confirm:$false }
        { New-SpsPluginConfig @{ section = @{ key = 'value' } } }
        { Merge-SpsPluginConfig $cfg (Join-Path $script:Fixtures 'cfg-policies/prod.cfg') }
        { Compare-SpsPluginConfig $cfg (Join-Path $script:Fixtures 'cfg-policies/prod.cfg') -IncludeEqual }
        { Get-SpsPluginConfig $cfg | Save-SpsPluginConfig (Join-Path $work 'saved.cfg') -PassThru -Confirm:$false }
    )
    if ($script:Python) {
        $producers += @(
            { Invoke-SpsPluginHook $script:ExamplePlugin authenticate -LoginName 'alice' }
            { Invoke-SpsPluginSimulation $script:ExamplePlugin -Answer @{ ticket = @('a', 'b', 'c') } }
            { Invoke-SpsPluginScenario (Join-Path $script:ExamplePlugin 'tests') -Confirm:$false }
        )
    }
    # --- appliance types (publish): a double, a session, a response, a transaction, installed plugins, a publish result
    . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
    $script:ViewDouble = Start-SpsDouble
    $viewSession = Connect-SpsPluginAppliance $script:ViewDouble.Appliance -Credential $script:ViewDouble.Credential -TrustedCertificate $script:ViewDouble.CaCertificatePath -NoDefault
    $producers += @(
        { $viewSession }
        { Invoke-SpsPluginRestMethod transaction -Session $viewSession -Raw }
        { Publish-SpsPluginBundle $zip.FullName -Session $viewSession -CommitMessage 'views: ticket_gate' -Confirm:$false }
        { Get-SpsPluginTransaction -Session $viewSession }
        { Publish-SpsPluginBundle $zip.FullName -Session $viewSession -WhatIf 6>$null }
    )
    # ---
    # --- appliance types (installed)
    # Reporting checksums, so Compare-SpsPluginInstallation shows every status: Same, Different, NotInstalled,
    # and VersionMatchesChecksumUnknown for a folder.
    $script:InstalledDouble = Start-SpsDouble -ReportChecksums
    $installedSession = Connect-SpsPluginAppliance $script:InstalledDouble.Appliance -Credential $script:InstalledDouble.Credential -Insecure -NoDefault
    $installedZip = New-SpsDoublePluginZip $work -Name views_installed_plugin
    $installedKey = Install-SpsDoublePlugin $installedSession $installedZip
    $null = Install-SpsDoublePlugin $installedSession (New-SpsDoublePluginZip $work -Name views_credential_store_plugin -Type credentialstore)
    Invoke-SpsDoubleControl $script:InstalledDouble tamper @{ type = 'aa'; key = $installedKey } | Out-Null
    $installedFolder = Join-Path $work 'installed-folder'
    Expand-SpsPluginBundle $installedZip $installedFolder -Confirm:$false | Out-Null
    $producers += @(
        { Get-SpsPluginInstallation -Session $installedSession }
        { Get-SpsPluginInstallation -Session $installedSession | Test-SpsPluginInstallation -Detailed }
        { Compare-SpsPluginInstallation $installedZip, $installedFolder, (New-SpsDoublePluginZip $work -Name views_installed_plugin -Version 2.0.0-beta.1),
            (New-SpsDoublePluginZip $work -Name views_absent_plugin) -Session $installedSession }
    )
    # ---
    $script:Instances = @{}
    foreach ($producer in $producers) {
        foreach ($item in @(& $producer 3>$null)) { Add-ViewInstance $script:Instances $item }
    }
    # The default output of what the cmdlets write and of every type with a view of ours; Format-List
    # of the types with a list view of ours (PowerShell's own list of all properties is not designed here).
    $views = ([xml](Get-Content -Raw (Join-Path (Split-Path $script:ModulePath) 'SpsPlugin.format.ps1xml'))).Configuration.ViewDefinitions.View
    $script:Viewed = @($views.ViewSelectedBy.TypeName) + @(Get-Command -Module SpsPlugin | ForEach-Object { $_.OutputType.Type.FullName })
    $script:Listed = @($views | Where-Object { $_.ListControl } | ForEach-Object { $_.ViewSelectedBy.TypeName })
}

AfterAll {
    foreach ($double in $script:ViewDouble, $script:InstalledDouble) { if ($double) { Stop-SpsDouble $double } }
}

Describe 'Views' {
    It 'renders <Type> (an [OutputType] of an exported cmdlet) from the cmdlets, or says why not' -ForEach $script:OutputTypes {
        if ($script:Unproducible.ContainsKey($Type)) { Set-ItResult -Skipped -Because $script:Unproducible[$Type]; return }
        if (-not $script:Python -and $Type -match 'Hook|Simulation|Scenario') { Set-ItResult -Skipped -Because $script:NoPythonReason; return }
        $script:Instances.Keys | Should -Contain $Type -Because "Views.Tests.ps1 needs a producer for $Type (or a reason in `$Unproducible)"
    }

    It 'fits <Width> columns with whole headers, no empty column and no word split, for every type' -ForEach $script:Widths {
        $problems = foreach ($type in $script:Instances.Keys | Where-Object { $_ -in $script:Viewed } | Sort-Object) {
            $items = $script:Instances[$type]
            foreach ($form in @('Default') + @(if ($type -in $script:Listed) { 'List' })) {
                $text = if ($form -eq 'List') { $items | Format-List | Out-String -Width $Width } else { $items | Out-String -Width $Width }
                Get-ViewProblem -Text $text -Width $Width -Words (Get-ViewWord $items) | ForEach-Object { "$type ($form, $Width): $_" }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'finds the problems it looks for' {
        # The checks themselves: a cut header, a line too long, an empty column, a word split by a wrap.
        $words = [System.Collections.Generic.HashSet[string]]::new([string[]]@('release', 'given', 'target'), [System.StringComparer]::OrdinalIgnoreCase)
        Get-ViewProblem -Text "`nSeverity Messa…`n-------- ------`nError    x`n" -Width 80 -Words $words | Should -BeLike '*header cut*'
        Get-ViewProblem -Text ('x' * 81) -Width 80 -Words $words | Should -BeLike '*longer than 80*'
        Get-ViewProblem -Text "`nA     B`n-     -`nx`ny`n" -Width 80 -Words $words | Should -BeLike "*column 'B' is empty*"
        Get-ViewProblem -Text "`nA     B`n-     -`nx     no target rel`n      ease given`n" -Width 80 -Words $words | Should -BeLike "*'rel|ease'*"
        Get-ViewProblem -Text "`nName : no target`n       release given`n" -Width 80 -Words $words | Should -BeNullOrEmpty
        # A digest wrapped between its letters is not a split word, even when those letters make one elsewhere.
        $null = $words.Add('fc')
        Get-ViewProblem -Text "`nSha256 : 9e3f`n         c2a1`n" -Width 80 -Words $words | Should -BeNullOrEmpty
    }

    It 'leaves Information findings out of a clean bundle''s default output' {
        $text = Test-SpsPluginBundle $script:ExamplePlugin -Detailed -SkipPythonCheck -ExcludeRule PythonUnavailable | ForEach-Object Findings | Out-String -Width 80
        $text | Should -Not -Match 'ReleaseTarget|Information'
    }

    It 'shows a .cfg finding by its file and line, and a finding''s fix in the list view' {
        $file = Join-Path $script:Fixtures 'cfg-duplicate-option/policy.cfg'
        $finding = (Test-SpsPluginConfig $file -Detailed).Findings | Select-Object -First 1
        ($finding | Out-String -Width 80) | Should -Match "policy\.cfg:$($finding.Line)"
        ($finding | Out-String -Width 80) | Should -Not -Match 'Bundle'
        $fixed = (Test-SpsPluginBundle (Join-Path $TestDrive 'views/broken') -Detailed -SkipPythonCheck).Findings | Where-Object SuggestedFix | Select-Object -First 1
        $list = $fixed | Format-List | Out-String -Width 80
        $list | Should -Match 'SuggestedFix'
        ($list -replace '\s+', ' ') | Should -BeLike "*$(($fixed.SuggestedFix -split '\s+')[0])*"
    }

    It 'outputs the file system''s own items from Save-SpsPluginConfig -PassThru and Expand-SpsPluginBundle' {
        $saved = Get-SpsPluginConfig (Join-Path $script:Fixtures 'cfg-policies/dev.cfg') | Save-SpsPluginConfig (Join-Path $TestDrive 'fs.cfg') -PassThru -Confirm:$false
        $saved | Should -BeOfType System.IO.FileInfo
        $saved.PSProvider.Name | Should -Be 'FileSystem'
        ($saved | Out-String -Width 80) | Should -Match "$($saved.Length)\s+fs\.cfg"
        $zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'fs.zip')
        $folder = Expand-SpsPluginBundle $zip.FullName (Join-Path $TestDrive 'fs-out') -Confirm:$false
        $folder | Should -BeOfType System.IO.DirectoryInfo
        $folder.PSProvider.Name | Should -Be 'FileSystem'
    }
}
