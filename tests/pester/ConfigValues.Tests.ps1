BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function New-PolicyFile([string] $Text) {
        $path = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).cfg"
        [IO.File]::WriteAllText($path, $Text)
        $path
    }

    $script:Template = "[logging]`nlog_level = info`n[whitelist source=ldap_server_group]`n; allow=no_user`n; except=<group-1>,<group-2>,...`n[whitelist source=user_list]`n; name=<list>`n[duo]`nskey = s3cr3t-literal`n"
}

Describe 'Values a cmdlet writes into a configuration' {
    # The cmdlet layer of the class table in ConfigValueTextTests: PowerShell's own shapes of each class.
    It 'writes <Class> as <Expected>' -ForEach @(
        @{ Class = 'a string'; Value = { 'debug' }; Expected = 'debug' }
        @{ Class = 'a PSObject-wrapped string'; Value = { [psobject]'debug' }; Expected = 'debug' }
        @{ Class = '$true'; Value = { $true }; Expected = 'yes' }
        @{ Class = '$false'; Value = { $false }; Expected = 'no' }
        @{ Class = 'an integer'; Value = { 42 }; Expected = '42' }
        @{ Class = 'a large integer'; Value = { 12345678901234 }; Expected = '12345678901234' }
        @{ Class = 'a decimal'; Value = { 1.50d }; Expected = '1.50' }
        @{ Class = 'a double, as Python reads it'; Value = { 0.5 }; Expected = '0.5' }
        @{ Class = 'a SecureString, as its text'; Value = { ConvertTo-SecureString 'pa55' -AsPlainText -Force }; Expected = 'pa55' }
    ) {
        $before = [cultureinfo]::CurrentCulture
        try {
            # A decimal comma must not reach the file.
            [cultureinfo]::CurrentCulture = 'de-DE'
            $config = New-SpsPluginConfig @{ 'plugin.option' = (& $Value) }
            (Set-SpsPluginConfig -InputObject $config -Section plugin -Name other -Value (& $Value)).Text |
                Should -BeExactly "[plugin]`noption=$Expected`nother=$Expected`n"
        }
        finally {
            [cultureinfo]::CurrentCulture = $before
        }
    }

    It 'refuses <Class> with ConfigValueType naming the type, and writes nothing' -ForEach @(
        @{ Class = 'a pscustomobject'; Value = { [pscustomobject]@{ a = 1 } }; Type = 'PSCustomObject' }
        @{ Class = 'a date'; Value = { [datetime]'2026-11-30' }; Type = 'System.DateTime' }
        @{ Class = 'a script block'; Value = { { 'code' } }; Type = 'System.Management.Automation.ScriptBlock' }
        @{ Class = 'an enum'; Value = { [System.DayOfWeek]::Monday }; Type = 'System.DayOfWeek' }
        @{ Class = 'an array for an option that is no list'; Value = { , @('Admins', 'Ops') }; Type = "-join ','" }
    ) {
        $path = New-PolicyFile $script:Template
        $value = & $Value
        $error = { Set-SpsPluginConfig $path -Section 'whitelist source=user_list' -Name name -Value $value -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigValueType*' -PassThru
        $error.Exception.Message | Should -BeLike "*``[whitelist source=user_list``] name*"
        $error.Exception.Message | Should -BeLike "*$Type*"
        [IO.File]::ReadAllText($path) | Should -BeExactly $script:Template
        { New-SpsPluginConfig @{ 'whitelist source=user_list.name' = $value } } | Should -Throw -ErrorId 'ConfigValueType*'
    }

    It 'says how to give a date as text' {
        { New-SpsPluginConfig @{ 'plugin.since' = (Get-Date) } } | Should -Throw "*ToString('yyyy-MM-dd')*"
    }

    It 'joins an array with commas where the option is a list: the SDK''s, or one the template shows with commas' {
        $path = New-PolicyFile $script:Template
        Set-SpsPluginConfig $path -Section 'whitelist source=ldap_server_group' -Name except -Value @('Admins', 'Ops')
        Get-SpsPluginConfigOption $path -Section 'whitelist source=ldap_server_group' -Name except | ForEach-Object Value | Should -Be 'Admins,Ops'
        (New-SpsPluginConfig @{ 'auth.interactive_protocols' = @('rdp', 'ssh') }).Text | Should -BeExactly "[auth]`ninteractive_protocols=rdp,ssh`n"
        $fromTemplate = New-SpsPluginConfig -FromTemplate (New-PolicyFile "[safeguard]`n; address=<address>,<address>,...`n") -Value @{ 'safeguard.address' = @('10.0.0.1', '10.0.0.2') }
        $fromTemplate.Text | Should -BeExactly "[safeguard]`naddress=10.0.0.1,10.0.0.2`n"
    }

    It 'shows a SecureString as ******** in -WhatIf whatever the option is called, never its text' {
        $path = New-PolicyFile $script:Template
        $output = Get-HostOutput "Set-SpsPluginConfig '$path' -Value @{ 'plugin.client_id' = (ConvertTo-SecureString 'n3w-s3cr3t' -AsPlainText -Force) } -WhatIf"
        $output | Should -Match 'append a new section \[plugin\] with client_id = \*{8}'
        $output | Should -Not -Match 'n3w-s3cr3t'
        [IO.File]::ReadAllText($path) | Should -BeExactly $script:Template
    }
}

Describe 'Configuration snapshots' {
    BeforeEach {
        $script:Path = New-PolicyFile $script:Template
        $script:Live = Get-SpsPluginConfig $script:Path
    }

    It 'works from the text a <How> snapshot carries, even when the file changed or is gone' -ForEach @(
        @{ How = 'Export-Clixml/Import-Clixml'; RoundTrip = { param($c) $xml = Join-Path $TestDrive 'snap.xml'; $c | Export-Clixml $xml; Import-Clixml $xml } }
        @{ How = 'ConvertTo-Json/ConvertFrom-Json'; RoundTrip = { param($c) $c | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json } }
    ) {
        $snapshot = & $RoundTrip $script:Live
        $snapshot | Should -Not -BeOfType ([SpsPlugin.SpsPluginConfig])
        [IO.File]::WriteAllText($script:Path, "[logging]`nlog_level = changed-since`n")
        $edited = $snapshot | Set-SpsPluginConfig -Section logging -Name log_level -Value debug -ErrorAction Stop
        $edited.Text | Should -BeExactly ($script:Template -replace 'log_level = info', 'log_level = debug')
        $edited.Path | Should -Be $script:Path
        Remove-Item $script:Path
        (Merge-SpsPluginConfig -Base $snapshot -Overlay (New-SpsPluginConfig @{ 'logging.log_level' = 'warn' }) -ErrorAction Stop).Text |
            Should -BeLike '*log_level = warn*'
        (Get-SpsPluginConfigOption -InputObject $snapshot -Section duo -Name skey -ErrorAction Stop).Value | Should -Be 's3cr3t-literal'
        @(Compare-SpsPluginConfig -ReferenceObject $snapshot -DifferenceObject $script:Live -ErrorAction Stop).Count | Should -Be 0
    }

    It 'never prints the carried text in a binding error' {
        $bad = [pscustomobject]@{ Path = $script:Path; Text = [pscustomobject]@{ inner = 's3cr3t-literal' } }
        $error = { Set-SpsPluginConfig -InputObject $bad -Section a -Name b -Value c } | Should -Throw -PassThru
        $error.Exception.Message | Should -Not -BeLike '*s3cr3t*'
        $error.Exception.Message | Should -BeLike '*Text*'
        $notConfig = [pscustomobject]@{ Name = 'x'; Secret = 's3cr3t-literal' }
        $error = { Merge-SpsPluginConfig -Base $notConfig -Overlay $script:Live } | Should -Throw -ErrorId 'ConfigArgumentInvalid*' -PassThru
        $error.Exception.Message | Should -Not -BeLike '*s3cr3t*'
    }
}

Describe 'Set-SpsPluginConfig from the pipeline by property name' {
    BeforeEach {
        $script:A = New-PolicyFile $script:Template
        $script:B = New-PolicyFile "[logging]`nlog_level = info`n"
    }

    It 'applies a CSV of changes (Path, Section, Name, Value), -WhatIf first' {
        $csv = Join-Path $TestDrive 'changes.csv'
        @(
            [pscustomobject]@{ Path = $script:A; Section = 'logging'; Name = 'log_level'; Value = 'debug' }
            [pscustomobject]@{ Path = $script:B; Section = 'auth'; Name = 'prompt'; Value = 'Ticket?' }
        ) | Export-Csv $csv
        Import-Csv $csv | Set-SpsPluginConfig -WhatIf
        [IO.File]::ReadAllText($script:A) | Should -BeExactly $script:Template
        Import-Csv $csv | Set-SpsPluginConfig
        (Get-SpsPluginConfigOption $script:A -Section logging -Name log_level).Value | Should -Be 'debug'
        [IO.File]::ReadAllText($script:B) | Should -BeExactly "[logging]`nlog_level = info`n`n[auth]`nprompt = Ticket?`n"
    }

    It 'sets or comments out the options Get-SpsPluginConfigOption finds, in the files they came from' {
        Get-SpsPluginConfigOption $script:A, $script:B -Name log_level | Set-SpsPluginConfig -Value debug
        (Get-SpsPluginConfigOption $script:A, $script:B -Name log_level).Value | Should -Be @('debug', 'debug')
        # -Disable leaves the option's own Value unused instead of calling it a conflict.
        Get-SpsPluginConfigOption $script:B -Name log_level | Set-SpsPluginConfig -Disable
        [IO.File]::ReadAllText($script:B) | Should -BeExactly "[logging]`n; log_level = debug`n"
    }

    It 'keeps its parameter sets unambiguous' {
        $command = Get-Command Set-SpsPluginConfig
        $command.ParameterSets.Name | Sort-Object | Should -Be @('InputObject', 'LiteralPath', 'Path')
        foreach ($name in 'Section', 'Name', 'Value') {
            $command.Parameters[$name].Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -Not -Contain $false
        }
        (Get-Command Set-SpsPluginConfig -Syntax) -split "`n" | Where-Object { $_ -match '\S' } | Should -HaveCount 3
    }
}
