import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPublishSettings, generateManagementCertificate, generateServerCertificates, type Emulator } from '../../src/api/index.js';
import { connectAzureCli, createAzureCli, type AzureCli } from './azure-cli.js';
import { startTestEmulator } from './emulator-helpers.js';

/**
 * A network session with the real azure CLI 0.10.20, unmodified, against the emulator: over http, and over https with
 * the management certificate from the publishsettings and the CA from NODE_EXTRA_CA_CERTS.
 */
describe.each(['http', 'https'] as const)('the azure CLI network session over %s', (scheme) => {
  let emulator: Emulator;
  let azure: AzureCli;

  beforeAll(async () => {
    const management = generateManagementCertificate();
    const tls = scheme === 'https' ? generateServerCertificates() : undefined;
    emulator = await startTestEmulator(tls === undefined ? {} : { tls: { keyPem: tls.server.keyPem, certPem: tls.server.certPem, clientThumbprint: management.thumbprint } });
    const files = await mkdtemp(join(tmpdir(), 'vnetsim-emulator-'));
    const extraEnv: Record<string, string> = {};
    if (tls !== undefined) {
      const caPath = join(files, 'vnetsim-ca.crt');
      await writeFile(caPath, tls.ca.certPem);
      extraEnv['NODE_EXTRA_CA_CERTS'] = caPath;
    }
    ({ azure } = await createAzureCli(extraEnv));
    const publishSettings = join(files, 'vnetsim.publishsettings');
    await writeFile(publishSettings, formatPublishSettings({
      subscriptionId: emulator.subscriptionId, subscriptionName: 'vnetsim', serviceManagementUrl: emulator.apiUrl, pfxBase64: management.pfxBase64,
    }));
    await connectAzureCli(azure, emulator.apiUrl, publishSettings);
  }, 60_000);
  afterAll(async () => {
    await emulator.close();
  });

  it('builds a VNet with a local network and a gateway, reads it back, refuses what the platform refused, and tears it down', async () => {
    const expectOk = async (...args: string[]): Promise<string> => {
      const result = await azure(...args);
      expect(result.code, `${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
      return result.stdout;
    };
    expect(await expectOk('network', 'vnet', 'list')).toContain('No virtual networks found');
    await expectOk('account', 'affinity-group', 'create', 'ag1', '-l', 'West US');
    expect(await expectOk('account', 'affinity-group', 'list')).toMatch(/ag1\s+.*West US/);
    await expectOk('network', 'vnet', 'create', 'vnet1', '-e', '10.1.0.0', '-i', '16', '-n', 'Subnet-1', '-p', '10.1.1.0', '-r', '24', '-l', 'West US');
    expect(await expectOk('network', 'vnet', 'subnet', 'create', 'vnet1', 'GatewaySubnet', '-a', '10.1.2.0/29')).toMatch(/Address prefix\s+: 10\.1\.2\.0\/29/);
    expect(await expectOk('network', 'local-network', 'create', 'site1', '-a', '192.168.0.0/16', '-w', '203.0.113.10')).toMatch(/Gateway address\s+: 203\.0\.113\.10/);
    await expectOk('network', 'vnet', 'local-network', 'add', 'vnet1', 'site1');
    expect(await expectOk('network', 'vnet', 'list')).toMatch(/vnet1\s+West US\s+Created\s+10\.1\.0\.0\/16\s+2\s+203\.0\.113\.10/);

    const created = await expectOk('network', 'vpn-gateway', 'create', 'vnet1', '-t', 'DynamicRouting');
    expect(created).toMatch(/State\s+: Provisioned/);
    expect(created).toContain('Successfully created a gateway for the following virtual network: vnet1');
    expect(await expectOk('network', 'vpn-gateway', 'connection', 'list', 'vnet1')).toMatch(/Local network site name\s+: site1[\s\S]*State\s+: Connected/);
    await expectOk('network', 'vpn-gateway', 'shared-key', 'set', 'vnet1', 'abc123', '-t', 'site1');
    await expectOk('network', 'vpn-gateway', 'shared-key', 'reset', 'vnet1', '-t', 'site1', '-l', '64');
    expect(await expectOk('network', 'vnet', 'static-ip', 'check', 'vnet1', '10.1.1.4')).toMatch(/isAvailable\s+true/);

    const again = await azure('network', 'vpn-gateway', 'create', 'vnet1', '-t', 'DynamicRouting');
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toContain('error:   A gateway already exists for virtual network vnet1.');
    const inUse = await azure('network', 'vnet', 'delete', 'vnet1', '-q');
    expect(inUse.code).toBe(1);
    expect(inUse.stdout + inUse.stderr).toContain('error:   BadRequest : The virtual network vnet1 is in use by its gateway and cannot be removed.');

    await expectOk('network', 'vpn-gateway', 'delete', 'vnet1', '-q');
    expect(await expectOk('network', 'vpn-gateway', 'show', 'vnet1')).toMatch(/State\s+: NotProvisioned/);
    // The CLI's local-network delete fails without VNets (asm-api.md §1.4): the site goes before the last VNet.
    await expectOk('network', 'vnet', 'local-network', 'remove', 'vnet1', 'site1');
    await expectOk('network', 'local-network', 'delete', 'site1', '-q');
    await expectOk('network', 'vnet', 'delete', 'vnet1', '-q');
    await expectOk('account', 'affinity-group', 'delete', 'ag1', '-q');
    expect(Object.keys(emulator.engine.state.world.vnets)).toEqual([]);
    expect(Object.keys(emulator.engine.state.world.localSites)).toEqual([]);
    expect(emulator.engine.state.world.affinityGroups).toEqual({});
  }, 180_000);
});
