import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UBUNTU, linuxRole, sshOn } from './compute-bodies.js';
import { call, failure, startComputeEmulator, type ComputeEmulator } from './compute-harness.js';
import { findVm } from '../../src/vm/index.js';

const WINDOWS = 'a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2-201410.01-en.us-127GB.vhd';

describe('compute and storage through the real azure-asm SDKs', () => {
  let emu: ComputeEmulator;
  beforeAll(async () => {
    emu = await startComputeEmulator();
  });
  afterAll(async () => emu.close());

  it('creates a hosted service (201, /compute/ Location), lists it, and refuses a bad or unknown name', async () => {
    const created = await call(emu.compute, 'hostedServices', 'create', { serviceName: 'svc1', label: 'svc one', location: 'West US', description: 'front end' });
    expect(created['statusCode']).toBe(201);
    const listed = await call<{ hostedServices: { serviceName: string; properties: { label: string; location: string; description: string } }[] }>(emu.compute, 'hostedServices', 'list');
    expect(listed.hostedServices.map((s) => [s.serviceName, s.properties.label, s.properties.location, s.properties.description])).toEqual([['svc1', 'svc one', 'West US', 'front end']]);
    expect(await failure(call(emu.compute, 'hostedServices', 'get', 'nosuch'))).toMatchObject({ statusCode: 404, code: 'ResourceNotFound', message: 'The hosted service does not exist.' });
    expect(await failure(call(emu.compute, 'hostedServices', 'create', { serviceName: '-bad-', label: 'x', location: 'West US' }))).toMatchObject({ statusCode: 400, message: 'The hosted service name is invalid.' });
    expect(await failure(call(emu.compute, 'deployments', 'getBySlot', 'svc1', 'Production'))).toMatchObject({ statusCode: 404, message: 'No deployments were found.' });
  });

  it('creates a VM deployment in the VNet with a static IP and an endpoint, and shows it in the recorded shape', async () => {
    const result = await call(emu.compute, 'virtualMachines', 'createDeployment', 'svc1', {
      name: 'svc1', deploymentSlot: 'Production', label: 'svc1', virtualNetworkName: 'CorpNet',
      roles: [linuxRole('web1', { ...sshOn(22), staticVirtualNetworkIPAddress: '10.4.0.10' })],
    });
    expect(result['status']).toBe('Succeeded');
    const d = await call<Record<string, any>>(emu.compute, 'deployments', 'getBySlot', 'svc1', 'Production');
    expect([d['name'], d['status'], d['virtualNetworkName'], d['label']]).toEqual(['svc1', 'Running', 'CorpNet', 'svc1']);
    expect(d['roleInstances'].map((r: any) => [r.roleName, r.instanceStatus, r.powerState, r.iPAddress])).toEqual([['web1', 'ReadyRole', 'Started', '10.4.0.10']]);
    expect(d['roleInstances'][0].instanceEndpoints.map((e: any) => [e.name, e.port, e.localPort, e.protocol])).toEqual([['ssh', 22, 22, 'tcp']]);
    expect(d['virtualIPAddresses'][0].name).toBe('svc1ContractContract');
    const net = d['roles'][0].configurationSets[0];
    expect([net.subnetNames, net.staticVirtualNetworkIPAddress]).toEqual([['Subnet-1'], '10.4.0.10']);
    expect(d['roles'][0].oSVirtualHardDisk.sourceImageName).toBe(UBUNTU);
    const detailed = await call<Record<string, any>>(emu.compute, 'hostedServices', 'getDetailed', 'svc1');
    expect(detailed['deployments'].map((x: any) => x.name)).toEqual(['svc1']);
    const byName = await call<Record<string, any>>(emu.compute, 'deployments', 'getByName', 'svc1', 'svc1');
    expect(byName['privateId']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('fails an add-role operation whose public port is taken, as the platform did (DOCKDUP)', async () => {
    const error = await failure(call(emu.compute, 'virtualMachines', 'create', 'svc1', 'svc1', linuxRole('web2', sshOn(22, 'ssh2'))));
    expect(error.message).toBe('BadRequest : Port 22 is already in use by one of the endpoints in this deployment. Ensure that the port numbers are unique across endpoints within a deployment.');
    expect(findVm(emu.emulator.engine.sim.world, 'svc1', 'web2')).toBeUndefined();
  });

  it('adds a second role, gets it, replaces its endpoints by PUT, and refuses deleting the only role', async () => {
    await call(emu.compute, 'virtualMachines', 'create', 'svc1', 'svc1', linuxRole('web2', sshOn(2222)));
    const role = await call<Record<string, any>>(emu.compute, 'virtualMachines', 'get', 'svc1', 'svc1', 'web2');
    expect(role['configurationSets'][0].inputEndpoints.map((e: any) => [e.name, e.port])).toEqual([['ssh', 2222]]);
    await call(emu.compute, 'virtualMachines', 'update', 'svc1', 'svc1', 'web2', {
      roleName: 'web2', roleSize: 'Small',
      configurationSets: [{ configurationSetType: 'NetworkConfiguration', inputEndpoints: [{ name: 'http', protocol: 'tcp', port: 80, localPort: 8080 }], subnetNames: ['Subnet-1'], staticVirtualNetworkIPAddress: '10.4.0.20' }],
      oSVirtualHardDisk: role['oSVirtualHardDisk'],
    });
    const vm = findVm(emu.emulator.engine.sim.world, 'svc1', 'web2');
    expect(Object.keys(vm?.endpoints ?? {})).toEqual(['http']);
    expect([vm?.dip, vm?.isStatic]).toEqual(['10.4.0.20', true]);
    await call(emu.compute, 'virtualMachines', 'deleteMethod', 'svc1', 'svc1', 'web2', false);
    expect(await failure(call(emu.compute, 'virtualMachines', 'deleteMethod', 'svc1', 'svc1', 'web1', false))).toMatchObject({
      statusCode: 400,
      message: 'Role web1 is the only role present in the deployment and so cannot be removed. Please delete the deployment or add another role before removing this role.',
    });
  });

  it.each([
    ['deployments.getByName of another name', 'deployments', 'getByName', ['svc1', 'other'], 404, "The deployment name 'other' does not exist."],
    ['virtualMachines.get of an unknown role', 'virtualMachines', 'get', ['svc1', 'svc1', 'ghost'], 404, "The role 'ghost' does not exist in the deployment."],
    ['virtualMachines.start of an unknown role', 'virtualMachines', 'start', ['svc1', 'svc1', 'ghost'], 404, "The role 'ghost' does not exist in the deployment."],
    ['deployments.deleteByName of another name', 'deployments', 'deleteByName', ['svc1', 'other', false], 404, "The deployment name 'other' does not exist."],
    ['hostedServices.deleteMethod while deployed', 'hostedServices', 'deleteMethod', ['svc1'], 409, 'The hosted service svc1 has a deployment; delete the deployment first (or use ?comp=media to delete everything).'],
    ['virtualMachineDisks.deleteDisk of a leased disk', 'virtualMachineDisks', 'deleteDisk', ['svc1-web1-0', false], 400, 'A disk with name svc1-web1-0 is currently in use by virtual machine web1 running within hosted service svc1, deployment svc1.'],
  ])('refuses %s with the platform error', async (_what, group, method, args, statusCode, message) => {
    expect(await failure(call(emu.compute, group, method, ...args))).toMatchObject({ statusCode, message });
  });

  it('registers an OS disk from a VHD, gets it and deletes it', async () => {
    const created = await call<Record<string, unknown>>(emu.compute, 'virtualMachineDisks', 'createDisk', { name: 'dc-os', label: 'dc', mediaLinkUri: 'https://portalvhdswestus.blob.core.windows.net/vhds/dc.vhd', operatingSystemType: 'Windows' });
    expect([created['name'], created['operatingSystem']]).toEqual(['dc-os', 'Windows']);
    const got = await call<Record<string, unknown>>(emu.compute, 'virtualMachineDisks', 'getDisk', 'dc-os');
    expect(got['mediaLinkUri']).toBe('https://portalvhdswestus.blob.core.windows.net/vhds/dc.vhd');
    await call(emu.compute, 'virtualMachineDisks', 'deleteDisk', 'dc-os', false);
    expect(emu.emulator.engine.sim.world.disks.get('dc-os')).toBeUndefined();
    expect(await failure(call(emu.compute, 'virtualMachineDisks', 'getDisk', 'dc-os'))).toMatchObject({ statusCode: 404 });
  });

  it('shuts down (StoppedDeallocated → Suspended), starts, restarts and shuts down keeping the VM provisioned', async () => {
    await call(emu.compute, 'virtualMachines', 'shutdown', 'svc1', 'svc1', 'web1', { postShutdownAction: 'StoppedDeallocated' });
    let d = await call<Record<string, any>>(emu.compute, 'deployments', 'getBySlot', 'svc1', 'Production');
    expect([d['status'], d['roleInstances'][0].instanceStatus, d['roleInstances'][0].powerState]).toEqual(['Suspended', 'StoppedDeallocated', 'Stopped']);
    await call(emu.compute, 'virtualMachines', 'start', 'svc1', 'svc1', 'web1');
    await call(emu.compute, 'virtualMachines', 'restart', 'svc1', 'svc1', 'web1');
    d = await call<Record<string, any>>(emu.compute, 'deployments', 'getBySlot', 'svc1', 'Production');
    expect([d['status'], d['roleInstances'][0].instanceStatus]).toEqual(['Running', 'ReadyRole']);
    await call(emu.compute, 'virtualMachines', 'shutdown', 'svc1', 'svc1', 'web1', { postShutdownAction: 'Stopped' });
    expect(findVm(emu.emulator.engine.sim.world, 'svc1', 'web1')?.state).toBe('StoppedVM');
    await call(emu.compute, 'virtualMachines', 'start', 'svc1', 'svc1', 'web1');
  });

  it('attaches and detaches a data disk; lists disks with the lease a deleted VM leaves', async () => {
    await call(emu.compute, 'virtualMachineDisks', 'createDataDisk', 'svc1', 'svc1', 'web1', { label: 'data', hostCaching: 'None', logicalDiskSizeInGB: 20, mediaLinkUri: 'https://portalvhdswestus.blob.core.windows.net/vhds/web1-data.vhd' });
    let disks = await call<{ disks: { name: string; logicalSizeInGB: number; roleName?: string; usageDetails?: { roleName: string } }[] }>(emu.compute, 'virtualMachineDisks', 'listDisks');
    expect(disks.disks.length).toBe(3);
    const role = await call<Record<string, any>>(emu.compute, 'virtualMachines', 'get', 'svc1', 'svc1', 'web1');
    expect(role['dataVirtualHardDisks'].map((d: any) => [d.logicalUnitNumber, d.logicalDiskSizeInGB, d.label])).toEqual([[0, 20, 'data']]);
    await call(emu.compute, 'virtualMachineDisks', 'deleteDataDisk', 'svc1', 'svc1', 'web1', 0, false);
    expect(emu.emulator.engine.state.compute.roles['svc1/web1']?.dataDisks).toEqual([]);
    disks = await call(emu.compute, 'virtualMachineDisks', 'listDisks');
    expect(disks.disks.map((d) => d.name)).toContain('svc1-web2-0');
    expect(await failure(call(emu.compute, 'virtualMachineDisks', 'deleteDataDisk', 'svc1', 'svc1', 'web1', 5, false))).toMatchObject({ statusCode: 404 });
  });

  it('lists the gallery under its real names and gets one image; an unknown image is 404', async () => {
    const images = await call<{ images: { name: string; operatingSystemType: string }[] }>(emu.compute, 'virtualMachineOSImages', 'list');
    expect(images.images.map((i) => i.name)).toEqual(expect.arrayContaining([UBUNTU, WINDOWS]));
    const one = await call<Record<string, unknown>>(emu.compute, 'virtualMachineOSImages', 'get', WINDOWS);
    expect([one['name'], one['operatingSystemType'], one['imageFamily']]).toEqual([WINDOWS, 'Windows', 'Windows Server 2012 R2 Datacenter']);
    expect(await failure(call(emu.compute, 'virtualMachineOSImages', 'get', 'nope'))).toMatchObject({ statusCode: 404 });
    const vmImages = await call<{ vMImages: unknown[] }>(emu.compute, 'virtualMachineVMImages', 'list');
    expect(vmImages.vMImages).toEqual([]);
  });

  it('lists seeded storage accounts, creates one asynchronously and gets it', async () => {
    const before = await call<{ storageAccounts: { name: string; properties: { location?: string; affinityGroup?: string; endpoints: string[] } }[] }>(emu.storage, 'storageAccounts', 'list');
    const regional = before.storageAccounts.find((a) => a.properties.location === 'West US');
    expect(regional?.properties.endpoints[0]).toBe('https://portalvhdswestus.blob.core.windows.net/');
    await call(emu.storage, 'storageAccounts', 'create', { name: 'mystore1', label: 'mystore1', location: 'West US', accountType: 'Standard_LRS' });
    const got = await call<{ storageAccount: { name: string; properties: { location: string } } }>(emu.storage, 'storageAccounts', 'get', 'mystore1');
    expect(got.storageAccount.properties.location).toBe('West US');
    expect(await failure(call(emu.storage, 'storageAccounts', 'create', { name: 'mystore1', label: 'x', location: 'West US', accountType: 'Standard_LRS' }))).toMatchObject({ statusCode: 409, code: 'ConflictError' });
    expect(await failure(call(emu.storage, 'storageAccounts', 'get', 'nosuchstore'))).toMatchObject({ statusCode: 404 });
  });

  it('deletes the deployment, then the service; disks stay registered', async () => {
    await call(emu.compute, 'deployments', 'deleteByName', 'svc1', 'svc1', false);
    expect(emu.emulator.engine.sim.world.services['svc1']?.deployments.production).toBeNull();
    const deleted = await call(emu.compute, 'hostedServices', 'deleteMethod', 'svc1');
    expect(deleted['statusCode']).toBe(200);
    expect(emu.emulator.engine.sim.world.services['svc1']).toBeUndefined();
    expect([...emu.emulator.engine.sim.world.disks.keys()]).toContain('svc1-web1-0');
  });
});
