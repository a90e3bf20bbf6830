# Module manifest for SpsPlugin. build.ps1 copies this file to out/SpsPlugin/ and replaces the
# version placeholder with the one version in Directory.Build.props.
@{
    RootModule             = 'SpsPlugin.dll'
    ModuleVersion          = '{{ModuleVersion}}'
    GUID                   = '5f0c3b9e-2a41-4d6e-9c7b-8e1f2d3a4b5c'
    Author                 = 'SpsPlugin contributors'
    CompanyName            = 'SpsPlugin contributors'
    Copyright              = '(c) SpsPlugin contributors. MIT licence.'
    Description            = 'Scaffold, validate, pack and simulate One Identity Safeguard for Privileged Sessions (SPS) plugins, and manage their configuration files.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Core', 'Desktop')
    DotNetFrameworkVersion = '4.7.2'
    # The loader runs first and may load the precompiled Core of this platform (runtimes/<rid>/); PowerShell
    # then loads Core while it reads SpsPlugin.dll, so its types ([SpsPlugin.SpsPluginConfig], …) are usable at
    # once. Core is not a RequiredAssembly: those load before nested modules, and the choice would be gone.
    NestedModules          = @('SpsPlugin.Loader.dll')
    FormatsToProcess       = @('SpsPlugin.format.ps1xml')
    # What the package holds; build.ps1 checks the module folder against this list.
    FileList               = @(
        'SpsPlugin.psd1'
        'SpsPlugin.dll'
        'SpsPlugin.Core.dll'
        'SpsPlugin.Loader.dll'
        'runtimes/linux-x64/SpsPlugin.Core.dll'
        'SpsPlugin.format.ps1xml'
        'en-US/SpsPlugin.dll-Help.xml'
        'en-US/about_SpsPlugin.help.txt'
        'en-US/about_SpsPlugin_Scenarios.help.txt'
        'LICENSE'
        'CHANGELOG.md'
    )
    CmdletsToExport        = @(
        'Compare-SpsPluginConfig'
        'Compare-SpsPluginInstallation'
        'Complete-SpsPluginTransaction'
        'Compress-SpsPluginBundle'
        'Connect-SpsPluginAppliance'
        'Disconnect-SpsPluginAppliance'
        'Expand-SpsPluginBundle'
        'Get-SpsPluginBundle'
        'Get-SpsPluginConfig'
        'Get-SpsPluginConfigOption'
        'Get-SpsPluginInstallation'
        'Get-SpsPluginManifest'
        'Get-SpsPluginRule'
        'Get-SpsPluginTemplate'
        'Get-SpsPluginTransaction'
        'Initialize-SpsPluginEnvironment'
        'Invoke-SpsPluginHook'
        'Invoke-SpsPluginRestMethod'
        'Invoke-SpsPluginScenario'
        'Invoke-SpsPluginSimulation'
        'Merge-SpsPluginConfig'
        'New-SpsPlugin'
        'New-SpsPluginConfig'
        'New-SpsPluginConnection'
        'Open-SpsPluginTransaction'
        'Publish-SpsPluginBundle'
        'Remove-SpsPluginInstallation'
        'Save-SpsPluginConfig'
        'Set-SpsPluginConfig'
        'Test-SpsPluginBundle'
        'Test-SpsPluginConfig'
        'Test-SpsPluginInstallation'
        'Undo-SpsPluginTransaction'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('SPS', 'Safeguard', 'OneIdentity', 'Plugin', 'PAM', 'PSEdition_Core', 'PSEdition_Desktop')
            ProjectUri   = 'https://github.com/SpsPlugin/SpsPlugin'
            LicenseUri   = 'https://github.com/SpsPlugin/SpsPlugin/blob/main/LICENSE'
            # build.ps1 fills in this version's section of CHANGELOG.md.
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
