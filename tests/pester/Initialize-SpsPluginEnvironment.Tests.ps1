BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # A project folder with a Pipfile naming one stand-in package, and a folder holding that package
    # as a wheel written by hand (a zip with the module and its dist-info): no index is ever reached.
    function New-StandInProject {
        $root = Join-Path $TestDrive ('env-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $wheels = New-Item -ItemType Directory -Path (Join-Path $root 'wheels')
        $project = New-Item -ItemType Directory -Path (Join-Path $root 'plugin')
        Set-Content -LiteralPath (Join-Path $project 'Pipfile') "[packages]`n`n[dev-packages]`nspsplugin-standin = `"==1.0`"`n"
        $wheel = Join-Path $wheels 'spsplugin_standin-1.0-py3-none-any.whl'
        $zip = [System.IO.Compression.ZipFile]::Open($wheel, 'Create')
        try {
            $files = [ordered]@{
                'spsplugin_standin.py'                      = "VALUE = 'stand-in'`n"
                'spsplugin_standin-1.0.dist-info/METADATA'  = "Metadata-Version: 2.1`nName: spsplugin-standin`nVersion: 1.0`n"
                'spsplugin_standin-1.0.dist-info/WHEEL'     = "Wheel-Version: 1.0`nGenerator: tests`nRoot-Is-Purelib: true`nTag: py3-none-any`n"
                'spsplugin_standin-1.0.dist-info/RECORD'    = "spsplugin_standin.py,,`nspsplugin_standin-1.0.dist-info/METADATA,,`nspsplugin_standin-1.0.dist-info/WHEEL,,`nspsplugin_standin-1.0.dist-info/RECORD,,`n"
            }
            foreach ($name in $files.Keys) {
                $writer = [System.IO.StreamWriter]::new($zip.CreateEntry($name).Open())
                $writer.Write($files[$name]); $writer.Dispose()
            }
        }
        finally { $zip.Dispose() }
        [pscustomobject]@{ Project = $project.FullName; Wheels = $wheels.FullName }
    }

    function Skip-WithoutVenv {
        Skip-WithoutPython
        & $script:Python -c 'import ensurepip, venv' 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because "$script:Python has no venv/ensurepip (Debian: apt-get install python3-venv)" }
    }
}

Describe 'Initialize-SpsPluginEnvironment' {
    It 'says what it would do with -WhatIf and creates nothing' {
        Skip-WithoutPython
        $standIn = New-StandInProject
        $output = Get-HostOutput "Initialize-SpsPluginEnvironment '$($standIn.Project)' -NoIndex -FindLinks '$($standIn.Wheels)' -PythonPath '$script:Python' -WhatIf"
        $output | Should -Match 'Create .*\.venv with .*install spsplugin-standin==1\.0 from only'
        Join-Path $standIn.Project '.venv' | Should -Not -Exist
    }

    It 'creates the .venv from the Pipfile with a local wheel, and the hook cmdlets then use that interpreter' {
        Skip-WithoutVenv
        $standIn = New-StandInProject
        $interpreter = Initialize-SpsPluginEnvironment $standIn.Project -NoIndex -FindLinks $standIn.Wheels -PythonPath $script:Python -Confirm:$false
        $interpreter | Should -BeOfType ([SpsPlugin.PythonInterpreter])
        $interpreter.Path | Should -BeLike (Join-Path $standIn.Project '.venv*')
        $interpreter.Source | Should -BeLike '*.venv*'
        & $interpreter.Path -c 'import spsplugin_standin; print(spsplugin_standin.VALUE)' | Should -Be 'stand-in'
        # The plugin beside the Pipfile runs with the .venv's interpreter, and the result says so.
        Copy-Item -Recurse (Join-Path $script:ExamplePlugin '*') $standIn.Project
        $result = Invoke-SpsPluginHook $standIn.Project authenticate -Parameter @{ key_value_pairs = @{ ticket = 'INC0000001' } }
        $result.Interpreter | Should -BeLike "*$([IO.Path]::GetFileName($standIn.Project))*.venv*"
        # -Verbose says which Python ran, and why that one.
        $verbose = Invoke-SpsPluginHook $standIn.Project authenticate -Parameter @{ key_value_pairs = @{ ticket = 'INC0000001' } } -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match "Python .*the project's \.venv"
    }

    It 'names the file, the line and the fix for a Pipfile line it cannot read' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ('bad-' + [guid]::NewGuid().ToString('N').Substring(0, 8)))
        Set-Content -LiteralPath (Join-Path $folder 'Pipfile') "[packages]`nrequests = `"1.0`"`n"
        $failure = { Initialize-SpsPluginEnvironment $folder.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'PipfileInvalid,*' -PassThru
        $failure.Exception.Message | Should -BeLike '*Pipfile*2*==1.0*'
    }
}
