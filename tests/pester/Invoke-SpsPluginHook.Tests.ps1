BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Vault = Join-Path $script:RepoRoot 'examples/plugins/json_vault'
    function New-FaultyPlugin([string] $Body) {
        $folder = Join-Path $TestDrive ('faulty' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        Copy-Item -Recurse $script:ExamplePlugin $folder
        Set-Content (Join-Path $folder 'ticket_gate/plugin.py') "import os, sys, time`nclass Plugin(object):`n    def __init__(self, configuration):`n        pass`n    def authenticate(self):`n        $Body`n"
        $folder
    }
    function Get-MarkedProcessCount([string] $Marker) {
        Start-Sleep -Milliseconds 200
        @(Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '^\d+$' } |
            Where-Object { (Get-Content (Join-Path $_.FullName 'cmdline') -Raw -ErrorAction SilentlyContinue) -match [regex]::Escape($Marker) }).Count
    }
    # Python that writes the run's private workspace (the parent of its TMPDIR) to a file, so a test
    # checks that very directory: other runs may create and delete theirs in the temp folder meanwhile.
    function Get-ShowWorkspace([string] $File) { "open('$File', 'w').write(os.path.dirname(os.environ['TMPDIR']))`n        " }
    # A daemon as a hostile plugin makes one: fork, setsid, fork again, holding stdout and stderr.
    $script:Daemon = "if os.fork() == 0:`n            os.setsid()`n            if os.fork() == 0:`n                os.execvp('sleep', ['sleep', '{0}'])`n            os._exit(0)`n        os.wait()`n        "
}

Describe 'Invoke-SpsPluginHook' {
    BeforeEach { Skip-WithoutPython }

    It 'refuses an argument that contains itself with an error id, and goes on' {
        $loop = @{}
        $loop['self'] = $loop
        $result = Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Parameter @{ key_value_pairs = $loop } -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HookArgumentInvalid,*'
        $deep = 1
        foreach ($level in 1..70) { $deep = @{ next = $deep } }
        Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Cookie $deep -ErrorVariable tooDeep -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $tooDeep[0].FullyQualifiedErrorId | Should -BeLike 'HookArgumentInvalid,*'
    }

    It 'calls a hook and returns what SPS would read' {
        $result = Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Parameter @{ key_value_pairs = @{ ticket = 'INC0012345' } }
        $result | Should -BeOfType SpsPlugin.SpsPluginHookResult
        $result.Verdict | Should -Be 'ACCEPT'
        $result.Cookie['ticket'] | Should -Be 'INC0012345'
        $result.ArgumentNames | Should -Be @('cookie', 'key_value_pairs', 'session_id')
        $result.Log | Should -Match 'accepted'
    }

    It 'carries a cookie from one call to the next' {
        $first = Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Parameter @{ key_value_pairs = @{ ticket = 'bad' } }
        $first.Question.Key | Should -Be 'ticket'
        $second = Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Cookie $first.Cookie -Parameter @{ key_value_pairs = @{ ticket = 'also-bad' } }
        $second.Cookie['attempts'] | Should -Be 2
    }

    It 'takes the configuration as text, a file or an object' {
        $strict = "[ticket]`npattern=^CHG[0-9]+$`n"
        (Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Configuration $strict -Parameter @{ key_value_pairs = @{ ticket = 'INC0012345' } }).Verdict | Should -Be 'NEEDINFO'
        $file = Join-Path $TestDrive 'strict.cfg'
        Set-Content $file $strict
        (Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Configuration $file -Parameter @{ key_value_pairs = @{ ticket = 'CHG1' } }).Verdict | Should -Be 'ACCEPT'
        (Invoke-SpsPluginHook $script:ExamplePlugin authenticate -Configuration (Get-SpsPluginConfig -Content $strict) -Parameter @{ key_value_pairs = @{ ticket = 'CHG1' } }).Verdict | Should -Be 'ACCEPT'
    }

    It 'runs a zip and hides passwords in the default view' {
        $zip = (New-TestZip -Source $script:Vault -Destination (Join-Path $TestDrive 'vault.zip')).FullName
        $result = Invoke-SpsPluginHook $zip get_password_list
        $result.Passwords | Should -Be 'example-password-1'
        ($result | Out-String) | Should -Not -Match 'example-password-1'
        ($result | Out-String) | Should -Match '1 password\(s\) \(hidden\)'
    }

    It 'writes an error with the traceback when the hook raises, and still returns the result' {
        $plugin = New-FaultyPlugin "raise ValueError('broken on purpose')"
        $result = Invoke-SpsPluginHook $plugin authenticate -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.ErrorKind | Should -Be 'raised'
        $errors[0].FullyQualifiedErrorId | Should -Be 'HookFailed.raised,SpsPlugin.Commands.InvokeSpsPluginHookCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errors[0].ErrorDetails.Message | Should -Match 'Traceback'
        $errors[0].ErrorDetails.Message | Should -Match 'ValueError: broken on purpose'
    }

    It 'says a folder without main.py has nothing to run, as the validator does, with no traceback' {
        $folder = Join-Path $TestDrive 'no-main'
        Copy-Item -Recurse $script:ExamplePlugin $folder
        Remove-Item (Join-Path $folder 'main.py')
        $result = Invoke-SpsPluginHook $folder authenticate -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.ErrorKind | Should -Be 'no-entry'
        $errors[0].FullyQualifiedErrorId | Should -Be 'HookFailed.no-entry,SpsPlugin.Commands.InvokeSpsPluginHookCommand'
        $errors[0].Exception.Message | Should -BeLike "*There is no main.py at the root of '*no-main'*StructureMainPy*"
        $errors[0].ErrorDetails.Message | Should -Not -Match 'Traceback|FileNotFoundError'
    }

    It 'kills a hanging hook at -TimeoutSec' {
        $plugin = New-FaultyPlugin 'time.sleep(60)'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-SpsPluginHook $plugin authenticate -TimeoutSec 0.5 -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $result.TimedOut | Should -BeTrue
        $result.Cookie.Count | Should -Be 0
    }

    It 'warns when the interpreter is not the target release''s Python' {
        $result = Invoke-SpsPluginHook $script:ExamplePlugin authenticate -TargetSpsVersion 6.0 -WarningVariable warnings -WarningAction SilentlyContinue
        $result.PythonVersion | Should -Not -BeNullOrEmpty
        if ($result.PythonVersion -ne [version]'3.6') { $warnings[0].Message | Should -Match 'runs Python 3\.6' }
    }

    It 'warns about output on stdout' {
        $plugin = New-FaultyPlugin "print('hello'); return {'verdict': 'ACCEPT'}"
        $warnings = Invoke-SpsPluginHook $plugin authenticate 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        $warnings.Message | Should -Match 'SPS does not read a plugin.s stdout'
    }

    It 'ends a hook that double-forks a daemon at -TimeoutSec, daemon included' -Skip:(-not $IsLinux) {
        $plugin = New-FaultyPlugin (($script:Daemon -f "321.$PID") + 'time.sleep(300)')
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-SpsPluginHook $plugin authenticate -TimeoutSec 5 -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 7
        $result.TimedOut | Should -BeTrue
        Get-MarkedProcessCount "321.$PID" | Should -Be 0
    }

    It 'passes the plugin a minimal environment, plus -Environment' {
        $env:SPSPLUGIN_PESTER_TOKEN = 'caller-secret'
        try {
            $plugin = New-FaultyPlugin "return {'verdict': 'ACCEPT', 'token': os.environ.get('SPSPLUGIN_PESTER_TOKEN'), 'extra': os.environ.get('EXTRA')}"
            $result = Invoke-SpsPluginHook $plugin authenticate
            $result.Raw['token'] | Should -BeNullOrEmpty
            $result = Invoke-SpsPluginHook $plugin authenticate -Environment @{ SPSPLUGIN_PESTER_TOKEN = 'given'; EXTRA = $true }
            $result.Raw['token'] | Should -Be 'given'
            $result.Raw['extra'] | Should -Be 'yes'
        }
        finally {
            Remove-Item Env:SPSPLUGIN_PESTER_TOKEN
        }
    }

    It 'never shows a SecureString it was given, in any stream' {
        $secret = ConvertTo-SecureString 'S3cretOtp77' -AsPlainText -Force
        $plugin = New-FaultyPlugin "import json; otp = json.dumps(os.environ['OTP']); print(otp); sys.stderr.write('log ' + otp + '\n'); raise ValueError('bad ' + otp)"
        $all = Invoke-SpsPluginHook $plugin authenticate -Environment @{ OTP = $secret } -Verbose -ErrorAction Continue *>&1 | Out-String -Width 400
        $result = Invoke-SpsPluginHook $plugin authenticate -Environment @{ OTP = $secret } -ErrorVariable errors -ErrorAction SilentlyContinue
        $all | Should -Match 'bad "\*{8}"'
        ($all, $result.Error, $result.Traceback, $result.Stdout, ($result.Log -join ' '), $errors[0].ErrorDetails.Message, $errors[0].Exception.Message) -join ' ' | Should -Not -Match 'S3cretOtp77'
    }

    It 'refuses a plugin whose MANIFEST name is a path' {
        $plugin = New-FaultyPlugin 'return {}'
        (Get-Content (Join-Path $plugin 'MANIFEST') -Raw) -replace 'name: ticket_gate', 'name: ../../x' | Set-Content (Join-Path $plugin 'MANIFEST')
        Invoke-SpsPluginHook $plugin authenticate -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PluginNameInvalid,*'
    }

    It 'ends the plugin and deletes its workspace when pwsh is killed' -Skip:(-not $IsLinux) {
        $shown = Join-Path $TestDrive 'killed-workspace.txt'
        $plugin = New-FaultyPlugin ((Get-ShowWorkspace $shown) + ($script:Daemon -f "322.$PID") + 'time.sleep(300)')
        $command = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("Import-Module '$($script:ModulePath)'; Invoke-SpsPluginHook '$plugin' authenticate -TimeoutSec 120"))
        # pwsh may run as 'dotnet pwsh.dll' (the repo's pinned tool): start the same way.
        $executable = (Get-Process -Id $PID).Path
        $prefix = if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { '"' + [Reflection.Assembly]::GetEntryAssembly().Location + '" ' } else { '' }
        $pwsh = Start-Process $executable -ArgumentList "$prefix-NoProfile -NonInteractive -EncodedCommand $command" -PassThru
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-MarkedProcessCount "322.$PID") -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-MarkedProcessCount "322.$PID" | Should -Be 1 -Because 'the daemon runs before pwsh is killed'
        $pwsh.Kill()
        Start-Sleep -Seconds 1
        Get-MarkedProcessCount "322.$PID" | Should -Be 0
        Get-Content $shown | Should -BeLike ([System.IO.Path]::GetTempPath() + 'spsplugin-*')
        Test-Path (Get-Content $shown) | Should -BeFalse
    }

    It 'stops the child when the pipeline is stopped (Ctrl+C)' -Skip:(-not $IsLinux) {
        $shown = Join-Path $TestDrive 'stopped-workspace.txt'
        $plugin = New-FaultyPlugin ((Get-ShowWorkspace $shown) + "import subprocess; subprocess.Popen(['sleep', '303.$PID']); time.sleep(60)")
        $job = Start-ThreadJob -ScriptBlock { param($m, $p) Import-Module $m; Invoke-SpsPluginHook $p authenticate -TimeoutSec 60 } -ArgumentList $script:ModulePath, $plugin
        Start-Sleep -Seconds 2
        Stop-Job $job
        Remove-Job $job -Force
        Start-Sleep -Milliseconds 500
        @(Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '^\d+$' } |
            Where-Object { (Get-Content (Join-Path $_.FullName 'cmdline') -Raw -ErrorAction SilentlyContinue) -match "303\.$PID" }).Count | Should -Be 0
        Test-Path (Get-Content $shown) | Should -BeFalse
    }
}

Describe 'Invoke-SpsPluginHook -Hook completion' {
    It 'offers exactly the hooks of the table, each with its signature per plugin type' {
        $line = "Invoke-SpsPluginHook -LiteralPath $TestDrive -Hook "
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $offered.CompletionText | Should -Be ([SpsPlugin.SpsHooks]::Names)
        $offered.CompletionText | Should -Contain 'get_private_key_list'
        ($offered | Where-Object CompletionText -EQ 'session_ended').ToolTip | Should -Be 'aa session_ended(session_id, cookie, session_cookie); credentialstore session_ended(session_id, cookie, session_cookie)'
        $typed = "Invoke-SpsPluginHook -LiteralPath $TestDrive -Hook get_p"
        (TabExpansion2 -inputScript $typed -cursorColumn $typed.Length).CompletionMatches.CompletionText | Should -Be @('get_password_list', 'get_private_key_list')
    }
}
