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
