BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Wrapped = Join-Path $script:Fixtures 'wrapped-folder-zip/plugin.zip'
}

Describe 'Get-SpsPluginRule' {
    It 'lists the catalogue with stable ids, severities and fixes' {
        $rules = Get-SpsPluginRule
        $rules | Should -BeOfType SpsPlugin.SpsPluginRule
        $rules.Count | Should -BeGreaterThan 50
        ($rules.Id | Sort-Object -Unique).Count | Should -Be $rules.Count
        foreach ($rule in $rules) {
            $rule.Area | Should -BeIn @('Manifest', 'Release', 'Python', 'Structure', 'Config', 'Zip')
            $rule.Severity | Should -BeIn @('Error', 'Warning', 'Information')
            $rule.Title | Should -Not -BeNullOrEmpty
            $rule.Description | Should -Not -BeNullOrEmpty
            $rule.Fix | Should -Not -BeNullOrEmpty
        }
    }

    It 'filters by id wildcards and by area, ignoring case, and by both at once' {
        (Get-SpsPluginRule -Id 'zippath*').Id | Should -Be 'ZipPathTraversal'
        (Get-SpsPluginRule -Id 'zipsymlink', 'ManifestName').Id | Should -Be @('ManifestName', 'ZipSymlink')
        @(Get-SpsPluginRule -Area Release).Id | Should -Be @('ReleaseTarget', 'ReleaseApi', 'ReleaseWindow', 'ReleaseWindowFormat')
        @(Get-SpsPluginRule -Area zip).Count | Should -Be @(Get-SpsPluginRule -Id 'Zip*').Count
        @(Get-SpsPluginRule -Area Zip, Release).Count | Should -Be (@(Get-SpsPluginRule -Area Zip).Count + 4)
        (Get-SpsPluginRule -Id '*Name' -Area Manifest).Id | Should -Be 'ManifestName'
        Get-SpsPluginRule -Id 'Zip*' -Area Manifest | Should -BeNullOrEmpty
    }

    It 'writes nothing, and no error, for an id that matches no rule' {
        Get-SpsPluginRule -Id 'NoSuchRule', 'Nothing*' -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'refuses an area that does not exist before doing anything' {
        { Get-SpsPluginRule -Area Packaging } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SpsPlugin.Commands.GetSpsPluginRuleCommand'
    }

    It 'takes ids from the pipeline by value and by the property names Id and RuleId' {
        ('ZipSymlink', 'ManifestName' | Get-SpsPluginRule).Id | Should -Be @('ZipSymlink', 'ManifestName')
        ([pscustomobject]@{ Id = 'ManifestName' } | Get-SpsPluginRule).Id | Should -Be 'ManifestName'
        ([pscustomobject]@{ RuleId = 'ZipSymlink' } | Get-SpsPluginRule).Id | Should -Be 'ZipSymlink'
    }

    It 'shows the rules behind the findings of Test-SpsPluginBundle -Detailed' {
        ((Test-SpsPluginBundle $script:Wrapped -Detailed -Severity Error).Findings | Get-SpsPluginRule).Id | Should -Be 'StructureWrappedFolder'
    }
}
