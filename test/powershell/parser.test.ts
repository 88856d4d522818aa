import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/powershell/parser.js';
import { PsSyntaxError } from '../../src/powershell/syntax-error.js';
import { printStatement } from './ast-print.js';

function parsed(source: string, placeholders: Record<string, string> = {}): string {
  return parseScript(source, { placeholders: new Map(Object.entries(placeholders)) }).statements.map(printStatement).join(' ;; ');
}

function failure(source: string): { message: string; at: string; kind: string } {
  try {
    parseScript(source);
  } catch (error) {
    if (error instanceof PsSyntaxError) return { message: error.message, at: `${error.pos.line}:${error.pos.column}`, kind: error.kind };
    throw error;
  }
  throw new Error(`parsed without error: ${source}`);
}

describe('parser: commands in command mode', () => {
  it.each([
    ['en-dash parameter prefix', 'New-AzureService \u2013ServiceName svc1 \u2014Location "West US"', '[New-AzureService -ServiceName "svc1" -Location "West US"]'],
    ['the credential idiom as an argument', 'Add-AzureProvisioningConfig -Windows -Password $cred.GetNetworkCredential().Password', '[Add-AzureProvisioningConfig -Windows -Password $cred.GetNetworkCredential().Password]'],
    ['unquoted list is one array argument', 'Select Name, Label', '[Select (, "Name" "Label")]'],
    ['parameter name ending in a digit', 'Foo -Subnet1 a -Port2 3', '[Foo -Subnet1 "a" -Port2 3]'],
    ['-f after a command is a parameter', 'Get-Date -f T', '[Get-Date -f "T"]'],
    ['colon-joined parameter argument', 'Remove-AzureVM -Confirm:$false', '[Remove-AzureVM -Confirm:$false]'],
    ['an IP address is a bare word, not a number', 'Set-AzureStaticVNetIP -IPAddress 10.0.0.4', '[Set-AzureStaticVNetIP -IPAddress "10.0.0.4"]'],
    ['numbers are numbers', 'Start-Sleep -Seconds 30', '[Start-Sleep -Seconds 30]'],
    ['bare word with a variable expands', 'Get-Content C:\\cfg\\$name.xml', '[Get-Content "C:\\cfg\\{$name}.xml"]'],
    ['script block at a pipeline start command', 'ForEach-Object { $_.Name }', '[ForEach-Object {$_.Name}]'],
    ['pipeline of commands', 'Get-AzureVMImage | Where-Object { $_.Label -like "*2012 R2*" } | Sort-Object PublishedDate -Descending', '[Get-AzureVMImage] | [Where-Object {(like $_.Label "*2012 R2*")}] | [Sort-Object "PublishedDate" -Descending]'],
    ['pipeline continues after a trailing pipe', 'Get-AzureVM |\n  Stop-AzureVM -Force', '[Get-AzureVM] | [Stop-AzureVM -Force]'],
    ['backtick line continuation', 'New-AzureVM -ServiceName s `\n  -VMs $vm', '[New-AzureVM -ServiceName "s" -VMs $vm]'],
    ['dot-sourcing', '. .\\common.ps1', '[.".\\\\common.ps1"]'],
    ['call operator', '& $sb 1 2', '[&$sb 1 2]'],
    ['redirection to $null', 'Foo 2>$null', '[Foo]'],
    ['ErrorAction parameter', 'Set-AzureVNetConfig -ConfigurationPath $p -ErrorAction SilentlyContinue', '[Set-AzureVNetConfig -ConfigurationPath $p -ErrorAction "SilentlyContinue"]'],
    ['comment and block comment', '<# header\n#> Foo # trailing', '[Foo]'],
  ])('%s', (_name, source, expected) => {
    expect(parsed(source)).toBe(expected);
  });
});

describe('parser: expressions', () => {
  it.each([
    ['"$ag.Location" expands only $ag', '"in $ag.Location now"', '"in {$ag}.Location now"'],
    ['subexpression in a string', '"Name: $($vm.Name)"', '"Name: {$($vm.Name)}"'],
    ['${braced} and scoped variables', '"${svc}x $env:TEMP"', '"{$svc}x {$env:TEMP}"'],
    ['backtick escapes', '"a`tb`n"', '"a\\tb\\n"'],
    ['doubled quotes', "'it''s'", '"it\'s"'],
    ['case-insensitive operators', '$a -EQ 1 -and $b -ne 2', '(and (eq $a 1) (ne $b 2))'],
    ['format operator with array', '"{0}-{1}" -f $a, $b', '(f "{0}-{1}" (, $a $b))'],
    ['precedence of + and *', '1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['cast of a paren', '[xml](Get-Content $p)', '([xml] ([Get-Content $p]))'],
    ['static member call', '[System.Math]::Round($x, 2)', '[System.Math]::Round($x, 2)'],
    ['type literal on the right of -is', '$x -is [string]', '(is $x [string])'],
    ['hashtable', '@{ Name = "a"; Size = 2 }', '@{"Name"="a"; "Size"=2}'],
    ['array expression and index', '@(Get-AzureVM)[0].Name', '@([Get-AzureVM])[0].Name'],
    ['range', '1..3', '(.. 1 3)'],
    ['unary not and !', '-not $a -or !$b', '(or (not $a) (not $b))'],
    ['negative number', '-5', '(- 5)'],
    ['post-increment', '$i++', '($i++)'],
    ['number multipliers', '1GB', '1073741824'],
    ['method call with two arguments', '$x.Replace("a", "b")', '$x.Replace("a", "b")'],
    ['here-string', '@"\nline $v\n"@', '"line {$v}"'],
    ['verbatim here-string', "@'\nno $v\n'@", '"no $v"'],
    ['smart quotes', '\u201chello\u201d', '"hello"'],
  ])('%s', (_name, source, expected) => {
    expect(parsed(source)).toBe(expected);
  });
});

describe('parser: statements', () => {
  it.each([
    ['assignment from a command', '$vm = New-AzureVMConfig -Name a', '(= $vm [New-AzureVMConfig -Name "a"])'],
    ['compound assignment', '$i += 2', '(+= $i 2)'],
    ['if / elseif / else', 'if ($a) { 1 } elseif ($b) { 2 } else { 3 }', '(if $a {1} elseif $b {2} else {3})'],
    ['else on its own line', 'if ($a) {\n 1\n}\nelse\n{\n 2\n}', '(if $a {1} else {2})'],
    ['foreach', 'foreach ($vm in $vms) { $vm.Name }', '(foreach $vm $vms {$vm.Name})'],
    ['for', 'for ($i = 0; $i -lt 3; $i++) { $i }', '(for (= $i 0); (lt $i 3); ($i++) {$i})'],
    ['do until polling loop', 'do { Start-Sleep 10 } until ($gw.State -eq "Provisioned")', '(do {[Start-Sleep 10]} until (eq $gw.State "Provisioned"))'],
    ['while', 'while ($true) { break }', '(while $true {(break)})'],
    ['switch', 'switch ($x) { "a" { 1 } default { 2 } }', '(switch $x "a" {1} default {2})'],
    ['function with param block', 'function New-Thing { param([Parameter(Mandatory=$true)][string]$Name, $Size = 1) $Name }', '(function New-Thing ([string]$Name! $Size) {$Name})'],
    ['function with inline parameters', 'function f($a, $b) { $a }', '(function f ($a $b) {$a})'],
    ['try / catch / finally', 'try { Foo } catch [System.Exception] { $_ } finally { Bar }', '(try {[Foo]} catch [System.Exception] {$_} finally {[Bar]})'],
    ['throw', 'throw "bad"', '(throw "bad")'],
    ['return a value', 'return $x', '(return $x)'],
    ['script param block', 'param($Name = "x")\n$Name', '$Name'],
  ])('%s', (_name, source, expected) => {
    expect(parsed(source)).toBe(expected);
  });

  it('keeps the script parameters of a param block', () => {
    const block = parseScript('[CmdletBinding()]\nparam(\n  [Parameter(Mandatory=$true, Position=0)] [string] $ServiceName,\n  [switch] $Force\n)');
    expect(block.params.map((p) => [p.name, p.typeName, p.mandatory, p.position, p.isSwitch])).toEqual([
      ['ServiceName', 'string', true, 0, false],
      ['Force', 'switch', false, undefined, true],
    ]);
  });

  it('records 1-based line and column positions, CRLF included', () => {
    const block = parseScript('# setup\r\n$a = 1\r\n  New-AzureVM -ServiceName $a');
    const second = block.statements[1];
    expect(second?.pos).toMatchObject({ line: 3, column: 3 });
    expect(second?.kind === 'Pipeline' && second.elements[0]?.kind === 'Command' ? second.elements[0].elements[1]?.pos : undefined).toMatchObject({ line: 3, column: 28 });
  });
});

describe('parser: the traps and the refusals', () => {
  it("fails on a documentation placeholder as PowerShell does", () => {
    expect(failure('New-AzureService -ServiceName <Proposed cloud service name> -Location "West US"')).toEqual({
      message: "The '<' operator is reserved for future use.", at: '1:31', kind: 'parse',
    });
  });

  it('accepts a placeholder the answers map, in arguments and inside strings', () => {
    expect(parsed('New-AzureService -ServiceName <Proposed cloud service name>\n$s = "<Proposed cloud service name>-vm"', { '<Proposed cloud service name>': 'svc1' }))
      .toBe('[New-AzureService -ServiceName "svc1"] ;; (= $s "svc1-vm")');
  });

  it.each([
    ['unterminated string', '$a = "abc', 'The string is missing the terminator: ".', '1:6', 'parse'],
    ['missing closing brace', 'if ($a) { Foo', "Missing closing '}' in statement block or type definition.", '1:14', 'parse'],
    ['expression after a pipe', 'Foo | $x', 'Expressions are only allowed as the first element of a pipeline.', '1:7', 'parse'],
    ['splatting in an expression', '$a = @params', "The splatting operator '@' cannot be used to reference variables in an expression. '@params' can be used only as an argument to a command. To reference variables in an expression use '$params'.", '1:6', 'parse'],
    ['splatting in an argument list', 'Foo @a, 1', "Splatted variables like '@a' cannot be part of a comma-separated list of arguments.", '1:5', 'parse'],
    ['trap is named', 'trap { continue }', 'The trap statement is not supported by vnetsim ps', '1:1', 'unsupported'],
    ['workflow is named', 'workflow Go { }', 'A workflow is not supported by vnetsim ps', '1:1', 'unsupported'],
    ['stray token', '$a = 1 2', "Unexpected token '2' in expression or statement.", '1:8', 'parse'],
  ])('%s', (_name, source, message, at, kind) => {
    expect(failure(source)).toEqual({ message, at, kind });
  });
});
