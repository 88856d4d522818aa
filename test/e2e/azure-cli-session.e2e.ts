import { describe, expect, it } from 'vitest';
import { generateManagementCertificate, generateServerCertificates, type Emulator } from '../../src/api/index.js';
import { startTestEmulator } from '../api/emulator-helpers.js';
import { createAzureCli, type AzureCli, type CliResult } from './support/azure-cli.js';
import { findVm } from '../../src/vm/index.js';

const UBUNTU = 'b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150706-en-us-30GB';
const WINDOWS = 'a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201410.01-en.us-127GB.vhd';
const PASSWORD = 'Pa55w.rd!x';
const SESSION_TIMEOUT_MS = 240_000;

/** Runs a session against its own emulator and closes it whatever happens (the two sessions run concurrently). */
async function withServer(server: Emulator, session: () => Promise<void>): Promise<void> {
  try {
    await session();
  } finally {
    await server.close();
  }
}

/** Runs a command that must succeed, returning what it printed. */
async function ok(cli: AzureCli, ...args: string[]): Promise<string> {
  const result: CliResult = await cli.run(...args);
  expect(result.code, `azure ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  expect(result.stdout).toMatch(/info: +.* command OK/);
  return result.stdout;
}

interface VmRow { VMName: string; InstanceStatus: string; IPAddress?: string; DNSName: string }

/**
 * The realistic session of asm-api.md §2, unmodified CLI against the emulator: an affinity group, a VNet with a subnet
 * and a GatewaySubnet, a local network, a gateway and its shared key, a cloud service with two VMs in the VNet (one
 * with a static IP, one with an added endpoint), list and show, the tunnel Connected, shutdown (deallocate) and start,
 * then every delete; each step's printed result and the world it left are checked.
 */
async function runSession(cli: AzureCli, server: Emulator): Promise<void> {
  const world = server.engine.sim.world;
  await ok(cli, 'account', 'affinity-group', 'create', '-l', 'West US', 'ag1');
  // Independent commands run side by side (each is a CLI process): the network configuration is read-modify-written
  // by one chain at a time, while the cloud service, reads and the gateway delete touch nothing it touches.
  await Promise.all([
    (async () => {
      await ok(cli, 'network', 'vnet', 'create', 'vnet1', '-e', '10.4.0.0', '-i', '16', '-n', 'Subnet-1', '-p', '10.4.0.0', '-r', '24', '-a', 'ag1');
      expect(await ok(cli, 'network', 'vnet', 'subnet', 'create', 'vnet1', 'GatewaySubnet', '-a', '10.4.255.0/29')).toMatch(/Address prefix\s+: 10\.4\.255\.0\/29/);
      await ok(cli, 'network', 'local-network', 'create', 'onprem', '-a', '192.168.0.0/16', '-w', '203.0.113.10');
      await ok(cli, 'network', 'vnet', 'local-network', 'add', 'vnet1', 'onprem');
    })(),
    ok(cli, 'service', 'create', '--serviceName', 'svc1', '--affinitygroup', 'ag1'),
  ]);
  expect(world.vnets['vnet1']?.subnets['GatewaySubnet']?.prefix).toBe('10.4.255.0/29');

  await Promise.all([
    (async () => {
      expect(await ok(cli, 'network', 'vpn-gateway', 'create', 'vnet1', '-t', 'StaticRouting')).toContain('Successfully created a gateway for the following virtual network: vnet1');
      await ok(cli, 'network', 'vpn-gateway', 'shared-key', 'set', 'vnet1', '-k', 'abc123', '-t', 'onprem');
    })(),
    (async () => {
      await ok(cli, 'vm', 'create', 'svc1', UBUNTU, 'azureuser', PASSWORD, '-c', '-n', 'web1', '-w', 'vnet1', '-b', 'Subnet-1', '-S', '10.4.0.10', '-e', '22');
      await ok(cli, 'vm', 'create', 'svc1', UBUNTU, 'azureuser', PASSWORD, '-c', '-n', 'web2', '-w', 'vnet1', '-b', 'Subnet-1');
      await ok(cli, 'vm', 'endpoint', 'create', 'web2', '80', '8080', '-n', 'http');
    })(),
  ]);
  expect(findVm(world, 'svc1', 'web1')).toMatchObject({ dip: '10.4.0.10', isStatic: true, subnet: 'Subnet-1', state: 'ReadyRole' });
  expect(findVm(world, 'svc1', 'web2')?.endpoints['http']).toMatchObject({ publicPort: 80, privatePort: 8080 });

  const [listed, shown, staticIp, connections] = await Promise.all([
    cli.json<VmRow[]>('vm', 'list'),
    cli.json<{ Network: { Endpoints: { name: string; port: number; localPort: number }[] } }>('vm', 'show', 'web1'),
    ok(cli, 'vm', 'static-ip', 'show', 'web1'),
    cli.json<{ localNetworkSiteName: string; connectivityState: string }[]>('network', 'vpn-gateway', 'connection', 'list', 'vnet1'),
  ]);
  expect(listed.map((vm) => [vm.VMName, vm.InstanceStatus, vm.IPAddress, vm.DNSName])).toEqual([
    ['web1', 'ReadyRole', '10.4.0.10', 'svc1.cloudapp.net'],
    ['web2', 'ReadyRole', '10.4.0.4', 'svc1.cloudapp.net'],
  ]);
  expect(shown.Network.Endpoints.map((e) => [e.name, e.port, e.localPort])).toEqual([['ssh', 22, 22]]);
  expect(staticIp).toMatch(/StaticIP\s+"10\.4\.0\.10"/);
  expect(connections.map((c) => [c.localNetworkSiteName, c.connectivityState])).toEqual([['onprem', 'Connected']]);

  await ok(cli, 'vm', 'shutdown', 'web2');
  expect((await cli.json<VmRow[]>('vm', 'list')).find((vm) => vm.VMName === 'web2')?.InstanceStatus).toBe('StoppedDeallocated');
  await ok(cli, 'vm', 'start', 'web2');
  expect(findVm(world, 'svc1', 'web2')?.state).toBe('ReadyRole');

  await Promise.all([
    (async () => {
      await ok(cli, 'vm', 'delete', 'web2', '-q');
      await ok(cli, 'vm', 'delete', 'web1', '-q');
      expect(await ok(cli, 'service', 'list')).toContain('No Cloud Services exist');
      expect(world.services['svc1']).toBeUndefined();
      expect(await ok(cli, 'vm', 'disk', 'list')).toMatch(/svc1-web1-0[\s\S]*svc1-web2-0/);
    })(),
    ok(cli, 'network', 'vpn-gateway', 'delete', 'vnet1', '-q'),
  ]);
  // Local site before the last VNet: the CLI's own forEach bug on an empty configuration (asm-api.md §1.4).
  await ok(cli, 'network', 'vnet', 'local-network', 'remove', 'vnet1', 'onprem');
  await ok(cli, 'network', 'local-network', 'delete', 'onprem', '-q');
  await ok(cli, 'network', 'vnet', 'delete', 'vnet1', '-q');
  await ok(cli, 'account', 'affinity-group', 'delete', 'ag1', '-q');
  expect(Object.keys(world.vnets)).toEqual([]);
  expect(Object.keys(world.affinityGroups)).toEqual([]);
}

/** What `azure network reserved-ip show --json` prints (the SDK's ReservedIP). */
interface ReservedIpJson { name: string; address: string; label?: string; location: string; state: string; inUse: boolean; serviceName?: string; deploymentName?: string }

/** Runs a command that the emulator must refuse: non-zero exit, the platform's message printed, the world unchanged. */
async function refused(cli: AzureCli, server: Emulator, message: string, ...args: string[]): Promise<void> {
  const before = JSON.stringify(server.engine.sim.world);
  const result = await cli.run(...args);
  expect(result.code, `azure ${args.join(' ')} should fail`).not.toBe(0);
  expect(result.stdout + result.stderr).toContain(message);
  expect(JSON.stringify(server.engine.sim.world)).toBe(before);
}

/**
 * A compute session alone, for the https run: a reserved IP (`azure network reserved-ip`), a Windows VM from the gallery
 * with RDP in a new service taking that reserved IP as its VIP (`vm create -R`), an internal load balancer on its
 * deployment (`azure service internal-load-balancer add|list|set|delete`), deallocation keeping the reserved VIP, then
 * every delete.
 */
async function runComputeSession(cli: AzureCli, server: Emulator): Promise<void> {
  const world = server.engine.sim.world;
  await ok(cli, 'network', 'reserved-ip', 'create', 'rip1', 'West US', '-e', 'front door');
  const address = world.reservedIps['rip1']?.ip ?? '';
  const table = await ok(cli, 'network', 'reserved-ip', 'list');
  expect(table).toMatch(/rip1 +West US +[\d.]+ +front door +Created/);
  expect(table).toContain(address);
  await refused(cli, server, 'The location constraint is not valid: Atlantis.', 'network', 'reserved-ip', 'create', 'rip2', 'Atlantis');
  await ok(cli, 'vm', 'create', 'svc2', WINDOWS, 'azureuser', PASSWORD, '-l', 'West US', '-n', 'app1', '-r', '3389', '-R', 'rip1');
  expect((await cli.json<VmRow[]>('vm', 'list')).map((vm) => [vm.VMName, vm.InstanceStatus, vm.DNSName])).toEqual([['app1', 'ReadyRole', 'svc2.cloudapp.net']]);
  expect(Object.values(findVm(world, 'svc2', 'app1')?.endpoints ?? {}).map((e) => [e.privatePort, e.publicPort])).toEqual([[3389, 3389]]);
  expect(findVm(world, 'svc2', 'app1')?.os).toBe('Windows');
  expect(world.services['svc2']?.vips.production).toBe(address);
  expect(await cli.json<ReservedIpJson>('network', 'reserved-ip', 'show', 'rip1')).toMatchObject({
    name: 'rip1', address, label: 'front door', location: 'West US', state: 'Created', inUse: true, serviceName: 'svc2', deploymentName: 'svc2',
  });
  await refused(cli, server, `Reserved IP 'rip1' (${address}) is the VIP of cloud service 'svc2'; delete that deployment first.`, 'network', 'reserved-ip', 'delete', 'rip1', '-q');

  await ok(cli, 'service', 'internal-load-balancer', 'add', 'svc2', 'ilb1');
  expect(await cli.json<{ name: string; frontendIPConfiguration: { type: string } }[]>('service', 'internal-load-balancer', 'list', 'svc2')).toEqual([
    { name: 'ilb1', frontendIPConfiguration: { type: 'Private' } },
  ]);
  expect(world.internalLoadBalancers['svc2']).toMatchObject({ name: 'ilb1', deployment: 'svc2' });
  await refused(cli, server, 'LoadBalancer already exists: ilb1. Only one internal load balancer allowed per deployment.', 'service', 'internal-load-balancer', 'add', 'svc2', 'ilb2');
  // `set` is Update Load Balancer (remove and re-add as one request): a subnet for a service outside any VNet is refused
  // and the load balancer stays as it was.
  await refused(cli, server, "Cloud service 'svc2' is not in a virtual network, so internal load balancer 'ilb1' takes no subnet or static address.",
    'service', 'internal-load-balancer', 'set', 'svc2', 'ilb1', '-t', 'Subnet-1');
  await ok(cli, 'service', 'internal-load-balancer', 'delete', 'svc2', 'ilb1', '-q');
  expect(await ok(cli, 'service', 'internal-load-balancer', 'list', 'svc2')).toContain('No internal load balancers defined');

  await ok(cli, 'vm', 'shutdown', 'app1');
  expect(world.services['svc2']?.deployments.production?.vms).toEqual(['app1']);
  expect(findVm(world, 'svc2', 'app1')?.state).toBe('StoppedDeallocated');
  // A reserved VIP stays with the service while its VMs are deallocated (an ordinary one returns to the pool).
  expect(world.services['svc2']?.vips.production).toBe(address);
  await ok(cli, 'vm', 'delete', 'app1', '-q');
  expect(await ok(cli, 'service', 'list')).toContain('No Cloud Services exist');
  expect(await cli.json<ReservedIpJson>('network', 'reserved-ip', 'show', 'rip1')).toMatchObject({ inUse: false });
  await ok(cli, 'network', 'reserved-ip', 'delete', 'rip1', '-q');
  const none = await cli.run('network', 'reserved-ip', 'list');
  expect(none.stdout + none.stderr).toContain('No reserved IP addresses found');
  expect(world.reservedIps).toEqual({});
}

// The http and https sessions share nothing (own emulator, own CLI profile), so they run side by side.
describe.concurrent('the real azure CLI 0.10.20 drives the emulator through a whole session', () => {
  it('over http', async () => {
    const server = await startTestEmulator();
    const cli = createAzureCli({ url: server.apiUrl, subscriptionId: server.subscriptionId, certPem: 'unused over http', keyPem: 'unused over http' });
    await withServer(server, () => runSession(cli, server));
  }, SESSION_TIMEOUT_MS);

  it('over https, presenting the management certificate (another certificate is refused with 403)', async () => {
    const management = generateManagementCertificate();
    const tls = generateServerCertificates();
    const server = await startTestEmulator({ tls: { certPem: tls.server.certPem, keyPem: tls.server.keyPem, clientThumbprint: management.thumbprint } });
    const stranger = generateManagementCertificate('someone-else');
    const strangerCli = createAzureCli({ url: server.apiUrl, subscriptionId: server.subscriptionId, certPem: stranger.certPem, keyPem: stranger.keyPem, caPem: tls.ca.certPem });
    const cli = createAzureCli({ url: server.apiUrl, subscriptionId: server.subscriptionId, certPem: management.certPem, keyPem: management.keyPem, caPem: tls.ca.certPem });
    await withServer(server, async () => {
      const refused = await strangerCli.run('service', 'list');
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.');
      await runComputeSession(cli, server);
    });
  }, SESSION_TIMEOUT_MS);
});
