import { describe, expect, it } from 'vitest';
import { runInMemory } from './harness.js';

/** The console output of a script, without the trailing blank lines the formatter adds. */
function output(script: string): string {
  return runInMemory(script).text.replace(/\n+$/, '');
}

describe('interpreter: values and operators', () => {
  it.each([
    ['variables are case-insensitive', '$Svc = "a"; $svc', 'a'],
    ['"$ag.Location" expands only $ag', '$ag = "AG1"; "in $ag.Location"', 'in AG1.Location'],
    ['subexpression', '$vm = [pscustomobject]@{Name="web1"}; "vm $($vm.Name)"', 'vm web1'],
    ['-f formatting', '"{0,-5}|{1:N2}|{2:D3}|{3:yyyy-MM-dd}" -f "ab", 3.14159, 7, (Get-Date)', 'ab   |3.14|007|2014-06-01'],
    ['string comparison ignores case', '"ABC" -eq "abc"', 'True'],
    ['-like with wildcards', '"Windows Server 2012 R2 Datacenter" -like "*2012 R2*"', 'True'],
    ['-match fills $matches', '"10.0.1.4" -match "^(\\d+)\\.(\\d+)" | Out-Null; $matches[2]', '0'],
    ['comparison filters an array', '(1,5,3,7 -gt 3) -join ","', '5,7'],
    ['-replace with groups (single quotes keep $1 for the regex)', `"vm-01" -replace "vm-(\\d+)", 'web$1'`, 'web01'],
    ['-split and -join', '("a,b,c" -split ",") -join "+"', 'a+b+c'],
    ['array += grows a copy', '$a = @(); $a += "x"; $a += "y"; $a.Count', '2'],
    ['member enumeration over arrays', '$a = @([pscustomobject]@{N=1}, [pscustomobject]@{N=2}); $a.N -join ","', '1,2'],
    ['hashtable keys ignore case', '$h = @{Name="x"}; $h.NAME; $h["name"]', 'x\nx'],
    ['[int] rounds half to even', '[int]2.5; [int]3.5', '2\n4'],
    ['range', '(1..4) -join ""', '1234'],
    ['-not and !', '-not $false; !$true', 'True\nFalse'],
    ['$i++ as a statement writes nothing', '$i = 0; $i++; $i', '1'],
    ['-is with a type literal', '"a" -is [string]; 1 -is [string]', 'True\nFalse'],
    ['static members', '[string]::IsNullOrEmpty(""); [math]::Round(2.567, 1)', 'True\n2.6'],
  ])('%s', (_name, script, expected) => {
    expect(output(script)).toBe(expected);
  });
});

describe('interpreter: statements', () => {
  it.each([
    ['if / elseif / else', '$x = 2; if ($x -eq 1) { "one" } elseif ($x -eq 2) { "two" } else { "many" }', 'two'],
    ['foreach over a collection', 'foreach ($n in 1,2,3) { $n * 10 }', '10\n20\n30'],
    ['for loop', 'for ($i = 0; $i -lt 3; $i++) { "i$i" }', 'i0\ni1\ni2'],
    ['do / until polls', '$n = 0; do { $n += 1 } until ($n -ge 3); $n', '3'],
    ['while with break', '$n = 0; while ($true) { $n++; if ($n -eq 4) { break } }; $n', '4'],
    ['labelled break leaves the outer loop', ':outer foreach ($a in 1,2) { foreach ($b in 1,2) { if ($b -eq 2) { break outer }; "$a$b" } }', '11'],
    ['switch with default', 'switch ("c") { "a" { "A" } default { "other" } }', 'other'],
    ['switch -wildcard', 'switch -wildcard ("web01") { "web*" { "web" } "db*" { "db" } }', 'web'],
    ['function with named, prefixed and positional parameters', 'function New-Thing { param($Name, $Size = 1, [switch]$Force) "$Name/$Size/$Force" }; New-Thing -Na a; New-Thing b 3 -Force', 'a/1/False\nb/3/True'],
    ['function named like a cmdlet wins over it', 'function Write-Output { "mine" }; Write-Output "x"', 'mine'],
    ['return leaves the function', 'function f { "a"; return "b"; "c" }; f', 'a\nb'],
    ['try / catch / finally', 'try { throw "boom" } catch { "caught $($_.Exception.Message)" } finally { "done" }', 'caught boom\ndone'],
    ['catch by type', 'try { [int]"abc" } catch [System.Management.Automation.RuntimeException] { "typed" }', 'typed'],
    ['script blocks with & and $args', '$sb = { param($a) "got $a" }; & $sb 5', 'got 5'],
    ['pipeline into a function with a process block', 'function Double { process { $_ * 2 } }; 1,2 | Double', '2\n4'],
    ['splatting a hashtable binds its keys as named parameters', 'function f { param($Name, $Size, [switch]$Force) "$Name/$Size/$Force" }; $p = @{ Size = 3; Name = "a" }; f @p; $q = @{ Force = $true; Name = "b" }; f @q -Size 7', 'a/3/False\nb/7/True'],
    ['splatting an array passes its items by position', 'function f { param($A, $B) "$A+$B" }; $p = "x", "y"; f @p', 'x+y'],
    ['splatting $null passes nothing', 'function f { param($A = "none") $A }; f @nothing', 'none'],
  ])('%s', (_name, script, expected) => {
    expect(output(script)).toBe(expected);
  });
});

describe('interpreter: pipelines and cmdlets', () => {
  it.each([
    ['ForEach-Object at a pipeline start takes -InputObject', 'ForEach-Object -InputObject 3 { $_ + 1 }', '4'],
    ['Where-Object with a script block and simplified syntax', '1..6 | Where-Object { $_ % 2 -eq 0 } | Where-Object -Property Length -EQ 1', '2\n4\n6'],
    ['Sort-Object -Descending then Select -First', '3,1,2 | Sort-Object -Descending | Select-Object -First 2', '3\n2'],
    ['Select-Object -ExpandProperty', '[pscustomobject]@{Label="L"} | Select -ExpandProperty Label', 'L'],
    ['Measure-Object sums', '(1,2,3 | Measure-Object -Sum).Sum', '6'],
    ['Get-Date -f T is the Format parameter', 'Get-Date -f T', '9:00:00 AM'],
    ['Start-Sleep advances the simulated clock', 'Start-Sleep -Seconds 90; Get-Date -Format HH:mm:ss', '09:01:30'],
    ['Write-Host -NoNewline joins lines', 'Write-Host "a" -NoNewline; Write-Host "b"', 'ab'],
    ['Out-Null discards', '1,2 | Out-Null', ''],
    ['Read-Host answers in order, then Enter', '$a = Read-Host "Name"; $b = Read-Host "Other"; "[$a][$b]"', 'Name: \nOther: \n[][]'],
  ])('%s', (_name, script, expected) => {
    expect(output(script)).toBe(expected);
  });

  it('gives Read-Host and Get-Credential the answers', () => {
    const run = runInMemory('$n = Read-Host "Service"; $c = Get-Credential; "$n $($c.UserName) $($c.GetNetworkCredential().Password)"', {
      answers: { readHost: ['svc1'], credential: { user: 'admin1', password: 'S3cret!' } },
    });
    expect(run.lines).toEqual(['Service: svc1', 'svc1 admin1 S3cret!']);
  });

  it('reads mapped files and keeps written files in memory', () => {
    const run = runInMemory('$t = Get-Content C:\\cfg\\a.txt; Set-Content -Path C:\\out\\b.txt -Value ($t[1] + "!"); Get-Content C:\\out\\b.txt; Test-Path C:\\nope.txt', {
      answers: { files: { 'C:\\cfg\\a.txt': 'local-a.txt' } }, files: { 'local-a.txt': 'one\r\ntwo\r\n' },
    });
    expect(run.lines).toEqual(['two!', 'False']);
  });
});

describe('interpreter: errors, $? and exit codes', () => {
  it('a mistyped cmdlet fails as PowerShell does and the script goes on', () => {
    const run = runInMemory('New-AzureMConfig -Name web1\n$?\n"after"');
    expect(run.lines.slice(0, 7)).toEqual([
      "New-AzureMConfig : The term 'New-AzureMConfig' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
      'At C:\\scripts\\test.ps1:1 char:1',
      '+ New-AzureMConfig -Name web1',
      '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (New-AzureMConfig:String) [], CommandNotFoundException',
      '    + FullyQualifiedErrorId : CommandNotFoundException',
      '',
    ]);
    expect(run.lines.slice(7)).toEqual(['False', 'after']);
    expect(run.exitCode).toBe(0);
  });

  it('-ErrorAction SilentlyContinue hides a non-terminating error but $? is False and $Error has it', () => {
    const run = runInMemory('Get-Content C:\\missing.txt -ErrorAction SilentlyContinue\nif (!$?) { "failed: " + $Error[0].Exception.Message.Substring(0, 33) }');
    expect(run.lines).toEqual(["failed: Cannot find path 'C:\\missing.txt'"]);
  });

  it('-ErrorAction Stop makes the error terminating, catchable', () => {
    expect(output('try { Get-Content C:\\missing.txt -ErrorAction Stop; "no" } catch { "stopped" }')).toBe('stopped');
  });

  it('an uncaught throw ends the script with exit 1', () => {
    const run = runInMemory('"before"\nthrow "fatal"\n"after"');
    expect(run.lines.slice(0, 3)).toEqual(['before', 'fatal', 'At C:\\scripts\\test.ps1:2 char:1']);
    expect(run.lines).not.toContain('after');
    expect(run.exitCode).toBe(1);
  });

  it('a parameter that matches nothing, and an ambiguous prefix, are binding errors', () => {
    expect(output('Get-Date -Bogus 1')).toContain("Get-Date : A parameter cannot be found that matches parameter name 'Bogus'.");
    expect(output('Select-Object -E x')).toContain("Parameter cannot be processed because the parameter name 'E' is ambiguous.");
  });

  it('an unsupported construct is exit 2 and named', () => {
    const run = runInMemory('"a"\nGet-ChildItem C:\\vhds');
    expect(run.exitCode).toBe(2);
    expect(run.result.outcome.kind === 'unsupported' ? run.result.outcome.error.message : '').toMatch(/^Get-ChildItem walks the file system/);
  });

  it.each([
    ['runs the text in the caller\'s scope', '$cmd = \'$n = 2 + 3\'; Invoke-Expression $cmd; "n=$n"', 'n=5'],
    ['writes what the text writes', 'iex \'"a" + "b"; 1..2\'', 'ab\n1\n2'],
    ['takes the text from the pipeline, once per item', '\'"x"\', \'"y"\' | Invoke-Expression', 'x\ny'],
    ['calls functions and cmdlets', 'function Twice($v) { $v * 2 }; Invoke-Expression "Twice 21"', '42'],
  ])('Invoke-Expression %s', (_name, script, expected) => {
    expect(output(script)).toBe(expected);
  });

  it('Invoke-Expression of bad text is a ParseException error, catchable; of an unsupported construct exit 2', () => {
    expect(output('try { Invoke-Expression \'"abc\' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }')).toBe('ParseException\nAt line:1 char:1\n+ "abc\nThe string is missing the terminator: ".');
    const run = runInMemory('"a"\nInvoke-Expression "trap { continue }"');
    expect(run.exitCode).toBe(2);
    expect(run.result.outcome.kind === 'unsupported' ? run.result.outcome.error.message : '').toMatch(/^The trap statement is not supported/);
  });

  it('a parse error is exit 2 before anything runs', () => {
    const run = runInMemory('Write-Host "ran"\nNew-AzureService -ServiceName <Proposed cloud service name>');
    expect(run.exitCode).toBe(2);
    expect(run.lines).toEqual([]);
  });
});

describe('interpreter: XML DOM on a NetworkConfig', () => {
  const netcfg = `<?xml version="1.0" encoding="utf-8"?>
<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">
  <VirtualNetworkConfiguration>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="VNet1" AffinityGroup="AG1">
        <AddressSpace><AddressPrefix>10.0.0.0/16</AddressPrefix></AddressSpace>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>`;

  it('reads attributes and text-only elements by member access', () => {
    const run = runInMemory('[xml]$c = Get-Content C:\\vnet.xml\n$s = $c.NetworkConfiguration.VirtualNetworkConfiguration.VirtualNetworkSites.VirtualNetworkSite\n$s.name\n$s.AddressSpace.AddressPrefix', {
      answers: { files: { 'C:\\vnet.xml': 'v.xml' } }, files: { 'v.xml': netcfg },
    });
    expect(run.lines).toEqual(['VNet1', '10.0.0.0/16']);
  });

  it('adds a site with CreateElement in the document namespace, SetAttribute, AppendChild and Save', () => {
    const run = runInMemory([
      '[xml]$c = Get-Content C:\\vnet.xml',
      '$ns = New-Object System.Xml.XmlNamespaceManager($c.NameTable)',
      '$ns.AddNamespace("n", $c.DocumentElement.NamespaceURI)',
      '$sites = $c.SelectSingleNode("//n:VirtualNetworkSites", $ns)',
      '$site = $c.CreateElement("VirtualNetworkSite", $c.DocumentElement.NamespaceURI)',
      '$site.SetAttribute("name", "VNet2")',
      '$sites.AppendChild($site) | Out-Null',
      '$c.Save("C:\\vnet2.xml")',
      '$c.SelectNodes("//n:VirtualNetworkSite", $ns).Count',
      '$null -eq $c.SelectSingleNode("//VirtualNetworkSites")',
    ].join('\n'), { answers: { files: { 'C:\\vnet.xml': 'v.xml' } }, files: { 'v.xml': netcfg } });
    expect(run.lines).toEqual(['2', 'True']);
    const saved = run.host.writtenFiles().get('c:\\vnet2.xml') ?? '';
    expect(saved).toContain('<VirtualNetworkSite name="VNet2" />');
    expect(saved.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<NetworkConfiguration')).toBe(true);
  });

  it('an element created without the namespace is written with xmlns="" (the classic mistake)', () => {
    const run = runInMemory('[xml]$c = Get-Content C:\\vnet.xml\n$e = $c.CreateElement("Dns")\n$c.NetworkConfiguration.VirtualNetworkConfiguration.AppendChild($e) | Out-Null\n$c.NetworkConfiguration.VirtualNetworkConfiguration.OuterXml.Contains(\'<Dns xmlns="" />\')', {
      answers: { files: { 'C:\\vnet.xml': 'v.xml' } }, files: { 'v.xml': netcfg },
    });
    expect(run.lines).toEqual(['True']);
  });
});

describe('interpreter: output formatting', () => {
  it('prints objects with up to four properties as one table, columns sharing 120 characters', () => {
    const run = runInMemory('[pscustomobject]@{OperationDescription="New-AzureVM"; OperationId="1"; OperationStatus="Succeeded"}');
    expect(run.lines).toEqual([
      '',
      `${'OperationDescription'.padEnd(39)} ${'OperationId'.padEnd(39)} OperationStatus`,
      `${'--------------------'.padEnd(39)} ${'-----------'.padEnd(39)} ---------------`,
      `${'New-AzureVM'.padEnd(39)} ${'1'.padEnd(39)} Succeeded`,
      '',
    ]);
  });

  it('prints objects with five or more properties as lists', () => {
    const run = runInMemory('[pscustomobject]@{A=1; Bb=2; C=3; D=4; E="x"}');
    expect(run.lines).toEqual(['', 'A  : 1', 'Bb : 2', 'C  : 3', 'D  : 4', 'E  : x', '']);
  });
});
