# Connect-, Disconnect-SpsPluginAppliance and Invoke-SpsPluginRestMethod end to end against the SPS
# double (tests/pester/SpsDouble.ps1): sessions, the default session, certificates, the escape hatch,
# and that no output, verbose line, error or ConvertTo-Json shows the password or the session cookie.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
    $script:Double = Start-SpsDouble
    $script:Password = $script:Double.Credential.GetNetworkCredential().Password
}

AfterAll { Stop-SpsDouble $script:Double }

Describe 'Connect-SpsPluginAppliance' {
    It 'returns a session that reports the appliance and becomes the default' {
        $session = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -SkipCertificateCheck
        $session | Should -BeOfType ([SpsPlugin.SpsApplianceSession])
        $session.UserName | Should -Be 'admin'
        $session.Release | Should -Be '7.5.0'
        $session.IsOpen | Should -BeTrue
        (Invoke-SpsPluginRestMethod transaction -Raw).StatusCode | Should -Be 200
        Disconnect-SpsPluginAppliance
        $session.IsOpen | Should -BeFalse
    }

    It 'never shows the password or cookie in output, verbose, errors or ConvertTo-Json' {
        $verbose = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure -Verbose 4>&1
        $session = $verbose | Where-Object { $_ -is [SpsPlugin.SpsApplianceSession] }
        $cookie = [SpsPlugin.SpsApplianceSession].GetField('cookie', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($session)
        $cookie | Should -Not -BeNullOrEmpty
        $failure = try { Invoke-SpsPluginRestMethod nothing/here -Session $session -ErrorAction Stop } catch { $_.FullyQualifiedErrorId + ($_ | Out-String) }
        $shown = ($verbose | Out-String) + ($session | ConvertTo-Json -Depth 5) + ($session | Format-List * | Out-String) + $session.ToString() + $failure
        $shown | Should -Not -Match ([regex]::Escape($cookie))
        $shown | Should -Not -Match ([regex]::Escape($Password))
        $failure | Should -Match 'ApplianceRequestFailed'
        Disconnect-SpsPluginAppliance $session
    }

    It 'refuses the certificate by default, and accepts it through the CA or the thumbprint' {
        { Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApplianceCertificateUntrusted,SpsPlugin.Commands.ConnectSpsPluginApplianceCommand'
        (Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -TrustedCertificate $Double.CaCertificatePath -NoDefault).IsOpen | Should -BeTrue
        (Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -CertificateThumbprint $Double.Thumbprint -NoDefault).ServerCertificateThumbprint | Should -Be $Double.ThumbprintSha1
    }

    It 'refuses a wrong password with ApplianceLoginFailed' {
        $wrong = [pscredential]::new('admin', (ConvertTo-SecureString 'not-the-password-9' -AsPlainText -Force))
        $record = try { Connect-SpsPluginAppliance $Double.Appliance -Credential $wrong -Insecure -ErrorAction Stop } catch { $_ }
        $record.FullyQualifiedErrorId | Should -Be 'ApplianceLoginFailed,SpsPlugin.Commands.ConnectSpsPluginApplianceCommand'
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.Exception.Message | Should -Not -Match 'not-the-password-9'
    }

    It 'reports a missing or folder certificate file per appliance, in its own words, not in OpenSSL words' {
        $missing = Join-Path $TestDrive 'no-such-ca.pem'
        $records = @()
        $sessions = Connect-SpsPluginAppliance $Double.Appliance, $Double.Appliance -Credential $Double.Credential -TrustedCertificate $missing -NoDefault -ErrorVariable records -ErrorAction SilentlyContinue
        $sessions | Should -BeNullOrEmpty
        $records | Should -HaveCount 2 -Because 'the failure is per appliance and non-terminating'
        $records[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,SpsPlugin.Commands.ConnectSpsPluginApplianceCommand'
        $records[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $records[0].Exception.Message | Should -Match ([regex]::Escape("-TrustedCertificate '$missing' does not exist"))
        $records[0].Exception.Message | Should -Not -Match 'BIO|routines|error:'
        $pfx = try { Connect-SpsPluginAppliance $Double.Appliance -ClientCertificatePath $TestDrive -NoDefault -Insecure -ErrorAction Stop } catch { $_ }
        $pfx.FullyQualifiedErrorId | Should -Be 'ReadFailed,SpsPlugin.Commands.ConnectSpsPluginApplianceCommand'
        $pfx.Exception.Message | Should -Match 'is a folder'
    }

    It 'suggests brackets for a bare IPv6 address' {
        $record = try { Connect-SpsPluginAppliance '::1' -Credential $Double.Credential -Insecure -NoDefault -ErrorAction Stop } catch { $_ }
        $record.FullyQualifiedErrorId | Should -Be 'ApplianceArgumentInvalid,SpsPlugin.Commands.ConnectSpsPluginApplianceCommand'
        $record.Exception.Message | Should -Match ([regex]::Escape('[::1]:8443'))
    }

    It 'keeps the default with -NoDefault' {
        $first = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure
        $second = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure -NoDefault
        Disconnect-SpsPluginAppliance $second
        (Invoke-SpsPluginRestMethod transaction -Raw).StatusCode | Should -Be 200
        Disconnect-SpsPluginAppliance $first
    }
}

Describe 'Invoke-SpsPluginRestMethod' {
    BeforeAll { $script:Session = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure -NoDefault }
    AfterAll { Disconnect-SpsPluginAppliance $script:Session }

    It 'sends a hashtable body as JSON and gives the answer as objects' {
        Invoke-SpsPluginRestMethod transaction -Method POST -Body @{} -Session $Session | Out-Null
        $state = Invoke-SpsPluginRestMethod transaction -Session $Session
        @($state.body.status, $state.transaction.status) | Should -Contain 'open'
        Invoke-SpsPluginRestMethod transaction -Method DELETE -Session $Session -Confirm:$false | Out-Null
    }

    It 'changes nothing under -WhatIf' {
        Invoke-SpsPluginRestMethod transaction -Method POST -Session $Session -WhatIf
        $state = Invoke-SpsPluginRestMethod transaction -Session $Session
        @($state.body.status, $state.transaction.status) | Should -Not -Contain 'open'
    }

    It 'writes -OutFile whole, and never over an existing file without -Force, before calling' {
        $out = Join-Path $TestDrive 'slots.json'
        Invoke-SpsPluginRestMethod firmware/slots -OutFile $out -Session $Session
        (Get-Content -Raw $out | ConvertFrom-Json).items | Should -Not -BeNullOrEmpty
        Set-Content $out 'kept'
        function Get-TransactionPost { @((Invoke-SpsDoubleControl $Double requests).requests | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/transaction' }).Count }
        $before = Get-TransactionPost
        $before | Should -BeGreaterThan 0 -Because 'the earlier test opened a transaction, so the double records POSTs'
        $record = try { Invoke-SpsPluginRestMethod transaction -Method POST -OutFile $out -Session $Session -Confirm:$false -ErrorAction Stop } catch { $_ }
        $record.FullyQualifiedErrorId | Should -Be 'FileExists,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        Get-Content -Raw $out | Should -Be "kept$([Environment]::NewLine)"
        Get-TransactionPost | Should -Be $before -Because 'the POST was refused before it was sent'
        Invoke-SpsPluginRestMethod firmware/slots -OutFile $out -Force -Session $Session
        Get-Content -Raw $out | Should -Not -Match '^kept'
        Get-ChildItem -Force $TestDrive -Filter '.slots.json.*' | Should -BeNullOrEmpty
    }

    It 'refuses an absolute URL, so the cookie never goes elsewhere' {
        { Invoke-SpsPluginRestMethod https://example.com/api/info -Session $Session -ErrorAction Stop } |
            Should -Throw -ErrorId 'ApplianceArgumentInvalid,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
    }

    It 'refuses every spelling of a path outside /api/ before sending anything' -ForEach @(
        '../../etc/passwd', '%2e%2e/%2e%2e/x', '%2E./x', 'api\..\..\x', '..%5c..%5cx', '%252e%252e/%252e%252e/x') {
        $url = $_
        $before = @((Invoke-SpsDoubleControl $Double requests).requests).Count
        $record = try { Invoke-SpsPluginRestMethod $url -Method DELETE -Session $Session -Confirm:$false -ErrorAction Stop } catch { $_ }
        $record.FullyQualifiedErrorId | Should -Be 'ApplianceArgumentInvalid,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        $record.Exception.Message | Should -Match ([regex]::Escape("'$url' leaves /api/"))
        @((Invoke-SpsDoubleControl $Double requests).requests).Count | Should -Be $before -Because 'nothing was sent'
    }

    It 'masks query values in -Verbose, errors and the response' {
        $secret = 'qv-secret-7731'
        $verbose = Invoke-SpsPluginRestMethod transaction -Query @{ password = $secret } -Session $Session -Verbose 4>&1 | Out-String
        $failure = try { Invoke-SpsPluginRestMethod "nothing/here?token=$secret" -Query @{ password = $secret } -Session $Session -ErrorAction Stop } catch { ($_ | Out-String) + $_.Exception.Message }
        $raw = Invoke-SpsPluginRestMethod transaction -Query @{ password = $secret } -Session $Session -Raw
        $shown = $verbose + $failure + $raw.Url + $raw.ToString() + ($raw | ConvertTo-Json -Depth 4)
        $shown | Should -Not -Match $secret
        $verbose | Should -Match ([regex]::Escape('password=********'))
        $failure | Should -Match ([regex]::Escape('/api/nothing/here?token=********&password=********'))
        @((Invoke-SpsDoubleControl $Double requests).requests | Where-Object { $_.query -match $secret }) | Should -Not -BeNullOrEmpty -Because 'the call itself carries the value'
    }

    It 'refuses a folder as -OutFile or -InFile, and a line break in -ContentType, before calling' {
        $before = @((Invoke-SpsDoubleControl $Double requests).requests).Count
        $out = try { Invoke-SpsPluginRestMethod firmware/slots -OutFile $TestDrive -Session $Session -ErrorAction Stop } catch { $_ }
        $out.FullyQualifiedErrorId | Should -Be 'WriteFailed,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        $out.TargetObject | Should -Be $TestDrive
        $in = try { Invoke-SpsPluginRestMethod transaction -Method POST -InFile $TestDrive -Session $Session -Confirm:$false -ErrorAction Stop } catch { $_ }
        $in.FullyQualifiedErrorId | Should -Be 'ReadFailed,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        $in.Exception.Message | Should -Match ([regex]::Escape("-InFile '$TestDrive' is a folder"))
        $type = try { Invoke-SpsPluginRestMethod transaction -Method POST -Body '{}' -ContentType "application/json`nX-Evil: 1" -Session $Session -Confirm:$false -ErrorAction Stop } catch { $_ }
        $type.FullyQualifiedErrorId | Should -Be 'ApplianceArgumentInvalid,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        $type.Exception.Message | Should -Match ([regex]::Escape('application/json\nX-Evil: 1'))
        @((Invoke-SpsDoubleControl $Double requests).requests).Count | Should -Be $before -Because 'nothing was sent'
    }

    It 'stops with NoApplianceSession on a disconnected session' {
        $gone = Connect-SpsPluginAppliance $Double.Appliance -Credential $Double.Credential -Insecure -NoDefault
        Disconnect-SpsPluginAppliance $gone
        $record = try { Invoke-SpsPluginRestMethod transaction -Session $gone -ErrorAction Stop } catch { $_ }
        $record.FullyQualifiedErrorId | Should -Be 'NoApplianceSession,SpsPlugin.Commands.InvokeSpsPluginRestMethodCommand'
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'serves ForEach-Object -Parallel from one session' {
        $module = $script:ModulePath
        $statuses = 1..8 | ForEach-Object -Parallel { Import-Module $using:module; (Invoke-SpsPluginRestMethod transaction -Session $using:Session -Raw).StatusCode } -ThrottleLimit 8
        $statuses | Should -HaveCount 8
        $statuses | Should -Not -Contain 401
    }
}
