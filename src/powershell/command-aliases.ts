/** The built-in aliases of PowerShell 3–4 that provisioning scripts use (Get-Alias on a 2014 machine). */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  '?': 'Where-Object', where: 'Where-Object', '%': 'ForEach-Object', foreach: 'ForEach-Object', select: 'Select-Object',
  sort: 'Sort-Object', measure: 'Measure-Object', group: 'Group-Object', echo: 'Write-Output', write: 'Write-Output',
  sleep: 'Start-Sleep', cat: 'Get-Content', gc: 'Get-Content', type: 'Get-Content', ft: 'Format-Table', fl: 'Format-List',
  iex: 'Invoke-Expression', icm: 'Invoke-Command', cls: 'Clear-Host', clear: 'Clear-Host', gm: 'Get-Member', cd: 'Set-Location',
  sl: 'Set-Location', pwd: 'Get-Location', gl: 'Get-Location', md: 'New-Item', mkdir: 'New-Item', ni: 'New-Item', ls: 'Get-ChildItem',
  dir: 'Get-ChildItem', gci: 'Get-ChildItem', rm: 'Remove-Item', del: 'Remove-Item', ri: 'Remove-Item', ipmo: 'Import-Module',
  gv: 'Get-Variable', sv: 'Set-Variable', set: 'Set-Variable', rv: 'Remove-Variable', tee: 'Tee-Object', oh: 'Out-Host',
  etsn: 'Enter-PSSession', exsn: 'Exit-PSSession', nsn: 'New-PSSession', rjb: 'Remove-Job', rcjb: 'Receive-Job', sajb: 'Start-Job', wjb: 'Wait-Job', gjb: 'Get-Job',
  diff: 'Compare-Object', compare: 'Compare-Object', copy: 'Copy-Item', cp: 'Copy-Item', gdr: 'Get-PSDrive',
};
