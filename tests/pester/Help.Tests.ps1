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

    It 'shows [-WhatIf] [-Confirm] in every syntax line when it supports ShouldProcess' {
        $supports = [bool]($script:Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].SupportsShouldProcess)
        foreach ($item in @($script:Help.Syntax.SyntaxItem)) {
            $names = @($item.Parameter.Name)
            if ($supports) {
                $names | Should -Contain 'WhatIf' -Because "$_ supports ShouldProcess"
                $names | Should -Contain 'Confirm' -Because "$_ supports ShouldProcess"
            }
            else {
                $names | Should -Not -Contain 'WhatIf'
            }
        }
        if ($supports) {
            ($script:Help.Syntax | Out-String -Width 10000) | Should -Match '\[-WhatIf\] \[-Confirm\]'
        }
    }

    It 'names its output type' {
        ($script:Help.ReturnValues.ReturnValue.Type.Name -join ' ') | Should -Match 'SpsPlugin\.|System\.'
    }
}

# The help as a user reads it: rendered by Get-Help at the widths of a terminal and of a wide window.
Describe 'Rendered help for <_>' -ForEach $script:CommandNames {
    BeforeAll {
        $script:Rendered = @{}
        foreach ($width in 80, 120) {
            $script:Rendered[$width] = @((Get-Help $_ -Full | Out-String -Width $width) -split '\r?\n' | ForEach-Object { $_.Trim() })
        }
        # Every line inside a ``` fence of the markdown source, examples included.
        $script:FencedLines = [System.Collections.Generic.List[string]]::new()
        $inFence = $false
        foreach ($line in Get-Content -LiteralPath (Join-Path $script:RepoRoot "docs/help/$_.md")) {
            if ($line -match '^\s*```') { $inFence = -not $inFence }
            elseif ($inFence -and $line.Trim()) { $script:FencedLines.Add($line.Trim()) }
        }
    }

    It 'shows no markdown fence at width <_>' -ForEach 80, 120 {
        $script:Rendered[$_] | Where-Object { $_ -match '```' } | Should -BeNullOrEmpty
    }

    It 'shows every line of a code block as a line of its own at width <_>' -ForEach 80, 120 {
        # A line that fits is shown whole; a longer one may wrap but still begins a line. A code block
        # folded into a paragraph puts its lines mid-line instead.
        $width = $_
        foreach ($code in $script:FencedLines) {
            if ($code.Length -le $width - 8) {
                $script:Rendered[$width] | Should -Contain $code -Because 'each fenced line is its own line of the help'
            }
            else {
                $starts = @($script:Rendered[$width] | Where-Object { $_.Length -ge 30 -and $code.StartsWith($_, [StringComparison]::Ordinal) })
                $starts | Should -Not -BeNullOrEmpty -Because "'$code' should begin a line"
            }
        }
    }

    It 'names no generic type (Nullable`1) anywhere' {
        $script:Rendered[120] | Where-Object { $_ -match '[A-Za-z]`\d' } | Should -BeNullOrEmpty
    }

    It 'shows the valid values of its enum and ValidateSet parameters in the syntax' {
        $syntax = (Get-Help $_ -Full).Syntax | Out-String -Width 10000
        foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object { $_.Name -notin $script:Common }) {
            $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
            if ($type.IsArray) { $type = [Nullable]::GetUnderlyingType($type.GetElementType()) ?? $type.GetElementType() }
            $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
            $values = if ($set) { $set.ValidValues } elseif ($type.IsEnum) { [enum]::GetNames($type) } else { continue }
            # A positional parameter's name is bracketed: [-Method] {GET | POST}.
            $syntax | Should -Match ("-$($parameter.Name)\]? " + [regex]::Escape("{$($values -join ' | ')}"))
        }
    }
}

Describe 'About topics' {
    It 'Get-Help <_> shows the topic after Import-Module' -ForEach 'about_SpsPlugin', 'about_SpsPlugin_Scenarios' {
        $text = Get-Help $_ | Out-String
        $text | Should -Match "TOPIC\s+$_\s"
        $text.Length | Should -BeGreaterThan 3000
    }

    It 'about_SpsPlugin_Scenarios describes every key of the scenario format, <_>' -ForEach @(
        [SpsPlugin.SpsPluginScenarioFile]::Keys + [SpsPlugin.SpsPluginScenarioFile]::ExpectKeys) {
        Get-Help about_SpsPlugin_Scenarios | Out-String | Should -Match "(?m)^\s+$_\s+"
    }

    It 'about_SpsPlugin names the cmdlets it points to: <_>' -ForEach 'Connect-SpsPluginAppliance', 'Publish-SpsPluginBundle',
        'Get-SpsPluginInstallation', 'Remove-SpsPluginInstallation', 'Test-SpsPluginInstallation', 'Compare-SpsPluginInstallation',
        'Open-SpsPluginTransaction', 'Complete-SpsPluginTransaction', 'Undo-SpsPluginTransaction' {
        Get-Help about_SpsPlugin | Out-String | Should -Match ([regex]::Escape($_))
    }

    It 'keeps <_> within 80 columns' -ForEach 'about_SpsPlugin', 'about_SpsPlugin_Scenarios' {
        Get-Content -LiteralPath (Join-Path $script:RepoRoot "docs/about/$_.help.txt") | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
