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
    # Core is loaded with the module so that its types ([SpsPlugin.SpsPluginConfig], …) are usable at once.
    RequiredAssemblies     = @('SpsPlugin.Core.dll')
    FormatsToProcess       = @('SpsPlugin.format.ps1xml')
    CmdletsToExport        = @(
        'Compare-SpsPluginConfig'
        'Compress-SpsPluginBundle'
        'Connect-SpsPluginAppliance'
        'Disconnect-SpsPluginAppliance'
        'Expand-SpsPluginBundle'
        'Get-SpsPluginBundle'
        'Get-SpsPluginConfig'
        'Get-SpsPluginConfigOption'
        'Get-SpsPluginManifest'
        'Get-SpsPluginRule'
        'Get-SpsPluginTemplate'
        'Initialize-SpsPluginEnvironment'
        'Invoke-SpsPluginHook'
        'Invoke-SpsPluginRestMethod'
        'Invoke-SpsPluginScenario'
        'Invoke-SpsPluginSimulation'
        'Merge-SpsPluginConfig'
        'New-SpsPlugin'
        'New-SpsPluginConfig'
        'New-SpsPluginConnection'
        'Save-SpsPluginConfig'
        'Set-SpsPluginConfig'
        'Test-SpsPluginBundle'
        'Test-SpsPluginConfig'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('SPS', 'Safeguard', 'OneIdentity', 'Plugin', 'PAM')
        }
    }
}
