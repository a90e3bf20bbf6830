# The example plugin is real: it runs under Python the way SPS calls it, and the quickstart runs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Invoke-Hook([string] $Hook, [hashtable] $Arguments) {
        # One process per hook call and a fresh Plugin(configuration) each time, as SPS does.
        $script = @'
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from main import Plugin
config = open(sys.argv[1] + "/default.cfg").read()
result = getattr(Plugin(config), sys.argv[2])(**json.loads(sys.argv[3]))
print(json.dumps(result))
'@
        $json = & $script:Python -c $script $script:ExamplePlugin $Hook ($Arguments | ConvertTo-Json -Compress -Depth 5) 2>$null
        $LASTEXITCODE | Should -Be 0
        $json | ConvertFrom-Json -AsHashtable
    }
}

Describe 'The ticket_gate example plugin' {
    BeforeEach { Skip-WithoutPython }

    It 'asks for a ticket, counts wrong answers in the cookie, and accepts a good one' {
        $first = Invoke-Hook authenticate @{ session_id = 's1'; key_value_pairs = @{}; cookie = @{} }
        $first.verdict | Should -Be 'NEEDINFO'
        $first.question[0] | Should -Be 'ticket'
        $second = Invoke-Hook authenticate @{ session_id = 's1'; key_value_pairs = @{ ticket = 'nope' }; cookie = $first.cookie }
        $second.verdict | Should -Be 'NEEDINFO'
        $second.cookie.attempts | Should -Be 1
        $third = Invoke-Hook authenticate @{ session_id = 's1'; key_value_pairs = @{ ticket = 'CHG0012345' }; cookie = $second.cookie }
        $third.verdict | Should -Be 'ACCEPT'
        ($third.additional_metadata | ConvertFrom-Json).ticket | Should -Be 'CHG0012345'
        (Invoke-Hook authorize @{ session_id = 's1'; cookie = $third.cookie }).verdict | Should -Be 'ACCEPT'
    }

    It 'denies after three wrong answers' {
        $cookie = @{}
        foreach ($try in 1..3) {
            $result = Invoke-Hook authenticate @{ session_id = 's2'; key_value_pairs = @{ ticket = "bad$try" }; cookie = $cookie }
            $cookie = $result.cookie
        }
        $result.verdict | Should -Be 'DENY'
        $result.reason | Should -Match '3 attempts'
    }
}

Describe 'examples/quickstart.ps1' {
    It 'goes from New-SpsPlugin to a valid zip, passing scenarios and an edited policy' {
        $work = Join-Path $TestDrive 'quickstart'
        $output = & (Join-Path $script:RepoRoot 'examples/quickstart.ps1') -ModulePath $script:ModulePath -WorkPath $work 6>&1 | Out-String
        $output | Should -Match 'Test-SpsPluginBundle -TargetSpsVersion 7\.4: True'
        $output | Should -Match 'Packed zip passes Test-SpsPluginBundle: True'
        $output | Should -Match 'max_attempts is now 5; the policy passes Test-SpsPluginConfig: True'
        $output | Should -Match 'version\s+1\.10\s+float\s+1\.1'
        Test-Path (Join-Path $work 'dist/change_gate-0.1.0.zip') | Should -BeTrue
        if ($script:Python) {
            $output | Should -Match 'True\s+asks-for-the-ticket\s+ACCEPT'
            $output | Should -Match 'Credentials\s+: 1 password\(s\), 1 key\(s\) \(hidden\)'
        }
    }
}

Describe 'examples/config-overlays.ps1' {
    It 'builds dev and prod policies that pass the tests and differ as the overlays say' {
        $destination = Join-Path $TestDrive 'policies'
        $output = & (Join-Path $script:RepoRoot 'examples/config-overlays.ps1') -Destination $destination -ModulePath $script:ModulePath | Out-String
        (Get-SpsPluginConfigOption (Join-Path $destination 'prod.cfg') -Name log_level).Value | Should -Be 'warning'
        (Get-SpsPluginConfigOption (Join-Path $destination 'dev.cfg') -Name max_attempts).Value | Should -Be '10'
        Test-SpsPluginConfig (Join-Path $destination 'prod.cfg') -Reference $script:ExamplePlugin | Should -BeTrue
        $output | Should -Match 'Changed\s+logging\s+log_level\s+debug\s+warning'
    }
}

Describe 'examples/config-bulk-update.ps1' {
    It 'sets the option in every file of the folder' {
        $folder = Copy-Policies
        & (Join-Path $script:RepoRoot 'examples/config-bulk-update.ps1') -PolicyFolder $folder -Value error -ModulePath $script:ModulePath | Out-Null
        (Get-ChildItem $folder -Filter *.cfg | Get-SpsPluginConfigOption -Name log_level).Value | Should -Be @('error', 'error')
    }
}

Describe 'examples/config-csv-changes.ps1' {
    It 'applies every CSV row to the files its Path matches, and reports each file by its path' {
        $folder = Join-Path $TestDrive 'csv-policies'
        $null = New-Item -ItemType Directory -Path $folder
        Copy-Item (Join-Path $script:RepoRoot 'examples/config/policies/*.cfg') $folder
        $original = Get-Content -Raw (Join-Path $folder 'appliance-a-dev.cfg')
        $report = & (Join-Path $script:RepoRoot 'examples/config-csv-changes.ps1') -PolicyFolder $folder -ModulePath $script:ModulePath 6>$null
        $report | Should -BeOfType SpsPlugin.SpsPluginConfigTestResult
        $report.Path | Should -Be @('a-dev', 'a-prod', 'b-dev', 'b-prod' | ForEach-Object { Join-Path $folder "appliance-$_.cfg" })
        $report.Passed | Should -Not -Contain $false
        $value = { param($file, $name) (Get-SpsPluginConfigOption (Join-Path $folder $file) -Name $name).Value }
        (& $value appliance-a-prod.cfg log_level), (& $value appliance-b-prod.cfg log_level), (& $value appliance-a-dev.cfg log_level) | Should -Be @('warning', 'warning', 'debug')
        (& $value appliance-a-dev.cfg max_attempts), (& $value appliance-a-prod.cfg max_attempts), (& $value appliance-b-dev.cfg max_attempts) | Should -Be @('5', '5', '10')
        & $value appliance-b-dev.cfg prompt | Should -Be 'Ticket number (INC/CHG/DEV):'
        # Only the changed line differs; comments and every other line stay byte for byte.
        (Get-Content -Raw (Join-Path $folder 'appliance-a-dev.cfg')) | Should -Be $original.Replace('max_attempts=10', 'max_attempts=5')
    }

    It 'changes nothing under -WhatIf' {
        $folder = Join-Path $TestDrive 'csv-whatif'
        $null = New-Item -ItemType Directory -Path $folder
        Copy-Item (Join-Path $script:RepoRoot 'examples/config/policies/*.cfg') $folder
        $before = Get-ChildItem $folder | Get-FileHash
        Push-Location $folder
        try { Import-Csv (Join-Path $script:RepoRoot 'examples/config/changes.csv') | Set-SpsPluginConfig -WhatIf }
        finally { Pop-Location }
        (Get-ChildItem $folder | Get-FileHash).Hash | Should -Be $before.Hash
    }
}

Describe 'examples/ci-validate.ps1' {
    BeforeAll {
        function Invoke-CiValidate([string[]] $Bundles, [string[]] $Arguments) {
            $dist = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory $dist
            Copy-Item -Recurse $Bundles $dist
            $reports = "$dist-reports"
            Push-Location $script:RepoRoot
            try {
                $output = & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $script:RepoRoot 'examples/ci-validate.ps1') -BundleFolder $dist -ReportFolder $reports -ModulePath $script:ModulePath @Arguments 2>&1 | Out-String
                [pscustomobject]@{ Exit = $LASTEXITCODE; Output = $output; Reports = $reports }
            }
            finally { Pop-Location }
        }
    }

    It 'validates a folder of bundles once, writes JUnit and SARIF, names each bundle, and exits 1 on errors' {
        $run = Invoke-CiValidate @((Join-Path $script:Fixtures 'wrapped-folder-zip/plugin.zip'), $script:ExamplePlugin) @('-TargetSpsVersion', '8.0')
        $run.Exit | Should -Be 1
        $run.Output | Should -Match '2 bundle\(s\) validated: 1 failed'
        $run.Output | Should -Match 'plugin\.zip.*StructureWrappedFolder'
        $junit = [xml](Get-Content (Join-Path $run.Reports 'results.xml') -Raw)
        $junit.testsuites.tests | Should -Be 2
        $junit.testsuites.failures | Should -Be 1
        $sarif = Get-Content (Join-Path $run.Reports 'results.sarif') -Raw | ConvertFrom-Json
        $sarif.runs[0].results.ruleId | Should -Contain 'StructureWrappedFolder'
    }

    It 'exits 0 for clean bundles and 1 under -Strict when there are warnings' {
        $clean = Invoke-CiValidate @($script:ExamplePlugin) @('-TargetSpsVersion', '8.0')
        $clean.Exit | Should -Be 0 -Because $clean.Output
        # Under -Strict the exit code follows the warnings (e.g. Python checks that could not run), counted by the cmdlet itself.
        $strict = Invoke-CiValidate @($script:ExamplePlugin) @('-TargetSpsVersion', '8.0', '-Strict')
        $strictResult = & dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath'; (Test-SpsPluginBundle '$script:ExamplePlugin' -TargetSpsVersion 8.0 -Detailed -Strict).WarningCount" 2>&1
        $strict.Exit | Should -Be ([int]([int]$strictResult -gt 0)) -Because $strict.Output
        $strict.Output | Should -Match 'validated \(strict\)'
    }
}

Describe 'examples/release.ps1' {
    It 'validates, packs with a version and prints the hash, the same on two runs' {
        $destination = Join-Path $TestDrive 'release'
        $first = & (Join-Path $script:RepoRoot 'examples/release.ps1') -Version 1.2.3 -DestinationPath $destination -ModulePath $script:ModulePath | Out-String
        $second = & (Join-Path $script:RepoRoot 'examples/release.ps1') -Version 1.2.3 -DestinationPath $destination -ModulePath $script:ModulePath | Out-String
        $first | Should -Match 'Packed ticket_gate 1\.2\.3'
        $hash = [regex]::Match($first, 'SHA-256 ([0-9a-f]{64})').Groups[1].Value
        $hash | Should -Not -BeNullOrEmpty
        $second | Should -Match $hash
        (Get-FileHash (Join-Path $destination 'ticket_gate-1.2.3.zip')).Hash.ToLowerInvariant() | Should -Be $hash
    }
}

Describe 'examples/publish.ps1' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
        # Two appliances that take the plugin, and one whose REST user has another password.
        $script:PublishDoubles = @(Start-SpsDouble; Start-SpsDouble; Start-SpsDouble -User 'admin:another-password-2')
    }

    AfterAll { $script:PublishDoubles | Stop-SpsDouble }

    It 'validates, packs, publishes to the listed appliances in parallel, verifies, and reports each one' {
        $list = Join-Path $TestDrive 'appliances.txt'
        @('# the lab', $PublishDoubles.Appliance, '') | Set-Content $list
        $csv = Join-Path $TestDrive 'report.csv'
        $example = Join-Path $script:RepoRoot 'examples/publish.ps1'
        $report = & $example -AppliancesFile $list -Credential $PublishDoubles[0].Credential -TrustedCertificate $PublishDoubles.CaCertificatePath `
            -Version 1.2.3 -ReportPath $csv -ModulePath $script:ModulePath
        $report.Count | Should -Be 3
        $good = $report | Where-Object Appliance -In $PublishDoubles[0, 1].Appliance
        $good.Action | Should -Be @('Uploaded', 'Uploaded')
        $good.Verified | Should -Be @($true, $true)
        $good.Version | Should -Be @('1.2.3', '1.2.3')
        # SPS documents no checksum in a plugin's body, so the comparison can match the version only.
        $good.Status | Should -Be @('VersionMatchesChecksumUnknown', 'VersionMatchesChecksumUnknown')
        $refused = $report | Where-Object Appliance -EQ $PublishDoubles[2].Appliance
        $refused.Action | Should -Be 'Failed'
        $refused.Reason | Should -Match 'refused the login'
        (Import-Csv $csv).Count | Should -Be 3
        foreach ($each in $PublishDoubles[0, 1]) { (Invoke-SpsDoubleControl $each plugins).plugins.version | Should -Be '1.2.3' }

        # A second run cannot prove the installed build the same (no checksum), so it uploads again, and verifies.
        $again = & $example -AppliancesFile $list -Credential $PublishDoubles[0].Credential -TrustedCertificate $PublishDoubles.CaCertificatePath `
            -Version 1.2.3 -ModulePath $script:ModulePath
        $second = $again | Where-Object Appliance -In $PublishDoubles[0, 1].Appliance
        $second.Action | Should -Be @('Uploaded', 'Uploaded')
        $second.Verified | Should -Be @($true, $true)
    }
}
