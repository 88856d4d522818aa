import { describe, expect, it } from 'vitest';
import { oneVm, runAgainstAzure } from './azure-harness.js';
import { findVm } from '../../src/vm/index.js';

const ACL_RULES = `$acl = New-AzureAclConfig
Set-AzureAclConfig -AddRule -ACL $acl -Order 100 -Action Permit -RemoteSubnet "203.0.113.0/24" -Description "Office"
Set-AzureAclConfig -AddRule -ACL $acl -Order 200 -Action Deny -RemoteSubnet "0.0.0.0/0"`;

describe('endpoint ACL cmdlets', () => {
  it.each([
    ['rules get RuleIds from 0 and the console lists them as a table', `${ACL_RULES}\n$acl`, ['RuleId', '     0                     100 Permit', '     1                     200 Deny']],
    ['-SetRule edits a rule by RuleId', `${ACL_RULES}\nSet-AzureAclConfig -SetRule -ACL $acl -RuleId 1 -Action Permit -RemoteSubnet 198.51.100.0/24\n$acl.Rules[1].RemoteSubnet; $acl.Rules[1].Action`, ['198.51.100.0/24', 'Permit']],
    ['-RemoveRule removes it', `${ACL_RULES}\nSet-AzureAclConfig -RemoveRule -ACL $acl -RuleId 0\n$acl.Rules.Count`, ['1']],
    ['an unknown RuleId is an error', `${ACL_RULES}\nSet-AzureAclConfig -SetRule -ACL $acl -RuleId 7 -Order 5`, ['Set-AzureAclConfig : A rule with RuleId 7 was not found in the ACL.']],
    ['-Action outside Permit/Deny is a validation error', `$acl = New-AzureAclConfig\nSet-AzureAclConfig -AddRule -ACL $acl -Action Allow -RemoteSubnet 1.2.3.0/24`, ['does not belong to the set "Permit,Deny"']],
    ['-ACL must be an ACL object', `${oneVm('svc-a', 'vm1')}\nGet-AzureVM svc-a vm1 | Set-AzureEndpoint -Name RemoteDesktop -ACL "open"`, ['to type "Microsoft.WindowsAzure.Commands.ServiceManagement.Model.NetworkAclObject"']],
  ])('%s', async (_name, script, expected) => {
    const run = await runAgainstAzure(script);
    let from = 0;
    for (const text of expected) {
      const at = run.text.indexOf(text, from);
      expect(at, `"${text}" in:\n${run.text}`).toBeGreaterThanOrEqual(0);
      from = at + text.length;
    }
  });

  it('Set-AzureEndpoint -ACL | Update-AzureVM puts the rules on the engine\'s endpoint; Get-AzureAclConfig reads them back', async () => {
    const run = await runAgainstAzure(`${oneVm('svc-a', 'vm1')}\n${ACL_RULES}\nGet-AzureVM svc-a vm1 | Set-AzureEndpoint -Name RemoteDesktop -ACL $acl | Update-AzureVM\n(Get-AzureVM svc-a vm1 | Get-AzureAclConfig -EndpointName RemoteDesktop).Rules.Count`);
    expect(findVm(run.world, 'svc-a', 'vm1')?.endpoints['RemoteDesktop']?.acl).toEqual([
      { order: 100, action: 'permit', remoteSubnet: '203.0.113.0/24', description: 'Office' },
      { order: 200, action: 'deny', remoteSubnet: '0.0.0.0/0' },
    ]);
    expect(run.text.split('\n')).toContain('2');
  });

  it('Remove-AzureAclConfig | Update-AzureVM opens the endpoint again', async () => {
    const run = await runAgainstAzure(`${oneVm('svc-a', 'vm1', '| Add-AzureEndpoint -Name HTTP -Protocol tcp -LocalPort 80 -PublicPort 80 -ACL $acl')}\nGet-AzureVM svc-a vm1 | Remove-AzureAclConfig -EndpointName HTTP | Update-AzureVM`.replace(/^/, `${ACL_RULES}\n`));
    expect(findVm(run.world, 'svc-a', 'vm1')?.endpoints['HTTP']?.acl).toEqual([]);
  });

  it('the platform refuses an ACL with 51 rules (50 per endpoint, azure-classic.md §2.6) and nothing changes', async () => {
    const run = await runAgainstAzure(`${oneVm('svc-a', 'vm1')}\n$acl = New-AzureAclConfig\nforeach ($i in 1..51) { Set-AzureAclConfig -AddRule -ACL $acl -Order $i -Action Permit -RemoteSubnet "10.0.$i.0/24" }\nGet-AzureVM svc-a vm1 | Set-AzureEndpoint -Name RemoteDesktop -ACL $acl | Update-AzureVM\n"ok: $?"`);
    expect(run.text).toContain('ok: False');
    expect(findVm(run.world, 'svc-a', 'vm1')?.endpoints['RemoteDesktop']?.acl).toEqual([]);
  });
});

describe('load-balanced endpoint probes', () => {
  it.each([
    ['-ProbeProtocol http -ProbePath', '-LBSetName web -ProbePort 8080 -ProbeProtocol http -ProbePath "/health.htm"', 'http:8080/health.htm'],
    ['-ProbeProtocol http without a path probes /', '-LBSetName web -ProbePort 80 -ProbeProtocol http', 'http:80/'],
    ['-ProbeProtocol tcp has no path', '-LBSetName web -ProbePort 80 -ProbeProtocol tcp -ProbePath "/x"', 'tcp:80'],
    ['-DefaultProbe: TCP on the local port', '-LBSetName web -DefaultProbe', 'tcp:80'],
    ['-NoProbe: none', '-LBSetName web -NoProbe', null],
    ['no probe parameter: none', '-LBSetName web', null],
  ])('%s', async (_name, parameters, probe) => {
    const run = await runAgainstAzure(oneVm('svc-p', 'vm1', `| Add-AzureEndpoint -Name HTTP -Protocol tcp -LocalPort 80 -PublicPort 80 ${parameters}`));
    const endpoint = run.summary.services[0]?.vms[0]?.endpoints.find((e) => e.name === 'HTTP');
    expect(endpoint).toMatchObject({ loadBalancedSet: 'web', probe });
  });

  it('Get-AzureEndpoint shows the recorded probe; Set-AzureEndpoint keeps it when not named', async () => {
    const run = await runAgainstAzure(`${oneVm('svc-p', 'vm1', '| Add-AzureEndpoint -Name HTTP -Protocol tcp -LocalPort 80 -PublicPort 80 -LBSetName web -ProbePort 80 -ProbeProtocol http -ProbePath /ok')}
Get-AzureVM svc-p vm1 | Set-AzureEndpoint -Name HTTP -PublicPort 8080 | Update-AzureVM
$e = Get-AzureVM svc-p vm1 | Get-AzureEndpoint -Name HTTP
"$($e.Port) $($e.ProbeProtocol) $($e.ProbePort) $($e.ProbePath) $($e.ProbeIntervalInSeconds) $($e.ProbeTimeoutInSeconds)"`);
    expect(run.text).toContain('8080 http 80 /ok 15 31');
  });

  it('-ProbeProtocol outside tcp/http is a validation error', async () => {
    const run = await runAgainstAzure(oneVm('svc-p', 'vm1', '| Add-AzureEndpoint -Name HTTP -Protocol tcp -LocalPort 80 -LBSetName web -ProbePort 80 -ProbeProtocol udp'));
    expect(run.text).toContain('does not belong to the set "tcp,http"');
    expect(run.summary.services).toEqual([]);
  });
});

describe('Add-AzureDisk, Get-AzureDisk, Remove-AzureDisk', () => {
  const addOsDisk = 'Add-AzureDisk -DiskName os1 -MediaLocation "https://store1.blob.core.windows.net/vhds/os1.vhd" -Label "OS one" -OS Windows';
  it.each([
    ['-OS registers an OS disk New-AzureVMConfig -DiskName boots from', `${addOsDisk} | Out-Null\nNew-AzureVMConfig -Name vm1 -InstanceSize Small -DiskName os1 | New-AzureVM -ServiceName svc-d -Location "West US"\n(Get-AzureDisk os1).AttachedTo.RoleName`, 'vm1'],
    ['without -OS it is a data disk', 'Add-AzureDisk -DiskName data1 -MediaLocation "https://store1.blob.core.windows.net/vhds/d1.vhd" | Out-Null\n"[$((Get-AzureDisk data1).OS)]"', '[]'],
    ['a second disk of the same name is the platform\'s conflict', `${addOsDisk} | Out-Null\n${addOsDisk}`, 'ConflictError: A disk named os1 already exists.'],
    ['an -OS outside Windows/Linux is a validation error', 'Add-AzureDisk -DiskName x -MediaLocation "https://s.blob.core.windows.net/v/x.vhd" -OS Solaris', 'does not belong to the set "Windows,Linux"'],
    ['a disk a VM holds cannot be removed', `${addOsDisk} | Out-Null\nNew-AzureVMConfig -Name vm1 -InstanceSize Small -DiskName os1 | New-AzureVM -ServiceName svc-d -Location "West US" | Out-Null\nRemove-AzureDisk -DiskName os1`, 'Remove-AzureDisk : '],
    ['Get-AzureDisk of an unknown name is the platform\'s 404', 'Get-AzureDisk -DiskName nope', 'ResourceNotFound: The disk with the specified name does not exist.'],
  ])('%s', async (_name, script, expected) => {
    expect((await runAgainstAzure(script)).text).toContain(expected);
  });

  it('Remove-AzureDisk of a free disk unregisters it', async () => {
    const run = await runAgainstAzure(`${addOsDisk} | Out-Null\nRemove-AzureDisk os1 | Out-Null\n"gone: $($?)"`);
    expect(run.text).toContain('gone: True');
    expect(run.world.disks.get('os1')).toBeUndefined();
  });
});

describe('New-AzureDns and New-AzureVM -DnsSettings', () => {
  it('the DNS servers are recorded on the new deployment and shown by Get-AzureDeployment', async () => {
    const run = await runAgainstAzure(`$d1 = New-AzureDns -Name dc1 -IPAddress 10.0.0.4\n$d2 = New-AzureDns dc2 10.0.0.5\n${oneVm('svc-n', 'vm1').replace('| New-AzureVM', '| New-AzureVM -DnsSettings $d1,$d2')}\n(Get-AzureDeployment svc-n).DnsSettings | ForEach-Object { "$($_.Name)=$($_.Address)" }`);
    expect(run.summary.services[0]?.dnsServers).toEqual(['dc1 10.0.0.4', 'dc2 10.0.0.5']);
    expect(run.text).toContain('dc1=10.0.0.4\ndc2=10.0.0.5');
  });

  it('-DnsSettings on an existing deployment is warned about and not applied', async () => {
    const run = await runAgainstAzure(`${oneVm('svc-n', 'vm1')}\n$d = New-AzureDns dc1 10.0.0.4\n${oneVm('svc-n', 'vm2').replace(' -Location "West US"', ' -DnsSettings $d')}`);
    expect(run.text).toContain('WARNING: VNetName, DNSSettings, DeploymentLabel or DeploymentName Name can only be specified on new deployments.');
    expect(run.summary.services[0]?.dnsServers).toEqual([]);
  });

  it('-DnsSettings must be DnsServer objects', async () => {
    const run = await runAgainstAzure(oneVm('svc-n', 'vm1').replace('| New-AzureVM', '| New-AzureVM -DnsSettings "10.0.0.4"'));
    expect(run.text).toContain("Cannot bind parameter 'DnsSettings'.");
  });
});

describe('Stop-AzureVM asks before deallocating the last VM', () => {
  const twoVms = `${oneVm('svc-s', 'vm1')}\n${oneVm('svc-s', 'vm2').replace(' -Location "West US"', '')}`;
  it.each([
    ['Enter (no answer) is the default Yes', oneVm('svc-s', 'vm1'), 'Stop-AzureVM svc-s vm1', [], true, 'StoppedDeallocated'],
    ['N keeps it running', oneVm('svc-s', 'vm1'), 'Stop-AzureVM svc-s vm1', ['N'], true, 'ReadyRole'],
    ['-Force does not ask', oneVm('svc-s', 'vm1'), 'Stop-AzureVM svc-s vm1 -Force', ['N'], false, 'StoppedDeallocated'],
    ['-StayProvisioned does not ask (the VIP stays)', oneVm('svc-s', 'vm1'), 'Stop-AzureVM svc-s vm1 -StayProvisioned', ['N'], false, 'StoppedVM'],
    ['another VM still allocated: no question', twoVms, 'Stop-AzureVM svc-s vm1', ['N'], false, 'StoppedDeallocated'],
  ])('%s', async (_name, setup, stop, confirm, asks, state) => {
    const run = await runAgainstAzure(`${setup}\n${stop}`, { confirm });
    expect(run.text.includes('The specified virtual machine is the last virtual machine in this deployment.')).toBe(asks);
    expect(findVm(run.world, 'svc-s', 'vm1')?.state).toBe(state);
  });
});
