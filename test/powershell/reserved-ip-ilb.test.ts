import { describe, expect, it } from 'vitest';
import { createDipPool, listDipHolders } from '../../src/vm/index.js';
import { oneVm, runAgainstAzure } from './azure-harness.js';

const REGIONAL_VNET = `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration><VirtualNetworkSites>
<VirtualNetworkSite name="V1" Location="West US"><AddressSpace><AddressPrefix>10.1.0.0/16</AddressPrefix></AddressSpace>
<Subnets><Subnet name="S1"><AddressPrefix>10.1.1.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite>
<VirtualNetworkSite name="AgNet" AffinityGroup="AG1"><AddressSpace><AddressPrefix>10.2.0.0/16</AddressPrefix></AddressSpace>
<Subnets><Subnet name="S1"><AddressPrefix>10.2.1.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite>
</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>`;
const FILES = { 'net.xml': REGIONAL_VNET };
const MAPPED = { files: { 'C:\\net.xml': 'net.xml' } };
const SETUP = 'New-AzureAffinityGroup -Name AG1 -Location "West US" | Out-Null\nSet-AzureVNetConfig -ConfigurationPath C:\\net.xml | Out-Null';
const inVnet = (service: string, name: string, vnet = 'V1'): string => oneVm(service, name, '| Set-AzureSubnet S1').replace('-Location "West US"', vnet === 'V1' ? `-Location "West US" -VNetName ${vnet}` : `-AffinityGroup AG1 -VNetName ${vnet}`);

describe('reserved IPs', () => {
  it.each([
    ['New-AzureVM -ReservedIPName makes it the VIP; Get-AzureReservedIP shows it in use',
      `New-AzureReservedIP -ReservedIPName ip1 -Location "West US" | Out-Null\n${oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName ip1')}\n$r = Get-AzureReservedIP ip1\n"$($r.InUse) $($r.ServiceName) $((Get-AzureDeployment svc-r).VirtualIPs[0].Address -eq $r.Address)"`, 'True svc-r True'],
    ['the VIP stays while every VM is deallocated', `New-AzureReservedIP ip1 -Location "West US" | Out-Null\n${oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName ip1')}\nStop-AzureVM svc-r vm1 -Force | Out-Null\n"vip: $((Get-AzureDeployment svc-r).VirtualIPs.Count)"`, 'vip: 1'],
    ['removing the deployment returns it to the reservation', `New-AzureReservedIP ip1 -Location "West US" | Out-Null\n${oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName ip1')}\nRemove-AzureVM svc-r vm1 | Out-Null\n"in use: $((Get-AzureReservedIP ip1).InUse)"`, 'in use: False'],
    ['another region is refused', `New-AzureReservedIP ip1 -Location "East US" | Out-Null\n${oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName ip1')}`, "Reserved IP 'ip1' is in East US but cloud service 'svc-r' is in West US"],
    ['an unknown name is refused', oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName nope'), "ResourceNotFound: The subscription has no reserved IP named 'nope'"],
    ['a name twice is a conflict', 'New-AzureReservedIP ip1 -Location "West US" | Out-Null\nNew-AzureReservedIP ip1 -Location "West US"', "ConflictError: A reserved IP named 'ip1' already exists"],
    ['an unknown location is refused before the engine', 'New-AzureReservedIP ip1 -Location "Mars"', 'BadRequest: The location constraint is not valid: Mars.'],
    ['the 21st is over the subscription limit (20, LIMITS-2015)', 'foreach ($i in 1..21) { New-AzureReservedIP "ip$i" -Location "West US" | Out-Null }', 'already holds 20 reserved IPs, the maximum (20)'],
    ['in use it cannot be removed', `New-AzureReservedIP ip1 -Location "West US" | Out-Null\n${oneVm('svc-r', 'vm1').replace('| New-AzureVM', '| New-AzureVM -ReservedIPName ip1')}\nRemove-AzureReservedIP ip1`, "Reserved IP 'ip1'"],
    ['splatted parameters bind like written ones', `$p = @{ ReservedIPName = "ip1"; Location = "West US" }\nNew-AzureReservedIP @p | Out-Null\n(Get-AzureReservedIP ip1).Location`, 'West US'],
    ['a splatted parameter twice is refused as written ones are', '$p = @{ ReservedIPName = "ip1"; Location = "West US" }\nNew-AzureReservedIP @p -Location "East US"', "Cannot bind parameter because parameter 'Location' is specified more than once."],
    ['unused it is removed', 'New-AzureReservedIP ip1 -Location "West US" | Out-Null\nRemove-AzureReservedIP ip1 | Out-Null\nGet-AzureReservedIP ip1', 'ResourceNotFound: The Reserved IP ip1 does not exist.'],
  ])('%s', async (_name, script, expected) => {
    expect((await runAgainstAzure(script)).text).toContain(expected);
  });

  it('a refused create changes nothing: the address stays out of the pool and no reservation appears', async () => {
    const run = await runAgainstAzure('New-AzureReservedIP ip1 -Location "Mars"');
    expect(run.world.reservedIps).toEqual({});
    expect(run.world.publicIps).toEqual({});
  });
});

describe('internal load balancers', () => {
  it.each([
    ['created with the deployment at a static address', `${SETUP}\n$c = New-AzureInternalLoadBalancerConfig -InternalLoadBalancerName lb1 -SubnetName S1 -StaticVNetIPAddress 10.1.1.50\n${inVnet('svc-i', 'vm1').replace('| New-AzureVM', '| New-AzureVM -InternalLoadBalancerConfig $c')}\n(Get-AzureInternalLoadBalancer svc-i).IPAddress`, '10.1.1.50'],
    ['added later at the first free address of the subnet', `${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1 | Out-Null\n(Get-AzureInternalLoadBalancer svc-i).IPAddress`, '10.1.1.5'],
    ['without a VNet it takes an address of the fabric range', `${oneVm('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 | Out-Null\n(Get-AzureInternalLoadBalancer svc-i).SubnetName -eq $null`, 'True'],
    ['a static address a VM holds is refused', `${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1 -StaticVNetIPAddress 10.1.1.4`, 'Add-AzureInternalLoadBalancer : ConflictError:'],
    ['a second one is the recorded LBDUP 400', `${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1 | Out-Null\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb2 -SubnetName S1`, 'BadRequest: LoadBalancer already exists: lb1. Only one internal load balancer allowed per deployment.'],
    ['an affinity-group VNet cannot have one', `${SETUP}\n${inVnet('svc-i', 'vm1', 'AgNet')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1`, 'internal load balancers need a regional VNet'],
    ['in a VNet the subnet is required', `${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1`, 'name it with -SubnetName'],
    ['an endpoint naming an ILB the deployment lacks is refused', `${SETUP}\n${inVnet('svc-i', 'vm1', 'V1').replace('| Set-AzureSubnet S1', '| Set-AzureSubnet S1 | Add-AzureEndpoint -Name SQL -Protocol tcp -LocalPort 1433 -InternalLoadBalancerName ghost')}`, 'names internal load balancer ghost, which the deployment does not have'],
    ['it cannot be removed while endpoints use it', `${SETUP}\n$c = New-AzureInternalLoadBalancerConfig -InternalLoadBalancerName lb1 -SubnetName S1\n${inVnet('svc-i', 'vm1').replace('| Set-AzureSubnet S1', '| Set-AzureSubnet S1 | Add-AzureEndpoint -Name SQL -Protocol tcp -LocalPort 1433 -PublicPort 1433 -InternalLoadBalancerName lb1').replace('| New-AzureVM', '| New-AzureVM -InternalLoadBalancerConfig $c')}\nRemove-AzureInternalLoadBalancer svc-i`, 'is used by endpoints vm1/SQL'],
    ['Get-AzureInternalLoadBalancer of a service without one writes nothing', `${oneVm('svc-i', 'vm1')}\n"[$(Get-AzureInternalLoadBalancer svc-i)]"`, '[]'],
  ])('%s', async (_name, script, expected) => {
    expect((await runAgainstAzure(script, MAPPED, FILES)).text).toContain(expected);
  });

  it('removing it frees its address; deleting the deployment frees it too', async () => {
    const removed = await runAgainstAzure(`${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1 | Out-Null\nRemove-AzureInternalLoadBalancer svc-i | Out-Null`, MAPPED, FILES);
    expect(removed.world.internalLoadBalancers).toEqual({});
    expect(listDipHolders(removed.world.vnets['V1']?.subnets['S1']?.allocations ?? createDipPool(null)).map(([ip]) => ip)).toEqual(['10.1.1.4']);
    const deleted = await runAgainstAzure(`${SETUP}\n${inVnet('svc-i', 'vm1')}\nAdd-AzureInternalLoadBalancer -ServiceName svc-i -InternalLoadBalancerName lb1 -SubnetName S1 | Out-Null\nRemove-AzureVM svc-i vm1 | Out-Null`, MAPPED, FILES);
    expect(deleted.world.internalLoadBalancers).toEqual({});
    expect(deleted.world.vnets['V1']?.subnets['S1']?.allocations.holders.size).toBe(0);
  });
});
