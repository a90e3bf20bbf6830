# The Pester side of the SPS double (tests/pester/SpsDouble.ps1): starting, controlling and stopping it from
# a test, several at once. What the double answers is tested in xunit (Appliance/SpsDoubleTests.cs).
BeforeAll {
    . (Join-Path $PSScriptRoot 'SpsDouble.ps1')
}

Describe 'Start-SpsDouble' {
    It 'starts doubles on their own ports that log in the returned credential and obey control calls' {
        $first = Start-SpsDouble
        $second = Start-SpsDouble -Release 7.4.0 -User 'operator:op-password-1'
        try {
            $first.Appliance | Should -Match '^127\.0\.0\.1:\d+$'
            $first.Appliance | Should -Not -Be $second.Appliance
            $first.Thumbprint | Should -Match '^[0-9A-F]{64}$'
            Test-Path -LiteralPath $first.CaCertificatePath | Should -BeTrue
            $second.Credential.UserName | Should -Be 'operator'

            $login = Invoke-RestMethod -Uri "$($second.Url)api/authentication" -Credential $second.Credential -Authentication Basic `
                -SkipCertificateCheck -SessionVariable session
            $login.body.user | Should -Be 'operator'

            $second.Control('seal', @{ sealed = $true }).ok | Should -BeTrue
            $refused = Invoke-WebRequest -Uri "$($second.Url)api/upload/plugins" -Method Post -WebSession $session -SkipCertificateCheck `
                -ContentType 'application/zip' -Body ([byte[]](1, 2, 3)) -SkipHttpErrorCheck
            $refused.StatusCode | Should -Be 403
            ($refused.Content | ConvertFrom-Json).error.code | Should -Be 'SealedMode'

            $requests = (Invoke-SpsDoubleControl -Double $second -Operation requests).requests
            $requests.path | Should -Be @('/api/authentication', '/api/upload/plugins')
            $requests[1].status | Should -Be 403
        }
        finally {
            $first, $second | Stop-SpsDouble
        }
        $first.Process.HasExited | Should -BeTrue
        $second.Process.ExitCode | Should -Be 0
        Test-Path -LiteralPath $first.CaCertificatePath | Should -BeFalse
    }

    It 'refuses control calls without the token' {
        $double = Start-SpsDouble
        try {
            $answer = Invoke-WebRequest -Uri "$($double.Url)__double/seal" -Method Post -Body '{}' -SkipCertificateCheck -SkipHttpErrorCheck
            $answer.StatusCode | Should -Be 403
        }
        finally { $double | Stop-SpsDouble }
    }
}
