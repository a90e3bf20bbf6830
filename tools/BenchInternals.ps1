<#
.SYNOPSIS
    The internal members of SpsPlugin.Core that tools/Bench.ps1 times one step at a time, looked up in one place.

.DESCRIPTION
    Bench reaches them by reflection, so the compiler does not see its calls: a changed signature used to
    surface only when a Bench run stopped halfway. Each entry names the member and the number of arguments
    Bench passes; tests/pester/BenchInternals.Tests.ps1 checks every one against the built module.
#>

function Get-BenchInternal {
    $core = [SpsPlugin.SpsPluginPacker].Assembly
    $static = [System.Reflection.BindingFlags]'Public, NonPublic, Static'
    $found = [ordered]@{
        # CRC-32 of a buffer: (crc, bytes, offset, count).
        Crc32Update      = @{ Member = $core.GetType('SpsPlugin.Bundles.Crc32', $true).GetMethod('Update', $static); Arguments = 4 }
        # The zip writer: (sink, entries, read, epoch, progress, level, workers).
        ZipWrite         = @{ Member = $core.GetType('SpsPlugin.Packing.DeterministicZipWriter', $true).GetMethod('Write', $static); Arguments = 7 }
        # The packer's reader of one entry's content, used as the writer's delegate: (entry).
        ReadSource       = @{ Member = [SpsPlugin.SpsPluginPacker].GetMethod('ReadSource', $static); Arguments = 1 }
        # A hook call's private workspace: Create(), then Prepare(plugin, configuration).
        WorkspaceCreate  = @{ Member = $core.GetType('SpsPlugin.HookWorkspace', $true).GetMethod('Create', $static); Arguments = 0 }
        WorkspacePrepare = @{ Member = $core.GetType('SpsPlugin.HookWorkspace', $true).GetMethod('Prepare'); Arguments = 2 }
        # One Python run as the engine starts it: (python, script, stdin, timeout, cancellation).
        PythonProcessRun = @{ Member = $core.GetType('SpsPlugin.PythonProcess', $true).GetMethod('Run', [type[]]@([string], [string], [string], [TimeSpan], [System.Threading.CancellationToken])); Arguments = 5 }
    }
    foreach ($name in $found.Keys) {
        $entry = $found[$name]
        if (-not $entry.Member -or $entry.Member.GetParameters().Count -ne $entry.Arguments) {
            throw "tools/Bench.ps1 calls the internal member $name with $($entry.Arguments) arguments, and SpsPlugin.Core no longer has it so: update tools/BenchInternals.ps1 and the call in Bench.ps1."
        }
    }
    $members = [ordered]@{}
    foreach ($name in $found.Keys) { $members[$name] = $found[$name].Member }
    $members
}
