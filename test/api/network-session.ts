import { expect } from 'vitest';
import type { Emulator } from '../../src/api/index.js';
import { siteToSiteConfig } from './emulator-helpers.js';
import { call, callFailing, networkClient, type ClientCertificate } from './sdk-clients.js';

/**
 * Every networking operation through the real azure-asm-network SDK, with its error paths: what the SDK tests run over
 * http and over https. Assertions are on what the SDK parsed, i.e. on the wire shapes the platform used.
 */
export async function runNetworkSession(emulator: Emulator, certificate?: ClientCertificate): Promise<void> {
  const client = networkClient(emulator, certificate);
  const networks = client['networks'];
  const gateways = client['gateways'];
  const staticIPs = client['staticIPs'];

  // No configuration yet: GET media is 404, the VNet list is empty, gateway URLs are 400 (N-CFG404, N-LIST0, N-GGNC).
  expect(await callFailing(networks, 'getConfiguration')).toMatchObject({ statusCode: 404, code: 'ResourceNotFound', message: 'Network configuration does not exist.' });
  expect(await call(networks, 'list')).toMatchObject({ virtualNetworkSites: [] });
  expect(await callFailing(gateways, 'get', 'vnet1')).toMatchObject({
    statusCode: 400, code: 'BadRequest', message: "The specified virtual network name 'vnet1' is not valid or could not be found.",
  });
  expect(await callFailing(networks, 'setConfiguration', { configuration: '<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"><VirtualNetworkConfiguration></VirtualNetworkConfiguration></NetworkConfiguration>' }))
    .toMatchObject({ statusCode: 400, message: 'XML Schema validation error in network configuration at line 0,0.' });

  // Upload: 202 then Succeeded; GET returns the platform's canonical form, never a whitespace-only list.
  expect(await call(networks, 'setConfiguration', { configuration: siteToSiteConfig() })).toMatchObject({ status: 'Succeeded' });
  const stored = (await call<{ configuration: string }>(networks, 'getConfiguration')).configuration;
  expect(stored.startsWith('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<NetworkConfiguration')).toBe(true);
  expect(stored).toContain('<LocalNetworkSiteRef name="site1">\r\n              <Connection type="IPsec" />');
  expect(stored).not.toMatch(/<(\w+)>\s+<\/\1>/);
  const sites = await call<{ virtualNetworkSites: Array<Record<string, unknown>> }>(networks, 'list');
  expect(sites.virtualNetworkSites).toMatchObject([{
    name: 'vnet1', location: 'West US', state: 'Created', addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
    subnets: [{ name: 'Subnet-1', addressPrefix: '10.1.1.0/24' }, { name: 'GatewaySubnet', addressPrefix: '10.1.2.0/29' }],
    gateway: { sites: [{ name: 'site1', vpnGatewayAddress: '203.0.113.10', addressSpace: { addressPrefixes: ['192.168.0.0/16'] } }] },
  }]);

  // Static IP check (STAVAIL, J-IP).
  expect(await call(staticIPs, 'check', 'vnet1', '10.1.1.4')).toMatchObject({ isAvailable: true, availableAddresses: ['10.1.1.4', '10.1.1.5', '10.1.1.6', '10.1.1.7', '10.1.1.8'] });
  expect(await call(staticIPs, 'check', 'vnet1', '10.1.1.0')).toMatchObject({ isAvailable: false });
  expect(await callFailing(staticIPs, 'check', 'vnet1', '169.254.80.80')).toMatchObject({
    statusCode: 400, message: 'The address 169.254.80.80 is not contained in any of the subnets in the virtual network.',
  });

  // Gateway not provisioned: GatewaySize None, and its sub-resources are 400 (N-GGNP, N-GSK-NP, N-RSTNP).
  expect(await call(gateways, 'get', 'vnet1')).toMatchObject({ state: 'NotProvisioned', gatewayType: 'StaticRouting', gatewaySKU: 'None' });
  const notProvisioned = { statusCode: 400, message: 'The current provisioning status of the gateway prevents this operation.' };
  expect(await callFailing(gateways, 'getSharedKey', 'vnet1', 'site1')).toMatchObject(notProvisioned);
  expect(await callFailing(gateways, 'reset', 'vnet1', { operation: 'Reset' })).toMatchObject(notProvisioned);
  expect(await callFailing(gateways, 'listConnections', 'vnet1')).toMatchObject(notProvisioned);

  // Create: 201 + gateway operation, Successful once the engine provisioned it.
  expect(await call(gateways, 'create', 'vnet1', { gatewaySKU: 'Default', gatewayType: 'DynamicRouting' })).toMatchObject({ status: 'Successful', httpStatusCode: 'OK' });
  const gateway = await call<Record<string, unknown>>(gateways, 'get', 'vnet1');
  expect(gateway).toMatchObject({ state: 'Provisioned', gatewayType: 'DynamicRouting', gatewaySKU: 'Default', lastEvent: { id: '23002', message: 'Successfully created a gateway for the following virtual network: vnet1' } });
  expect(gateway['vipAddress']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(await callFailing(gateways, 'create', 'vnet1', { gatewaySKU: 'Default', gatewayType: 'DynamicRouting' }))
    .toMatchObject({ statusCode: 409, code: 'ConflictError', message: 'A gateway already exists for virtual network vnet1.' });

  // Connections: the configured site, Connected with byte counters (the engine's tunnel reached Connected).
  const connections = await call<{ connections: Array<Record<string, unknown>> }>(gateways, 'listConnections', 'vnet1');
  expect(connections.connections).toMatchObject([{ localNetworkSiteName: 'site1', connectivityState: 'Connected' }]);

  // Shared keys: generated 32 characters; set (POST) and read back; empty refused (N-SSKE); reset (PUT) to 128.
  expect((await call<{ sharedKey: string }>(gateways, 'getSharedKey', 'vnet1', 'site1')).sharedKey).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(await call(gateways, 'setSharedKey', 'vnet1', 'site1', { value: 'ABC' })).toMatchObject({ status: 'Successful' });
  expect(await call(gateways, 'getSharedKey', 'vnet1', 'site1')).toMatchObject({ sharedKey: 'ABC' });
  expect(await callFailing(gateways, 'setSharedKey', 'vnet1', 'site1', { value: '' })).toMatchObject({
    statusCode: 400, message: 'The specified shared key was not valid. The key must be an alpha-numeric string of 1 to 128 characters.',
  });
  expect(await callFailing(gateways, 'getSharedKey', 'vnet1', 'nosite')).toMatchObject({
    statusCode: 400, message: "The specified local network site name 'nosite' is not valid or could not be found.",
  });
  expect(await call(gateways, 'resetSharedKey', 'vnet1', 'site1', { keyLength: 128 })).toMatchObject({ status: 'Successful' });
  expect((await call<{ sharedKey: string }>(gateways, 'getSharedKey', 'vnet1', 'site1')).sharedKey).toMatch(/^[A-Za-z0-9]{128}$/);

  // Default sites (DynamicRouting only), resize and reset.
  expect(await call(gateways, 'setDefaultSites', 'vnet1', { defaultSite: 'site1' })).toMatchObject({ status: 'Successful' });
  expect(await callFailing(gateways, 'setDefaultSites', 'vnet1', { defaultSite: 'nosite' })).toMatchObject({
    statusCode: 400, message: "The specified local network site name 'nosite' is not valid or could not be found.",
  });
  expect(await call(gateways, 'removeDefaultSites', 'vnet1')).toMatchObject({ status: 'Successful' });
  expect(await call(gateways, 'resize', 'vnet1', { operation: 'Resize', gatewaySKU: 'HighPerformance' })).toMatchObject({ status: 'Successful' });
  expect(await call(gateways, 'get', 'vnet1')).toMatchObject({ gatewaySKU: 'HighPerformance' });
  expect(await call(gateways, 'reset', 'vnet1', { operation: 'Reset' })).toMatchObject({ status: 'Successful' });

  // An upload that removes the VNet with a gateway is accepted (202) and its operation fails naming what is in use;
  // nothing changes.
  const refused = await callFailing(networks, 'setConfiguration', { configuration: siteToSiteConfig({ withVnet: false }) });
  expect(refused.message).toBe('BadRequest : The virtual network vnet1 is in use by its gateway and cannot be removed.');
  expect((await call<{ configuration: string }>(networks, 'getConfiguration')).configuration).toBe(stored);

  // Delete: 202 + gateway operation; NotProvisioned again; then the VNet can go.
  expect(await call(gateways, 'deleteMethod', 'vnet1')).toMatchObject({ status: 'Successful' });
  expect(await call(gateways, 'get', 'vnet1')).toMatchObject({ state: 'NotProvisioned' });
  expect(await call(networks, 'setConfiguration', { configuration: siteToSiteConfig({ withVnet: false }) })).toMatchObject({ status: 'Succeeded' });
  expect(await call(networks, 'list')).toMatchObject({ virtualNetworkSites: [] });
}
