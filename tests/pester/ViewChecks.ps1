# Dot-sourced by Views.Tests.ps1: collects rendered objects and finds what makes a view unreadable in
# a terminal of a given width (lines too long, headers cut, empty columns, words split by a wrap).

function Add-ViewInstance([hashtable] $Instances, $Item, [int] $Depth = 0) {
    # $Item under its type name, and the SpsPlugin objects in its properties (findings, entries, sections).
    if ($null -eq $Item -or $Depth -gt 2) { return }
    $base = if ($Item -is [psobject]) { $Item.PSObject.BaseObject } else { $Item }
    $name = $base.GetType().FullName
    if (-not $Instances.ContainsKey($name)) { $Instances[$name] = [System.Collections.Generic.List[object]]::new() }
    if ($Instances[$name].Count -ge 20) { return }
    $Instances[$name].Add($Item)
    if ($base.GetType().Namespace -notlike 'SpsPlugin*') { return }
    foreach ($property in $base.PSObject.Properties) {
        $value = try { $property.Value } catch { $null }
        foreach ($inner in @($value)) {
            if ($null -ne $inner -and $inner -isnot [string] -and $inner.GetType().Namespace -like 'SpsPlugin*' -and -not $inner.GetType().IsEnum) {
                Add-ViewInstance $Instances $inner ($Depth + 1)
            }
        }
    }
}

function Get-ViewWord($Items) {
    # The words of the values shown: a line break between two halves of one of them is a split word.
    $words = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($item in $Items) {
        $texts = foreach ($property in $item.PSObject.Properties) {
            $value = try { $property.Value } catch { $null }
            foreach ($one in @($value)) { if ($null -ne $one) { "$one" } }
        }
        foreach ($text in $texts) {
            foreach ($word in [regex]::Matches($text, '[A-Za-z]{2,}')) { $null = $words.Add($word.Value) }
            # Pairs of words too: 'One|Identity' is a wrap between the words of 'One Identity', not a split.
            foreach ($pair in [regex]::Matches($text, '(?<![A-Za-z])(?=([A-Za-z]+ [A-Za-z]+))')) { $null = $words.Add($pair.Groups[1].Value) }
        }
    }
    , $words
}

function Get-ViewCell([string] $Line, [int] $Start, [int] $End) {
    if ($Line.Length -le $Start) { return '' }
    $Line.Substring($Start, [Math]::Min($Line.Length, $End) - $Start)
}

function Get-SplitWord([string] $Above, [string] $Below, $Words) {
    # 'rel|ease' when one cell's line ends, and the next line of the same cell starts, inside one word.
    # Letters inside a run that has digits ('…3f|c2…' of a SHA-256) are a token too long for the width, not a
    # word: its letters changed every run, so counting them made the check flaky.
    $tail = [regex]::Match($Above.TrimEnd(), '(?<![0-9A-Za-z])[A-Za-z]+$').Value
    $head = [regex]::Match($Below, '^[A-Za-z]+(?![0-9A-Za-z])').Value
    if ($tail -and $head -and $Words.Contains($tail + $head) -and -not $Words.Contains("$tail $head")) { "'$tail|$head'" }
}

function Get-ViewProblem([string] $Text, [int] $Width, $Words) {
    $lines = $Text -split '\r?\n'
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i].Length -gt $Width) { "line longer than $($Width): '$($lines[$i])'" }
    }
    for ($i = 1; $i -lt $lines.Count; $i++) {
        # A table: a header line over a line of dashes, rows down to the next blank line.
        if ($lines[$i] -match '^\s*-[- ]*$' -and $lines[$i - 1].Trim()) {
            $header = $lines[$i - 1]
            if ($header -match '…|\.\.\.') { "header cut: '$header'" }
            $runs = @([regex]::Matches($lines[$i], '-+'))
            $rows = @(for ($r = $i + 1; $r -lt $lines.Count -and $lines[$r].Trim(); $r++) { $lines[$r] })
            for ($c = 0; $c -lt $runs.Count; $c++) {
                $start = $runs[$c].Index
                $end = if ($c + 1 -lt $runs.Count) { $runs[$c + 1].Index - 1 } else { [int]::MaxValue }
                $label = (Get-ViewCell $header $start $end).Trim()
                if ($rows -and -not ($rows | Where-Object { (Get-ViewCell $_ $start $end).Trim() })) { "column '$label' is empty on every row" }
                for ($r = 0; $r -lt $rows.Count - 1; $r++) {
                    $split = Get-SplitWord (Get-ViewCell $rows[$r] $start $end) (Get-ViewCell $rows[$r + 1] $start $end) $Words
                    if ($split) { "word split in column '$label': $split" }
                }
            }
            $i += $rows.Count
            continue
        }
    }
    # A list: 'Label : value' lines, a wrapped value going on under the value's first character.
    $column = -1
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $match = [regex]::Match($lines[$i], '^\S[^:]*? : ')
        if ($match.Success) { $column = $match.Length; continue }
        if ($column -gt 0 -and $lines[$i].Length -gt $column -and $lines[$i].Substring(0, $column).Trim() -eq '' -and $lines[$i][$column] -ne ' ') {
            $split = Get-SplitWord $lines[$i - 1].Substring([Math]::Min($column, $lines[$i - 1].Length)) $lines[$i].Substring($column) $Words
            if ($split) { "word split in a list value: $split" }
        }
        elseif (-not $lines[$i].Trim()) { $column = -1 }
    }
}
