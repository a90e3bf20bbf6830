# Every .ps1 the project ships must parse and run under Windows PowerShell 5.1 (the module manifest
# promises Desktop), or say '#requires -Version 7' and be listed below with the reason. Windows
# PowerShell cannot run here, so its rules are checked on the syntax tree PowerShell 7 parses.
BeforeDiscovery {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $shipped = @(
        Get-ChildItem -LiteralPath (Join-Path $root 'examples'), (Join-Path $root 'tools') -Filter *.ps1 -Recurse -File
        Get-Item -LiteralPath (Join-Path $root 'build.ps1')
        Get-ChildItem -LiteralPath (Join-Path $root 'src') -Filter *.ps1 -Recurse -File |
            Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]'
    )
    $script:Scripts = $shipped | ForEach-Object {
        @{ Name = [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/'); Path = $_.FullName }
    }
}

BeforeAll {
    # Scripts that only run on PowerShell 7, and why; each must also say '#requires -Version 7'.
    $script:SevenOnly = @{
        'build.ps1'                   = 'drives the dotnet tool pwsh 7 (dotnet pwsh ./build.ps1) and its test runs'
        'tools/New-MamlHelp.ps1'      = 'run by build.ps1 in a fresh pwsh 7'
        'tools/Bench.ps1'             = 'run by build.ps1 in pwsh 7; measures the module under PowerShell 7'
        'tools/Publish-LocalPackage.ps1' = 'run by build.ps1 (Package task) in pwsh 7'
        'examples/publish.ps1'        = 'publishes to many appliances at once with ForEach-Object -Parallel'
    }

    # Parameters PowerShell 7 added to cmdlets that 5.1 has: 5.1 stops with "A parameter cannot be found".
    $script:SevenParameters = @{
        'ConvertFrom-Json'  = 'AsHashtable', 'Depth', 'NoEnumerate'
        'ConvertTo-Json'    = 'EscapeHandling', 'AsArray'
        'Get-Content'       = 'AsByteStream'
        'Set-Content'       = 'AsByteStream'
        'Add-Content'       = 'AsByteStream'
        'Invoke-RestMethod' = 'SkipCertificateCheck', 'SkipHttpErrorCheck', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Authentication', 'NoProxy'
        'Invoke-WebRequest' = 'SkipCertificateCheck', 'SkipHttpErrorCheck', 'Authentication', 'NoProxy'
        'Import-Csv'        = 'UseQuotes'
        'Export-Csv'        = 'UseQuotes', 'QuoteFields'
        'Select-String'     = 'Raw', 'NoEmphasis'
    }
    # Commands 5.1 does not have at all.
    $script:SevenCommands = 'Join-String', 'Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Get-PSSubsystem'
    # Commands that read or write text files: 5.1 defaults to ANSI (Default) or UTF-16 (Out-File, '>').
    $script:TextCommands = 'Get-Content', 'gc', 'cat', 'type', 'Set-Content', 'sc', 'Add-Content', 'ac', 'Out-File', 'Export-Csv', 'Import-Csv'

    function Get-Windows51Problem([string] $Path) {
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        foreach ($parseError in $errors) { "line $($parseError.Extent.StartLineNumber): does not parse: $($parseError.Message)" }

        $bytes = [IO.File]::ReadAllBytes($Path)
        $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
        if (-not $bom -and ($bytes | Where-Object { $_ -gt 0x7F } | Select-Object -First 1)) {
            'non-ASCII text without a UTF-8 BOM: Windows PowerShell 5.1 reads the file as ANSI (save it with a BOM, or keep it ASCII)'
        }

        $all = $ast.FindAll({ $true }, $true)
        $stopsOnError = $ast.Extent.Text -match '\$ErrorActionPreference\s*=\s*.Stop.'
        foreach ($node in $all) {
            $line = "line $($node.Extent.StartLineNumber)"
            switch ($node.GetType().Name) {
                'PipelineChainAst' { "${line}: '&&'/'||' pipeline chains are PowerShell 7 (use 'if (`$?)' or `$LASTEXITCODE)" }
                'TernaryExpressionAst' { "${line}: the ternary '? :' is PowerShell 7 (use if/else)" }
                'BinaryExpressionAst' { if ($node.Operator -eq 'QuestionQuestion') { "${line}: '??' is PowerShell 7 (use if/else)" } }
                'AssignmentStatementAst' { if ($node.Operator -eq 'QuestionQuestionEquals') { "${line}: '??=' is PowerShell 7 (use if)" } }
                { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' } {
                    if ($node.NullConditional) { "${line}: '?.' and '?[]' are PowerShell 7 (test for `$null first)" }
                }
                'ScriptBlockAst' { if ($node.CleanBlock) { "${line}: 'clean {}' blocks are PowerShell 7.3 (use try/finally)" } }
                'VariableExpressionAst' {
                    if ($node.VariablePath.UserPath -eq 'PSStyle') { "${line}: `$PSStyle is PowerShell 7.2 (guard it with `$PSVersionTable.PSVersion.Major -ge 7)" }
                }
                'FileRedirectionAst' {
                    if ($node.Location.Extent.Text -ne '$null') {
                        "${line}: '>' writes UTF-16 on 5.1 (use Set-Content/Out-File -Encoding)"
                    }
                }
                'CommandAst' {
                    $name = $node.GetCommandName()
                    $parameters = @($node.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object ParameterName)
                    if ($name -in $SevenCommands) { "${line}: $name does not exist in Windows PowerShell 5.1" }
                    if ($name -and $SevenParameters.ContainsKey($name)) {
                        foreach ($parameter in $parameters) {
                            $added = @($SevenParameters[$name] | Where-Object { $_ -like "$parameter*" })
                            if ($added) { "${line}: $name -$($added[0]) is PowerShell 6+" }
                        }
                    }
                    if ($name -in $TextCommands -and -not ($parameters | Where-Object { 'Encoding' -like "$_*" -and $_.Length -ge 3 })) {
                        "${line}: $name without -Encoding reads or writes ANSI/UTF-16 on 5.1 and UTF-8 on 7 (say -Encoding UTF8, or use [IO.File] with UTF-8)"
                    }
                    # 5.1 wraps a native command's redirected stderr lines in error records; under 'Stop' the
                    # first one (git's progress or a warning) ends the script although the command succeeded.
                    $native = if ($name) { $name -notmatch '-' -and -not (Get-Alias -Name $name -ErrorAction Ignore) } else { $node.InvocationOperator -ne 'Unknown' }
                    if ($stopsOnError -and $native -and ($node.Redirections | Where-Object { $_.FromStream -in 'Error', 'All' })) {
                        $continues = $false
                        for ($parent = $node.Parent; $parent -and $parent -ne $ast; $parent = $parent.Parent) {
                            if ($parent -is [System.Management.Automation.Language.ScriptBlockAst] -and $parent.Extent.Text -match "\`$ErrorActionPreference\s*=\s*'(Silently)?Continue'") { $continues = $true }
                        }
                        if (-not $continues) { "${line}: a native command's stderr redirected under `$ErrorActionPreference = 'Stop' stops the script on 5.1 at its first stderr line (run it in & { `$ErrorActionPreference = 'Continue'; ... } and check `$LASTEXITCODE)" }
                    }
                    if ($name -in 'ForEach-Object', '%', 'foreach' -and ($parameters | Where-Object { 'Parallel' -like "$_*" -and $_.Length -ge 2 })) {
                        $guarded = $false
                        for ($parent = $node.Parent; $parent; $parent = $parent.Parent) {
                            if ($parent -is [System.Management.Automation.Language.IfStatementAst] -and $parent.Clauses.Item1.Extent.Text -match 'PSVersion') { $guarded = $true }
                        }
                        if (-not $guarded) { "${line}: ForEach-Object -Parallel is PowerShell 7 (guard it with `$PSVersionTable.PSVersion.Major -ge 7)" }
                    }
                }
            }
        }
    }
}

Describe 'Shipped scripts under Windows PowerShell 5.1 rules' {
    It '<Name> parses and runs on 5.1, or says it requires 7 and why' -TestCases $Scripts {
        $requires = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $null).ScriptRequirements
        $saysSeven = $requires -and $requires.RequiredPSVersion -and $requires.RequiredPSVersion.Major -ge 7
        if ($SevenOnly.ContainsKey($Name)) {
            $saysSeven | Should -BeTrue -Because "$Name is allowed to need PowerShell 7 ($($SevenOnly[$Name])), so it must say '#requires -Version 7' and fail clearly on 5.1"
            return
        }
        $saysSeven | Should -BeFalse -Because "$Name requires 7 but is not in the allow-list with a reason"
        @(Get-Windows51Problem $Path) | Should -BeNullOrEmpty
    }

    It 'the allow-list names only shipped scripts' {
        $names = $Scripts | ForEach-Object { $_.Name }
        $SevenOnly.Keys | Where-Object { $_ -notin $names } | Should -BeNullOrEmpty
    }
}

Describe 'The 5.1 checks themselves' {
    BeforeAll {
        $script:Probe = Join-Path ([IO.Path]::GetTempPath()) "spsplugin-probe-$([guid]::NewGuid().ToString('N')).ps1"
        function Test-Probe([string] $Text, [byte[]] $Prefix = @()) {
            [IO.File]::WriteAllBytes($Probe, [byte[]]($Prefix + [Text.Encoding]::UTF8.GetBytes($Text)))
            @(Get-Windows51Problem $Probe)
        }
    }
    AfterAll { Remove-Item -LiteralPath $Probe -ErrorAction SilentlyContinue }

    It 'finds <Construct>' -TestCases @(
        @{ Construct = '??'; Text = '$a = $b ?? 1' }
        @{ Construct = '??='; Text = '$a ??= 1' }
        @{ Construct = '?.'; Text = '${a}?.Length' }
        @{ Construct = '?['; Text = '${a}?[0]' }
        @{ Construct = 'ternary'; Text = '$a = $b ? 1 : 2' }
        @{ Construct = '&&'; Text = 'git status && git log' }
        @{ Construct = '||'; Text = 'git status || exit 1' }
        @{ Construct = 'clean'; Text = 'function f { process { 1 } clean { 2 } }' }
        @{ Construct = 'unguarded -Parallel'; Text = '1..2 | ForEach-Object -Parallel { $_ }' }
        @{ Construct = 'Get-Content without -Encoding'; Text = 'Get-Content ./a.txt -Raw' }
        @{ Construct = 'Set-Content without -Encoding'; Text = '"x" | Set-Content ./a.txt' }
        @{ Construct = 'Out-File without -Encoding'; Text = '"x" | Out-File ./a.txt' }
        @{ Construct = 'Export-Csv without -Encoding'; Text = '$rows | Export-Csv ./a.csv -NoTypeInformation' }
        @{ Construct = '> redirection'; Text = '"x" > ./a.txt' }
        @{ Construct = '$PSStyle'; Text = '$PSStyle.OutputRendering = "PlainText"' }
        @{ Construct = '-AsHashtable'; Text = '"{}" | ConvertFrom-Json -AsHashtable' }
        @{ Construct = 'an abbreviated 7-only parameter'; Text = '"{}" | ConvertFrom-Json -AsHash' }
        @{ Construct = 'Join-String'; Text = '1, 2 | Join-String -Separator ","' }
        @{ Construct = 'native stderr redirected under Stop'; Text = "`$ErrorActionPreference = 'Stop'`n`$t = git log -1 2>`$null" }
        @{ Construct = 'native stderr merged under Stop'; Text = "`$ErrorActionPreference = 'Stop'`n& `$python -c 1 2>&1" }
    ) {
        Test-Probe $Text | Should -Not -BeNullOrEmpty
    }

    It 'accepts the 5.1 spelling of <Construct>' -TestCases @(
        @{ Construct = 'if/else'; Text = 'if ($null -ne $b) { $a = $b } else { $a = 1 }' }
        @{ Construct = 'a guarded -Parallel'; Text = 'if ($PSVersionTable.PSVersion.Major -ge 7) { 1..2 | ForEach-Object -Parallel { $_ } } else { 1..2 | ForEach-Object { $_ } }' }
        @{ Construct = 'Get-Content -Encoding'; Text = 'Get-Content ./a.txt -Raw -Encoding UTF8' }
        @{ Construct = 'Set-Content -Encoding'; Text = '"x" | Set-Content ./a.txt -Encoding UTF8' }
        @{ Construct = 'stderr to $null'; Text = 'git status 2>$null' }
        @{ Construct = 'ConvertFrom-Json'; Text = '"{}" | ConvertFrom-Json' }
        @{ Construct = 'ASCII text'; Text = '"plain"' }
        @{ Construct = 'native stderr under Continue'; Text = "`$ErrorActionPreference = 'Stop'`n`$t = & { `$ErrorActionPreference = 'Continue'; git log -1 2>`$null }" }
    ) {
        Test-Probe $Text | Should -BeNullOrEmpty
    }

    It 'finds non-ASCII text without a BOM and accepts it with one' {
        Test-Probe '"café"' | Should -Match 'BOM'
        Test-Probe '"café"' -Prefix 0xEF, 0xBB, 0xBF | Should -BeNullOrEmpty
    }
}
