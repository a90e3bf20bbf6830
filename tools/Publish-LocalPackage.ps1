#requires -Version 7
<#
.SYNOPSIS
    Publishes a built SpsPlugin module folder to a local folder repository, as a .nupkg.

.DESCRIPTION
    Registers a PSResourceGet repository for the folder under a name used only by this run, publishes
    with Publish-PSResource (which checks the manifest as a gallery does) and unregisters it again, so
    the user's repository list is left as it was. build.ps1 -Task Package and the Pester test use it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [string] $RepositoryName = "SpsPluginLocal$([guid]::NewGuid().ToString('N').Substring(0, 8))"
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module Microsoft.PowerShell.PSResourceGet

Register-PSResourceRepository -Name $RepositoryName -Uri $RepositoryPath -Trusted
try { Publish-PSResource -Path $ModulePath -Repository $RepositoryName }
finally { Unregister-PSResourceRepository -Name $RepositoryName }
