# PowerShell completion for pilotpack. Load it with (in $PROFILE):
#   pilotpack completion powershell | Out-String | Invoke-Expression

$__pilotpackTree = @{
    '' = @{ Subs = @('init', 'validate', 'build', 'verify', 'review', 'render', 'convert', 'compare', 'schema', 'pack', 'completion', 'help'); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'init' = @{ Subs = @(); Flags = @('--example', '--blank', '--force', '--xlsx', '--lang', '--help', '-h'); ValueFlags = @('--example', '--lang'); Choices = @{ '--example' = @('adc', 'vaccine', 'glp1'); '--lang' = @('zh', 'en') } }
    'validate' = @{ Subs = @(); Flags = @('--format', '--lang', '--pack', '--trust', '--attachments', '--jobs', '--help', '-h'); ValueFlags = @('--format', '--lang', '--pack', '--trust', '--attachments', '--jobs'); Choices = @{ '--format' = @('text', 'json'); '--lang' = @('zh', 'en') } }
    'build' = @{ Subs = @(); Flags = @('--pack', '--trust', '--lang', '--out', '--zip', '--draft', '--force', '--date', '--font', '--font-bold', '--format', '--attachments', '--sign', '--signer', '--jobs', '--help', '-h'); ValueFlags = @('--pack', '--trust', '--lang', '--out', '--date', '--font', '--font-bold', '--format', '--attachments', '--sign', '--signer', '--jobs'); Choices = @{ '--lang' = @('zh', 'en'); '--format' = @('text', 'json') } }
    'verify' = @{ Subs = @(); Flags = @('--format', '--trust', '--lang', '--help', '-h'); ValueFlags = @('--format', '--trust', '--lang'); Choices = @{ '--format' = @('text', 'json'); '--lang' = @('zh', 'en') } }
    'review' = @{ Subs = @(); Flags = @('--out', '--plans', '--pack', '--trust', '--lang', '--date', '--attachments', '--jobs', '--font', '--font-bold', '--format', '--help', '-h'); ValueFlags = @('--out', '--plans', '--pack', '--trust', '--lang', '--date', '--attachments', '--jobs', '--font', '--font-bold', '--format'); Choices = @{ '--lang' = @('zh', 'en'); '--format' = @('text', 'json') } }
    'render' = @{ Subs = @(); Flags = @('--data', '--template', '--pack', '--trust', '--output', '-o', '--manufacturer', '--lang', '--draft', '--date', '--font', '--font-bold', '--help', '-h'); ValueFlags = @('--data', '--template', '--pack', '--trust', '--output', '-o', '--manufacturer', '--lang', '--date', '--font', '--font-bold'); Choices = @{ '--lang' = @('zh', 'en') } }
    'convert' = @{ Subs = @(); Flags = @('--force', '--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'compare' = @{ Subs = @(); Flags = @('--out', '--lang', '--author', '--format', '--pack', '--pack-old', '--pack-new', '--trust', '--date', '--font', '--font-bold', '--help', '-h'); ValueFlags = @('--out', '--lang', '--author', '--format', '--pack', '--pack-old', '--pack-new', '--trust', '--date', '--font', '--font-bold'); Choices = @{ '--lang' = @('zh', 'en'); '--format' = @('text', 'json') } }
    'schema' = @{ Subs = @(); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'pack' = @{ Subs = @('init', 'lint', 'list', 'keygen', 'sign'); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'pack init' = @{ Subs = @(); Flags = @('--force', '--extends', '--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'pack lint' = @{ Subs = @(); Flags = @('--format', '--lang', '--help', '-h'); ValueFlags = @('--format', '--lang'); Choices = @{ '--format' = @('text', 'json'); '--lang' = @('zh', 'en') } }
    'pack list' = @{ Subs = @(); Flags = @('--dir', '--format', '--trust', '--lang', '--help', '-h'); ValueFlags = @('--dir', '--format', '--trust', '--lang'); Choices = @{ '--format' = @('text', 'json'); '--lang' = @('zh', 'en') } }
    'pack keygen' = @{ Subs = @(); Flags = @('--force', '--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'pack sign' = @{ Subs = @(); Flags = @('--key', '--signer', '--lang', '--help', '-h'); ValueFlags = @('--key', '--signer', '--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'completion' = @{ Subs = @('bash', 'zsh', 'fish', 'powershell'); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'help' = @{ Subs = @('init', 'validate', 'build', 'verify', 'review', 'render', 'convert', 'compare', 'schema', 'pack', 'completion'); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
    'help pack' = @{ Subs = @('init', 'lint', 'list', 'keygen', 'sign'); Flags = @('--lang', '--help', '-h'); ValueFlags = @('--lang'); Choices = @{ '--lang' = @('zh', 'en') } }
}

Register-ArgumentCompleter -Native -CommandName pilotpack -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = $words[0..($words.Count - 2)] }
    $cmd = ''
    $skip = $false
    $ended = $false
    foreach ($w in ($words | Select-Object -Skip 1)) {
        if ($skip) { $skip = $false; continue }
        if ($ended) { continue }
        $node = $__pilotpackTree[$cmd]
        if ($w -eq '--') { $ended = $true }
        elseif ($w.StartsWith('-')) { if ($node.ValueFlags -contains $w) { $skip = $true } }
        elseif ($node.Subs -contains $w) { $cmd = ("$cmd $w").Trim() }
    }
    $node = $__pilotpackTree[$cmd]
    $prev = if ($words.Count -gt 0) { $words[-1] } else { '' }
    $candidates = @()
    if (-not $ended -and $node.ValueFlags -contains $prev) {
        if ($node.Choices.ContainsKey($prev)) { $candidates = $node.Choices[$prev] } else { return }
    } elseif (-not $ended -and $wordToComplete.StartsWith('-')) {
        $candidates = $node.Flags
    } elseif ($node.Subs.Count -gt 0) {
        $candidates = $node.Subs
    } else {
        return
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
