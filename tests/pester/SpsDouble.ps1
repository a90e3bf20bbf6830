# Dot-sourced by test files that need an SPS appliance: starts the console host of tests/SpsPlugin.SpsDouble
# (a stand-in appliance on https://127.0.0.1:<ephemeral port>, see its SpsDouble.cs) and controls it.
# It builds nothing: build.ps1 -Task Test builds the double with the xunit project before Pester runs.
# Every double serves until its stdin closes, so one whose test died goes away with this pwsh.

function Find-SpsDoubleAssembly {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $candidates = @(
        $env:SPSPLUGIN_SPSDOUBLE
        if ($env:SPSPLUGIN_MODULE) { Join-Path (Split-Path -Parent $env:SPSPLUGIN_MODULE) '../SpsDouble/SpsPlugin.SpsDouble.dll' }
        Join-Path $repoRoot 'tests/SpsPlugin.SpsDouble/bin/Release/net10.0/SpsPlugin.SpsDouble.dll'
        Join-Path $repoRoot 'tests/SpsPlugin.SpsDouble/bin/Debug/net10.0/SpsPlugin.SpsDouble.dll'
    ) | Where-Object { $_ }
    $found = $candidates | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
    if (-not $found) {
        throw "The SPS double is not built (looked at: $($candidates -join ', ')). Build it: dotnet build tests/SpsPlugin.SpsDouble -c Release"
    }
    (Resolve-Path -LiteralPath $found).Path
}

function Start-SpsDouble {
    # Starts one double and returns what a test needs: Url, Appliance (host:port), Thumbprint (SHA-256 of
    # the server certificate; ThumbprintSha1 as Windows shows it), CaCertificatePath, the client certificate
    # of the first user (ClientCertificatePath/ClientCertificatePassword, for ?type=x509), Credential (that
    # user's PSCredential), ControlToken and Process. Several can run at once: each has its own port.
    [CmdletBinding()]
    param(
        [string] $Release,
        [double] $IdleSeconds,
        [double] $TransactionSeconds,
        [long] $MaxBodyBytes,
        [switch] $Sealed,
        # The double adds sha256 to plugin bodies (SPS documents none): for the publish's skip.
        [switch] $ReportChecksum,
        # name:password[:login_method]; the first is the Credential. Default: admin / double-password-1.
        [string[]] $User
    )
    $arguments = [System.Collections.Generic.List[string]]::new()
    $arguments.Add((Find-SpsDoubleAssembly))
    if ($Release) { $arguments.AddRange([string[]]@('--release', $Release)) }
    if ($PSBoundParameters.ContainsKey('IdleSeconds')) { $arguments.AddRange([string[]]@('--idle-seconds', $IdleSeconds.ToString([cultureinfo]::InvariantCulture))) }
    if ($PSBoundParameters.ContainsKey('TransactionSeconds')) { $arguments.AddRange([string[]]@('--transaction-seconds', $TransactionSeconds.ToString([cultureinfo]::InvariantCulture))) }
    if ($PSBoundParameters.ContainsKey('MaxBodyBytes')) { $arguments.AddRange([string[]]@('--max-body-bytes', "$MaxBodyBytes")) }
    if ($Sealed) { $arguments.Add('--sealed') }
    if ($ReportChecksum) { $arguments.Add('--report-checksum') }
    foreach ($entry in $User) { $arguments.AddRange([string[]]@('--user', $entry)) }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', $arguments)
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    # Read stderr from the start so a chatty double never blocks on a full pipe; shown when it fails.
    $stderr = $process.StandardError.ReadToEndAsync()
    $lineTask = $process.StandardOutput.ReadLineAsync()
    if (-not $lineTask.Wait([timespan]::FromSeconds(30)) -or -not $lineTask.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The SPS double did not start: $($stderr.Result)"
    }
    $line = $lineTask.Result | ConvertFrom-Json

    $userName, $password = if ($User) { ($User[0] -split ':')[0, 1] } else { 'admin', 'double-password-1' }
    $double = [pscustomobject]@{
        PSTypeName                = 'SpsPlugin.Tests.SpsDouble'
        Url                       = $line.url
        Appliance                 = $line.appliance
        Thumbprint                = $line.thumbprint
        ThumbprintSha1            = $line.thumbprintSha1
        CaCertificatePath         = $line.caCertificatePath
        ClientCertificatePath     = $line.clientCertificatePath
        ClientCertificatePassword = $line.clientCertificatePassword
        Credential                = [pscredential]::new($userName, (ConvertTo-SecureString -String $password -AsPlainText -Force))
        ControlToken              = $line.controlToken
        Process                   = $process
        StandardError             = $stderr
    }
    $double | Add-Member -MemberType ScriptMethod -Name Control -Value {
        param([string] $Operation, $Body)
        Invoke-SpsDoubleControl -Double $this -Operation $Operation -Body $Body
    }
    $double
}

function Invoke-SpsDoubleControl {
    # A control call (/__double/<op>): seal, expire-sessions, fault, lock, unlock, tamper, remove-deployed-file, client-certificate,
    # unregistered, in-use (POST, $Body a hashtable) or requests, plugins (GET). Returns the parsed answer.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Double,
        [Parameter(Mandatory)] [string] $Operation,
        $Body
    )
    $method = if ($Operation -in 'requests', 'plugins') { 'Get' } else { 'Post' }
    $parameters = @{
        Uri     = "$($Double.Url)__double/$Operation"
        Method  = $method
        Headers = @{ 'X-Double-Control' = $Double.ControlToken }
        # The control channel is the test's own line to the double, not the client under test: its
        # certificate is the double's own, so skipping the check here hides nothing the tests examine.
        SkipCertificateCheck = $true
    }
    if ($method -eq 'Post') {
        $parameters.Body = if ($null -eq $Body) { '{}' } else { $Body | ConvertTo-Json -Compress }
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Stop-SpsDouble {
    # Closes the double's stdin (it stops and removes its temporary files) and waits; kills it after 10 s.
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Double)
    process {
        if ($Double.Process.HasExited) { return }
        $Double.Process.StandardInput.Close()
        if (-not $Double.Process.WaitForExit(10000)) { $Double.Process.Kill() }
    }
}
