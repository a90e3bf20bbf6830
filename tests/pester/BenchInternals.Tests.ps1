# tools/Bench.ps1 times some internal steps through reflection, which no compiler checks: every member it
# reaches must exist with the arguments it passes, or a Bench run stops halfway.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $script:RepoRoot 'tools/BenchInternals.ps1')
}

Describe 'The internals Bench reaches by reflection' {
    It 'are all found with the arguments Bench passes' {
        $members = Get-BenchInternal
        $members.Keys | Should -Be @('Crc32Update', 'ZipWrite', 'ReadSource', 'WorkspaceCreate', 'WorkspacePrepare', 'PythonProcessRun')
        $members.Values | Where-Object { $_ -isnot [System.Reflection.MethodInfo] } | Should -BeNullOrEmpty
    }

    It 'are read by Bench only through Get-BenchInternal' {
        $bench = Get-Content -Raw (Join-Path $script:RepoRoot 'tools/Bench.ps1')
        $bench | Should -Not -Match "GetMethod\(|GetType\('SpsPlugin"
    }
}
