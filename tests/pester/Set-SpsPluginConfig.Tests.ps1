BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Set-SpsPluginConfig' {
    BeforeEach {
        $script:Folder = Copy-Policies
        $script:Dev = Join-Path $script:Folder 'dev.cfg'
        $script:Prod = Join-Path $script:Folder 'prod.cfg'
    }

    It 'changes only the line of the option' {
        $before = Get-Content $script:Dev
        Set-SpsPluginConfig $script:Dev -Section logging -Name log_level -Value info
        $after = Get-Content $script:Dev
        $after.Count | Should -Be $before.Count
        @(Compare-Object $before $after).Count | Should -Be 2
        $after[6] | Should -Be 'log_level=info'
    }

    It 'keeps CRLF line ends when editing' {
        Set-SpsPluginConfig $script:Prod -Section ticket -Name max_attempts -Value 5
        [IO.File]::ReadAllText($script:Prod) | Should -BeExactly "# Production policy for ticket_gate`r`n[ticket]`r`npattern=^(INC|CHG)[0-9]{6,}$`r`nmax_attempts=5`r`n`r`n[logging]`r`nlog_level=warning`r`n"
    }

    It 'edits many files from the pipeline, and -WhatIf writes nothing' {
        $before = Get-ChildItem $script:Folder | ForEach-Object { Get-FileHash $_.FullName }
        Get-ChildItem $script:Folder -Filter *.cfg | Set-SpsPluginConfig -Section logging -Name log_level -Value error -WhatIf
        (Get-ChildItem $script:Folder | ForEach-Object { Get-FileHash $_.FullName }).Hash | Should -Be $before.Hash
        Get-ChildItem $script:Folder -Filter *.cfg | Set-SpsPluginConfig -Section logging -Name log_level -Value error
        (Get-ChildItem $script:Folder -Filter *.cfg | Get-SpsPluginConfigOption -Name log_level).Value | Should -Be @('error', 'error')
    }

    It 'sets many values from a hashtable, creating a missing section at the end' {
        Set-SpsPluginConfig $script:Dev -Value @{ 'ticket.prompt' = 'Ticket?'; credential_store = @{ name = 'store' } }
        $config = Get-SpsPluginConfig $script:Dev
        $config.Sections.Name | Should -Be @('ticket', 'logging', 'credential_store')
        ($config.Options | Where-Object Name -EQ 'prompt').Line | Should -Be 5
    }

    It 'enables a commented template option in place' {
        Copy-Item (Join-Path $script:ExamplePlugin 'default.cfg') $script:Dev -Force
        Set-SpsPluginConfig $script:Dev -Value @{ 'duo.ikey' = '$' }
        Set-Content $script:Dev -Value "[duo]`n; ikey=<API-integration-key>`n; skey=<API-security-key>`n" -NoNewline
        Set-SpsPluginConfig $script:Dev -Section duo -Name ikey -Value '$'
        Get-Content $script:Dev -Raw | Should -BeExactly "[duo]`nikey=$`n; skey=<API-security-key>`n"
    }

    It 'comments an option out with -Disable and removes sections' {
        Set-SpsPluginConfig $script:Dev -Section ticket -Name max_attempts -Disable
        Set-SpsPluginConfig $script:Dev -RemoveSection logging
        $config = Get-SpsPluginConfig $script:Dev
        $config.Sections.Name | Should -Be 'ticket'
        ($config | Get-SpsPluginConfigOption -Name max_attempts -IncludeCommented).IsEnabled | Should -BeFalse
    }

    It 'writes $true and $false as yes and no' {
        Set-SpsPluginConfig $script:Dev -Section auth -Name disable_echo -Value $true -PassThru |
            Get-SpsPluginConfigOption -Name disable_echo | ForEach-Object Value | Should -Be 'yes'
    }

    It 'edits an object from text in memory and writes it to the pipeline' {
        $edited = Get-SpsPluginConfig -Content (Get-Content -Raw $script:Dev) | Set-SpsPluginConfig -Section logging -Name log_level -Value info
        ($edited | Get-SpsPluginConfigOption -Name log_level).Value | Should -Be 'info'
        $edited.SourceFile | Should -BeNullOrEmpty
    }

    It 'edits an object from a plugin folder in memory: its default.cfg is the template policies are made from' {
        $plugin = Join-Path $script:Folder 'plugin'
        Copy-Item -Recurse $script:ExamplePlugin $plugin
        $hash = (Get-FileHash (Join-Path $plugin 'default.cfg')).Hash
        $edited = Get-SpsPluginConfig $plugin | Set-SpsPluginConfig -Section ticket -Name max_attempts -Value 5
        ($edited | Get-SpsPluginConfigOption -Name max_attempts).Value | Should -Be '5'
        (Get-FileHash (Join-Path $plugin 'default.cfg')).Hash | Should -Be $hash
    }

    It 'writes the file an object was read from, as a path does, and passes on an object that can be edited again' {
        $result = Get-SpsPluginConfig $script:Dev | Set-SpsPluginConfig -Section logging -Name log_level -Value info
        $result | Should -BeNullOrEmpty
        (Get-SpsPluginConfigOption $script:Dev -Name log_level).Value | Should -Be 'info'
        $passed = Get-SpsPluginConfig $script:Dev | Set-SpsPluginConfig -Section logging -Name log_level -Value warning -PassThru
        $passed | Set-SpsPluginConfig -Section logging -Name log_level -Value error
        (Get-SpsPluginConfigOption $script:Dev -Name log_level).Value | Should -Be 'error'
    }

    It 'refuses to write an object back over a file that changed since it was read' {
        $config = Get-SpsPluginConfig $script:Dev
        Add-Content -LiteralPath $script:Dev -Value 'added = by someone else'
        $config | Set-SpsPluginConfig -Section logging -Name log_level -Value info -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigFileChanged,*'
        $errors[0].Exception.Message | Should -BeLike "*$script:Dev*"
        Get-Content -LiteralPath $script:Dev -Raw | Should -Match 'added = by someone else'
    }

    It 'shows old -> new, an enabled template, an added line and an appended section in -WhatIf' {
        # What-if text goes to the host, so it is read from a child pwsh's output.
        Set-Content -LiteralPath $script:Dev -Value "[auth]`n; max_attempts=3`nuser = a`n"
        Push-Location $script:RepoRoot
        try {
            $output = & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath'; Get-SpsPluginConfig '$script:Dev' | Set-SpsPluginConfig -Value @{ 'auth.max_attempts' = 5; 'auth.user' = 'b'; 'auth.timeout' = 9; 'new.x' = 1 } -WhatIf; Get-SpsPluginConfig -Content '[a]' | Set-SpsPluginConfig -Section a -Name x -Value 1 -WhatIf" 2>&1 | Out-String
        }
        finally { Pop-Location }
        $output = $output -replace '\s+', ' '
        $output | Should -Match "enable the commented template on line 2 \('3'\) as '5'"
        $output | Should -Match "\[auth\] user: 'a' -> 'b'"
        $output | Should -Match "\[auth\] timeout: add a line with '9'"
        $output | Should -Match "append a new section \[new\]"
        $output | Should -Match 'in memory: no file is written'
        Get-Content -LiteralPath $script:Dev -Raw | Should -Match '; max_attempts=3'
    }

    It 'warns about a new section or option that looks like a typo, and refuses it with -Strict' {
        Set-Content -LiteralPath $script:Dev -Value "[logging]`nlog_level = info`nhttps_proxy = p`n"
        Set-SpsPluginConfig $script:Dev -Section Logging -Name log_level -Value debug -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match '\[Logging\] is new, but \[logging\] exists'
        Set-SpsPluginConfig $script:Dev -Section logging -Name https-proxy -Value q -Strict -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigNameSuspicious,*'
        $errors[0].Exception.Message | Should -Match "has 'https_proxy'"
        Get-Content -LiteralPath $script:Dev -Raw | Should -Not -Match 'https-proxy'
    }

    It 'repairs a file whose only error is the duplicated section it removes' {
        Set-Content -LiteralPath $script:Dev -Value "[old]`nx = 1`n[keep]`ny = 2`n[old]`nz = 3`n"
        Set-SpsPluginConfig $script:Dev -RemoveSection old -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'repairs the file'
        (Get-SpsPluginConfig $script:Dev).Sections.Name | Should -Be @('keep')
    }

    It 'repairs a file whose only error is the duplicated option it edits' {
        Set-Content -LiteralPath $script:Dev -Value "[auth]`nuser = a`nuser = b`n  more`nother = 1`n"
        Set-SpsPluginConfig $script:Dev -Section auth -Name other -Value 2 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigDuplicateOption,*'
        Set-SpsPluginConfig $script:Dev -Section auth -Name user -Value c -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'repairs the file'
        $config = Get-SpsPluginConfig $script:Dev
        $config.IsReadable | Should -BeTrue
        ($config | Get-SpsPluginConfigOption -Name user).Value | Should -Be 'c'
        $config.Text | Should -Match '; user = b'
        $config.Text | Should -Match ';   more'
    }

    It 'masks secret values in -WhatIf messages' {
        $output = Get-HostOutput "Set-SpsPluginConfig '$script:Dev' -Section api -Name password -Value hunter2 -WhatIf"
        $output | Should -Match 'append a new section \[api\] with password = \*{8}'
        $output | Should -Not -Match 'hunter2'
    }

    It 'refuses a value configparser would not read back, writing nothing' {
        $hash = (Get-FileHash $script:Dev).Hash
        Set-SpsPluginConfig $script:Dev -Section ticket -Name prompt -Value ' padded ' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigEditRejected,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-FileHash $script:Dev).Hash | Should -Be $hash
    }

    It 'refuses a value with a carriage return, which configparser.read(path) would end the line at' {
        $hash = (Get-FileHash $script:Dev).Hash
        Set-SpsPluginConfig $script:Dev -Section ticket -Name prompt -Value "ok`r[evil]`rbackdoor = yes" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigEditRejected,*'
        $errors[0].Exception.Message | Should -Match '\[ticket\] prompt .*carriage return \(U\+000D'
        (Get-FileHash $script:Dev).Hash | Should -Be $hash
    }

    It 'refuses a carriage return in New-SpsPluginConfig values too' {
        { New-SpsPluginConfig @{ 'ticket.prompt' = "ok`r[evil]" } -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigEditRejected,SpsPlugin.Commands.NewSpsPluginConfigCommand'
    }

    It 'edits a file with carriage-return-only line ends in place, without a second section' {
        $mac = Join-Path $script:Folder 'mac.cfg'
        [IO.File]::WriteAllText($mac, "[ticket]`rprompt=Ticket?`r`r[logging]`rlog_level=info`r")
        Set-SpsPluginConfig $mac -Section logging -Name log_level -Value debug
        [IO.File]::ReadAllText($mac) | Should -BeExactly "[ticket]`rprompt=Ticket?`r`r[logging]`rlog_level=debug`r"
    }

    It 'refuses to edit a file with parse errors, naming the line, and goes on' {
        $broken = Join-Path $script:Folder 'broken.cfg'
        Copy-Item (Join-Path $script:Fixtures 'cfg-syntax-error/policy.cfg') $broken
        $broken, $script:Dev | Set-SpsPluginConfig -Section logging -Name log_level -Value info -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigSyntaxError,*'
        (Get-SpsPluginConfigOption $script:Dev -Name log_level).Value | Should -Be 'info'
    }

    It 'stops at once when the parameters do not say what to change' {
        { Set-SpsPluginConfig $script:Dev -Section logging -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfigEdit,SpsPlugin.Commands.SetSpsPluginConfigCommand'
    }

    It 'refuses to edit inside a zip' {
        $zip = New-TestZip -Source $script:ExamplePlugin -Destination (Join-Path $TestDrive 'p.zip')
        Set-SpsPluginConfig $zip.FullName -Section logging -Name log_level -Value debug -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ConfigEditRejected,*'
    }

    It 'leaves no temporary file behind' {
        Set-SpsPluginConfig $script:Dev -Section logging -Name log_level -Value info
        (Get-ChildItem $script:Folder -Force).Name | Sort-Object | Should -Be @('dev.cfg', 'prod.cfg')
    }
}
