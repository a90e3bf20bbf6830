#requires -Version 7
<#
.SYNOPSIS
    Builds en-US/SpsPlugin.dll-Help.xml (MAML) from the markdown help in docs/help.

.DESCRIPTION
    Binary cmdlets get their Get-Help text from MAML only, and platyPS is not available from NuGet, so
    this small converter does the job. The prose (synopsis, description, examples, parameter
    descriptions, inputs, outputs, notes, links) comes from docs/help/<Cmdlet>.md; everything that the
    code already knows (parameter sets, types, positions, pipeline input, aliases, wildcards) is read
    from the built module itself, so the two can never disagree.

    It fails when a cmdlet has no markdown, a markdown file names no cmdlet, a section is empty, an
    example is missing, or a parameter is not described. Run it in a fresh process (build.ps1 does):
    it imports the module, and a loaded binary module cannot be unloaded.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $MarkdownFolder,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Get-Help adds [<CommonParameters>] for these itself. -WhatIf and -Confirm (the optional common ones, present
# only on cmdlets that support ShouldProcess) it does not: they are written into the syntax and parameters here.
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
# -WhatIf and -Confirm mean the same on every cmdlet; their text is written once, here.
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. Nothing is written.'
    Confirm = 'Prompts you for confirmation before each change.'
}

function Split-Sections([string[]] $Lines, [string] $Prefix) {
    # Returns an ordered map of heading text -> body lines for headings that start with $Prefix.
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix) -and -not $line.StartsWith($Prefix + '#')) {
            $current = $line.Substring($Prefix.Length).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($null -ne $current) {
            $sections[$current].Add($line)
        }
    }
    $sections
}

function Get-Paragraphs([System.Collections.Generic.List[string]] $Lines) {
    # The markdown subset the help pages use, as MAML paragraphs. Get-Help keeps the line breaks inside
    # a paragraph and separates paragraphs by a blank line, so each block gets the shape it needs:
    #   prose          lines up to a blank line, joined into one paragraph (the host wraps it)
    #   ``` fences     one paragraph, line for line with its indentation: code and file formats
    #   - / * / 1.     one paragraph per item, marker kept; the lines up to the next item or blank continue it
    #   | tables |     one paragraph, columns padded to line up, the |---| rule dropped
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $table = $null
    $flush = {
        if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() }
        if ($null -ne $table) { $paragraphs.Add((ConvertTo-TableText $table)); $table = $null }
    }
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $paragraphs.Add((ConvertTo-CodeText $fence)); $fence = $null }
            else { $fence.Add($line) }
        }
        elseif ($line -match '^\s*```') { . $flush; $fence = [System.Collections.Generic.List[string]]::new() }
        elseif ($line.Trim() -eq '') { . $flush }
        elseif ($line -match '^\s*\|') {
            if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() }
            if ($null -eq $table) { $table = [System.Collections.Generic.List[string]]::new() }
            $table.Add($line.Trim())
        }
        elseif ($line -match '^([-*]|\d+\.) ') { . $flush; $buffer.Add($line.Trim()) }
        else {
            if ($null -ne $table) { . $flush }
            $buffer.Add($line.Trim())
        }
    }
    if ($null -ne $fence) { throw "A code block (```) is not closed: it starts with '$($fence[0])'." }
    . $flush
    , $paragraphs
}

function ConvertTo-CodeText([System.Collections.Generic.List[string]] $Code) {
    # Get-Help trims a paragraph's first line and indents every line alike, so the block loses its
    # common indentation and keeps each line's own indentation relative to it.
    $lines = @($Code | ForEach-Object { $_.TrimEnd() })
    $indents = @($lines | Where-Object { $_ } | ForEach-Object { $_.Length - $_.TrimStart().Length })
    $common = if ($indents) { ($indents | Measure-Object -Minimum).Minimum } else { 0 }
    @($lines | ForEach-Object { if ($_) { $_.Substring($common) } else { '' } }) -join "`n"
}

function ConvertTo-TableText([System.Collections.Generic.List[string]] $Rows) {
    # A markdown table as aligned text; cells lose their `code` backticks, the header gets a dashed rule.
    $cells = @(foreach ($row in $Rows) {
            if ($row -match '^\|[\s:|-]+\|$') { continue }
            , @($row.Trim().Trim('|') -split '(?<!\\)\|' | ForEach-Object { $_.Trim().Replace('\|', '|') -replace '`', '' })
        })
    $columns = ($cells | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
    $widths = @(for ($c = 0; $c -lt $columns; $c++) { ($cells | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum })
    $text = [System.Collections.Generic.List[string]]::new()
    for ($r = 0; $r -lt $cells.Count; $r++) {
        $text.Add((((0..($columns - 1) | ForEach-Object { $cell = if ($_ -lt $cells[$r].Count) { $cells[$r][$_] } else { '' }; $cell.PadRight($widths[$_]) }) -join '  ')).TrimEnd())
        if ($r -eq 0) { $text.Add((($widths | ForEach-Object { '-' * $_ }) -join '  ')) }
    }
    $text -join "`n"
}

function Write-Paragraphs([System.Xml.XmlWriter] $Writer, [string] $Element, $Paragraphs) {
    $Writer.WriteStartElement('maml', $Element, $maml)
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Get-PipelineInput($Parameter) {
    $kinds = @()
    if ($Parameter.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Parameter.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-ValueType([type] $Type) {
    # What a user types: int for int?, Severity for Severity? (Nullable`1 tells them nothing).
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying } else { $Type }
}

function Get-ValidValues($Metadata) {
    # An enum's names or a [ValidateSet]'s values, shown in the syntax as {A | B | C}.
    $set = $Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $type = Get-ValueType $Metadata.ParameterType
    if ($type.IsArray) { $type = Get-ValueType $type.GetElementType() }
    if ($type.IsEnum) { return [enum]::GetNames($type) }
    @()
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, $Metadata, [string] $Description, [switch] $InSyntax) {
    $position = if ($Parameter.Position -ge 0) { [string]$Parameter.Position } else { 'named' }
    $aliases = if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }
    $globbing = [bool]($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $valueType = Get-ValueType $Metadata.ParameterType
    $isSwitch = $Metadata.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $Writer.WriteStartElement('command', 'parameter', $command)
    $Writer.WriteAttributeString('required', $Parameter.IsMandatory.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Parameter))
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $maml, $Metadata.Name)
    Write-Paragraphs $Writer 'description' (Get-Paragraphs ([System.Collections.Generic.List[string]]@($Description -split "`n")))
    $validValues = @(Get-ValidValues $Metadata)
    if ($InSyntax -and $validValues.Count) {
        # Get-Help prints a syntax item's value group as {A | B} in place of the type.
        $Writer.WriteStartElement('command', 'parameterValueGroup', $command)
        foreach ($value in $validValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif (-not $isSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($valueType.Name)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $dev)
    $Writer.WriteElementString('maml', 'name', $maml, $valueType.FullName)
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $dev, 'None')
    $Writer.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$module = Import-Module $ModulePath -PassThru -Force
# Through Get-Command: its CmdletInfo lists dynamic parameters (the shared connection parameters) in
# ParameterSets too, where the module's ExportedCmdlets entries list them only in Parameters.
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name | ForEach-Object { Get-Command -Module $module.Name -Name $_.Name })
$problems = [System.Collections.Generic.List[string]]::new()

$markdownFiles = @(Get-ChildItem -LiteralPath $MarkdownFolder -Filter '*.md')
foreach ($file in $markdownFiles) {
    if ($file.BaseName -notin $cmdlets.Name) { $problems.Add("$($file.Name) documents '$($file.BaseName)', which the module does not export.") }
}

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
$stream = [System.IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($stream, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($cmdlet in $cmdlets) {
    $file = Join-Path $MarkdownFolder "$($cmdlet.Name).md"
    if (-not (Test-Path -LiteralPath $file)) { $problems.Add("$($cmdlet.Name) has no help file $file."); continue }
    $lines = (Get-Content -LiteralPath $file -Raw) -split "\r?\n"
    $sections = Split-Sections $lines '## '
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
        if (-not $sections.Contains($required) -or -not ($sections[$required] -join '').Trim()) {
            $problems.Add("$($file): the section '## $required' is missing or empty.")
        }
    }
    if ($problems.Count) { continue }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('command', 'details', $command)
    $writer.WriteElementString('command', 'name', $command, $cmdlet.Name)
    $writer.WriteElementString('command', 'verb', $command, $cmdlet.Verb)
    $writer.WriteElementString('command', 'noun', $command, $cmdlet.Noun)
    Write-Paragraphs $writer 'description' (Get-Paragraphs $sections['SYNOPSIS'])
    $writer.WriteEndElement()
    Write-Paragraphs $writer 'description' (Get-Paragraphs $sections['DESCRIPTION'])

    $parameterText = Split-Sections $sections['PARAMETERS'] '### '
    $described = @{}
    foreach ($name in $parameterText.Keys) { $described[$name.TrimStart('-')] = (($parameterText[$name] -join "`n").Trim()) }
    foreach ($name in $standardDescriptions.Keys) { if (-not $described.ContainsKey($name)) { $described[$name] = $standardDescriptions[$name] } }
    $ownParameters = @($cmdlet.Parameters.Values | Where-Object { $_.Name -notin $commonParameters })
    foreach ($parameter in $ownParameters) {
        if (-not $described[$parameter.Name]) { $problems.Add("$($file): parameter -$($parameter.Name) has no description under '## PARAMETERS'.") }
    }
    foreach ($name in $parameterText.Keys) {
        if ($name.TrimStart('-') -notin $ownParameters.Name) { $problems.Add("$($file): describes -$($name.TrimStart('-')), which $($cmdlet.Name) does not have.") }
    }

    $writer.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmdlet.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $command)
        $writer.WriteElementString('maml', 'name', $maml, $cmdlet.Name)
        # Positional parameters first, then named ones, then -WhatIf and -Confirm as Get-Command's syntax shows them.
        $order = { if ($_.Name -eq 'WhatIf') { 2000 } elseif ($_.Name -eq 'Confirm') { 2001 } elseif ($_.Position -ge 0) { $_.Position } else { 1000 } }
        foreach ($parameter in ($set.Parameters | Where-Object { $_.Name -notin $commonParameters } | Sort-Object $order)) {
            Write-Parameter $writer $parameter $cmdlet.Parameters[$parameter.Name] $described[$parameter.Name] -InSyntax
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $command)
    foreach ($metadata in $ownParameters) {
        $parameter = $cmdlet.ParameterSets.Parameters | Where-Object Name -EQ $metadata.Name | Select-Object -First 1
        Write-Parameter $writer $parameter $metadata $described[$metadata.Name]
    }
    $writer.WriteEndElement()

    foreach ($pair in @(@('INPUTS', 'inputTypes', 'inputType'), @('OUTPUTS', 'returnValues', 'returnValue'))) {
        $writer.WriteStartElement('command', $pair[1], $command)
        $types = Split-Sections $sections[$pair[0]] '### '
        foreach ($typeName in $types.Keys) {
            $writer.WriteStartElement('command', $pair[2], $command)
            $writer.WriteStartElement('dev', 'type', $dev)
            $writer.WriteElementString('maml', 'name', $maml, $typeName)
            $writer.WriteEndElement()
            Write-Paragraphs $writer 'description' (Get-Paragraphs $types[$typeName])
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }

    if ($sections.Contains('NOTES')) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        Write-Paragraphs $writer 'alert' (Get-Paragraphs $sections['NOTES'])
        $writer.WriteEndElement()
    }

    $examples = Split-Sections $sections['EXAMPLES'] '### '
    if (-not $examples.Count) { $problems.Add("$($file): '## EXAMPLES' has no '### Example' heading.") }
    $writer.WriteStartElement('command', 'examples', $command)
    foreach ($title in $examples.Keys) {
        $body = $examples[$title]
        $fenceStart = $body.FindIndex([Predicate[string]] { param($l) $l -match '^```' })
        $fenceEnd = if ($fenceStart -ge 0) { $body.FindIndex($fenceStart + 1, [Predicate[string]] { param($l) $l -match '^```' }) } else { -1 }
        if ($fenceStart -lt 0 -or $fenceEnd -lt 0) { $problems.Add("$($file): example '$title' has no fenced code block."); continue }
        $code = ($body.GetRange($fenceStart + 1, $fenceEnd - $fenceStart - 1) -join "`n")
        $remarks = $body.GetRange($fenceEnd + 1, $body.Count - $fenceEnd - 1)
        $writer.WriteStartElement('command', 'example', $command)
        # A rule of dashes that fits 80 columns: Get-Help prints the title as it is.
        $writer.WriteElementString('maml', 'title', $maml, "---- $title " + ('-' * [Math]::Max(4, 70 - $title.Length)))
        $writer.WriteElementString('dev', 'code', $dev, $code)
        $writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($paragraph in (Get-Paragraphs $remarks)) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        # An empty last paragraph: a blank line between these remarks and the next example's title.
        $writer.WriteElementString('maml', 'para', $maml, '')
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $command)
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($link in ($sections['RELATED LINKS'] | Where-Object { $_ -match '^- ' })) {
            $writer.WriteStartElement('maml', 'navigationLink', $maml)
            $writer.WriteElementString('maml', 'linkText', $maml, ($link -replace '^- ', '').Trim())
            $writer.WriteElementString('maml', 'uri', $maml, '')
            $writer.WriteEndElement()
        }
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" }
    throw "The markdown help in $MarkdownFolder has $($problems.Count) problem(s); see above."
}
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $OutputPath)
[System.IO.File]::WriteAllBytes($OutputPath, $stream.ToArray())
Write-Verbose "Wrote help for $($cmdlets.Count) cmdlets to $OutputPath"
