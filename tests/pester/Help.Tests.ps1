# Every exported cmdlet has real help: synopsis, description, examples, and every parameter described.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:CommandNames = @((Get-Module SpsPlugin).ExportedCmdlets.Keys)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <_>' -ForEach $script:CommandNames {
    BeforeAll {
        $script:Help = Get-Help $_ -Full
        $script:Command = Get-Command $_
    }

    It 'has a written synopsis, not the generated syntax' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -Match ([regex]::Escape($_) + '\s+\[')
        $script:Help.Synopsis.Length | Should -BeGreaterThan 20
    }

    It 'has a description' {
        ($script:Help.Description.Text -join '').Length | Should -BeGreaterThan 100
    }

    It 'has at least one example with code and remarks' {
        @($script:Help.Examples.Example).Count | Should -BeGreaterOrEqual 1
        foreach ($example in $script:Help.Examples.Example) {
            $example.Code | Should -Match ([regex]::Escape($_))
            ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        foreach ($name in $script:Command.Parameters.Keys | Where-Object { $_ -notin $script:Common }) {
            $parameter = $script:Help.Parameters.Parameter | Where-Object Name -EQ $name
            $parameter | Should -Not -BeNullOrEmpty -Because "-$name should be in the help"
            ($parameter.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$name should be described"
        }
    }

    It 'names its output type' {
        ($script:Help.ReturnValues.ReturnValue.Type.Name -join ' ') | Should -Match 'SpsPlugin\.|System\.'
    }
}
