import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/api/index.js';
import { callApi, startTestEmulator } from './emulator-helpers.js';
import { call, callFailing, managementClient } from './sdk-clients.js';

let emulator: Emulator;
afterEach(async () => {
  await emulator.close();
});

describe('management operations through azure-asm-mgmt', () => {
  it('creates, lists, gets and deletes affinity groups, with the platform errors', async () => {
    emulator = await startTestEmulator();
    const groups = managementClient(emulator)['affinityGroups'];
    // The SDK base64-encodes the label on the wire and decodes it back (the platform stored it base64).
    const label = 'my group';
    expect(await call(groups, 'create', { name: 'ag1', label, description: 'test group', location: 'West US' })).toMatchObject({ statusCode: 201 });
    expect(await callFailing(groups, 'create', { name: 'ag1', label, location: 'West US' })).toMatchObject({
      statusCode: 409, code: 'ConflictError', message: 'An affinity group with the specified name already exists.',
    });
    expect(await callFailing(groups, 'create', { name: 'ag2', label, location: 'Atlantis' })).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    const listed = await call<{ affinityGroups: Array<Record<string, unknown>> }>(groups, 'list');
    expect(listed.affinityGroups).toMatchObject([{ name: 'ag1', label: 'my group', description: 'test group', location: 'West US' }]);
    expect(await call(groups, 'get', 'ag1')).toMatchObject({ name: 'ag1', location: 'West US', hostedServices: [] });
    expect(await callFailing(groups, 'get', 'nope')).toMatchObject({ statusCode: 404, code: 'ResourceNotFound', message: 'The affinity group does not exist.' });
    expect(await callFailing(groups, 'deleteMethod', 'nope')).toMatchObject({ statusCode: 400, code: 'BadRequest', message: 'The affinity group name is invalid.' });
    expect(emulator.engine.state.world.affinityGroups).toEqual({ ag1: { name: 'ag1', region: 'West US' } });
    expect(await call(groups, 'deleteMethod', 'ag1')).toMatchObject({ statusCode: 200 });
    expect(await call(groups, 'list')).toMatchObject({ affinityGroups: [] });
  });

  it('answers Get Subscription with the era\'s default quotas and what the subscription holds, in the documented order', async () => {
    emulator = await startTestEmulator();
    const subscriptions = managementClient(emulator)['subscriptions'];
    expect(await call(subscriptions, 'get')).toMatchObject({
      subscriptionID: emulator.subscriptionId, subscriptionName: 'vnetsim', subscriptionStatus: 'Active',
      maximumCoreCount: 20, maximumHostedServices: 20, maximumStorageAccounts: 100, maximumVirtualNetworkSites: 50, maximumLocalNetworkSites: 10,
      maximumDnsServers: 9, currentCoreCount: 0, currentHostedServices: 0, currentStorageAccounts: 0, currentVirtualNetworkSites: 0,
      currentLocalNetworkSites: 0, currentDnsServers: 0,
    });
    const config = `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration>
      <Dns><DnsServers><DnsServer name="dns1" IPAddress="10.2.0.4" /></DnsServers></Dns>
      <VirtualNetworkSites><VirtualNetworkSite name="net1" Location="West US"><AddressSpace><AddressPrefix>10.2.0.0/16</AddressPrefix></AddressSpace>
      <Subnets><Subnet name="s"><AddressPrefix>10.2.0.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite></VirtualNetworkSites>
      </VirtualNetworkConfiguration></NetworkConfiguration>`;
    await callApi(emulator, 'PUT', '/services/networking/media', { body: config });
    await callApi(emulator, 'POST', '/services/networking/reservedips', { body: '<ReservedIP xmlns="http://schemas.microsoft.com/windowsazure"><Name>ip1</Name><Location>West US</Location></ReservedIP>' });
    const raw = await callApi(emulator, 'GET', '', { version: '2014-10-01' });
    expect(raw.status).toBe(200);
    expect([...raw.text.matchAll(/<(\w+)>/g)].map((m) => m[1])).toEqual([
      'SubscriptionID', 'SubscriptionName', 'SubscriptionStatus', 'AccountAdminLiveEmailId', 'ServiceAdminLiveEmailId', 'MaxCoreCount',
      'MaxStorageAccounts', 'MaxHostedServices', 'CurrentCoreCount', 'CurrentHostedServices', 'CurrentStorageAccounts', 'MaxVirtualNetworkSites',
      'CurrentVirtualNetworkSites', 'MaxLocalNetworkSites', 'MaxDnsServers', 'CurrentLocalNetworkSites', 'CurrentDnsServers',
      'MaxReservedIPs', 'CurrentReservedIPs',
    ]);
    // The engine's reserved-IP limit (LIMITS-2015: 20) and the one reserved above.
    expect(raw.text).toContain('<MaxReservedIPs>20</MaxReservedIPs><CurrentReservedIPs>1</CurrentReservedIPs></Subscription>');
    expect(raw.text).toContain('<CurrentVirtualNetworkSites>1</CurrentVirtualNetworkSites>');
    expect(raw.text).toContain('<CurrentDnsServers>1</CurrentDnsServers>');
  });

  it('refuses to delete an affinity group a VNet is placed in, naming it', async () => {
    emulator = await startTestEmulator();
    const groups = managementClient(emulator)['affinityGroups'];
    await call(groups, 'create', { name: 'ag1', label: 'YWc=', location: 'West US' });
    const config = `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration>
      <VirtualNetworkSites><VirtualNetworkSite name="agnet" AffinityGroup="ag1"><AddressSpace><AddressPrefix>10.2.0.0/16</AddressPrefix></AddressSpace>
      <Subnets><Subnet name="s"><AddressPrefix>10.2.0.0/24</AddressPrefix></Subnet></Subnets></VirtualNetworkSite></VirtualNetworkSites>
      </VirtualNetworkConfiguration></NetworkConfiguration>`;
    expect((await callApi(emulator, 'PUT', '/services/networking/media', { body: config })).status).toBe(202);
    const refused = await callFailing(groups, 'deleteMethod', 'ag1');
    expect(refused).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(refused.message).toContain('virtual network agnet');
    expect(emulator.engine.state.world.affinityGroups['ag1']).toBeDefined();
  });

  it('lists the locations with PersistentVMRole among their services, as vm create -l and vnet create -l need', async () => {
    emulator = await startTestEmulator();
    const listed = await call<{ locations: Array<{ name: string; availableServices: string[] }> }>(managementClient(emulator)['locations'], 'list');
    expect(listed.locations.map((l) => l.name)).toContain('West US');
    for (const location of listed.locations) expect(location.availableServices).toEqual(['Compute', 'Storage', 'PersistentVMRole', 'HighMemory']);
  });
});
