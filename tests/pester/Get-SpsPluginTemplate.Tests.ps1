BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function New-TemplateFolder([string] $Name, [string] $Descriptor) {
        $folder = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force $folder
        if (-not $Descriptor) { $Descriptor = "{`"name`": `"$Name`", `"type`": `"aa`", `"requiresSdk`": false, `"description`": `"Ours`"}" }
        Set-Content (Join-Path $folder 'template.json') $Descriptor
        Set-Content (Join-Path $folder 'MANIFEST') 'name: {{name}}'
        $folder
    }
}

Describe 'Get-SpsPluginTemplate' {
    It 'lists the five built-in templates with type and SDK need' {
        $templates = Get-SpsPluginTemplate
        $templates | Should -BeOfType SpsPlugin.SpsPluginTemplate
        $templates.Name | Should -Be @('aa-mfa', 'aa-minimal', 'aa-ticket', 'credentialstore', 'credentialstore-sdk')
        ($templates | Where-Object RequiresSdk).Name | Should -Be @('aa-mfa', 'credentialstore-sdk')
        $templates.Source | Sort-Object -Unique | Should -Be 'Built-in'
        (Get-SpsPluginTemplate aa-ticket).Files.Key | Should -Contain '{{name}}/plugin.py'
    }

    It 'filters by name with wildcards, ignoring case' {
        (Get-SpsPluginTemplate 'credential*').Type | Should -Be @('credentialstore', 'credentialstore')
        (Get-SpsPluginTemplate 'AA-MIN*', 'aa-Ticket').Name | Should -Be @('aa-minimal', 'aa-ticket')
    }

    It 'says TemplateNotFound for a plain name that matches nothing, not for a wildcard, and still lists the others' {
        $found = Get-SpsPluginTemplate aa-maximal, 'zz*', aa-minimal -ErrorVariable errors -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'aa-minimal'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'TemplateNotFound,SpsPlugin.Commands.GetSpsPluginTemplateCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match 'aa-maximal.*aa-minimal'
    }

    It 'reads a template folder given by -TemplatePath, by value and by property name' {
        $folder = New-TemplateFolder 'company-aa'
        $template = Get-SpsPluginTemplate -TemplatePath $folder
        $template | Should -BeOfType SpsPlugin.SpsPluginTemplate
        $template.Name | Should -Be 'company-aa'
        $template.Source | Should -Be $folder
        $template.Files.Key | Should -Be @('MANIFEST')
        ($folder | Get-SpsPluginTemplate).Name | Should -Be 'company-aa'
        (Get-Item $folder | Get-SpsPluginTemplate).Name | Should -Be 'company-aa'
        ([pscustomobject]@{ TemplatePath = $folder } | Get-SpsPluginTemplate).Name | Should -Be 'company-aa'
    }

    It 'resolves wildcards in -TemplatePath' {
        $null = New-TemplateFolder 'wild-one'
        $null = New-TemplateFolder 'wild-two'
        (Get-SpsPluginTemplate -TemplatePath (Join-Path $TestDrive 'wild-*')).Name | Should -Be @('wild-one', 'wild-two')
    }

    It 'says what is wrong with a bad descriptor (TemplateInvalid) and goes on with the next folder' {
        $bad = New-TemplateFolder 'bad-type' '{"name": "bad-type", "type": "mfa"}'
        $good = New-TemplateFolder 'after-bad'
        $templates = $bad, $good | Get-SpsPluginTemplate -ErrorVariable errors -ErrorAction SilentlyContinue
        $templates.Name | Should -Be 'after-bad'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'TemplateInvalid,SpsPlugin.Commands.GetSpsPluginTemplateCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be (Join-Path $bad 'template.json')
        $errors[0].Exception.Message | Should -Match "type 'mfa'"
    }

    It 'says PathNotFound for a missing folder and for a folder without template.json' {
        $empty = Join-Path $TestDrive 'no-descriptor'
        $null = New-Item -ItemType Directory $empty
        $missing = Join-Path $TestDrive 'not-there'
        Get-SpsPluginTemplate -TemplatePath $missing, $empty -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Be @('PathNotFound,SpsPlugin.Commands.GetSpsPluginTemplateCommand', 'PathNotFound,SpsPlugin.Commands.GetSpsPluginTemplateCommand')
        $errors.CategoryInfo.Category | Should -Be @('ObjectNotFound', 'ObjectNotFound')
        $errors.TargetObject | Should -Be @($missing, $empty)
    }
}
