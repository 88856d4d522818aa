import { describe, expect, it } from 'vitest';
import { fixedDurationRange } from '../../src/common/index.js';
import { DEFAULT_SIM_PROFILE, findService, findVm, listDipHolders, nameDipHolder, serializeWorld, type Simulation } from '../../src/sim/index.js';
import type { DipPool } from '../../src/vm/index.js';

/** A pool's DIPs with their owner names, in allocation order. */
function ownersOf(pool: DipPool | undefined): [string, string][] | undefined {
  return pool === undefined ? undefined : listDipHolders(pool).map(([ip, holder]) => [ip, nameDipHolder(holder)]);
}
import { BASE_SETUP, diskVm, frontEndVm, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

/** Operation times pinned (the default profile draws them from recorded ranges), so a test reads them off the clock. */
const P = { ...DEFAULT_SIM_PROFILE, windowsProvisionMs: 7 * 60_000, linuxProvisionMs: 3 * 60_000, startMs: 90_000, stopMs: 30_000, deallocateMs: 60_000 };
const PINNED = {
  windowsProvisionMs: fixedDurationRange(P.windowsProvisionMs),
  linuxProvisionMs: fixedDurationRange(P.linuxProvisionMs),
  startMs: fixedDurationRange(P.startMs),
  stopMs: fixedDurationRange(P.stopMs),
  deallocateMs: fixedDurationRange(P.deallocateMs),
};
const LATER = 60 * 60_000;

function setUp(...extra: Parameters<typeof mustExecute>[1][]): Simulation {
  const sim = startSimulation({ profile: PINNED });
  mustExecute(sim, ...BASE_SETUP, ...extra);
  return sim;
}

function statesOf(sim: Simulation, service: string, vm: string): string[] {
  return [...sim.events].flatMap((e) => (e.type === 'vm.stateChanged' && e.service === service && e.vm === vm ? [`${e.time}:${e.to}`] : []));
}

describe('creating VMs', () => {
  it('provisions an image VM: Provisioning, then ReadyRole after the profile duration (Windows and Linux differ)', () => {
    const sim = setUp(windowsVm('other', 'win'), linuxVm('other', 'lx'));
    expect(findVm(sim.world, 'other', 'win')?.state).toBe('Provisioning');
    sim.advanceTo(LATER);
    expect(statesOf(sim, 'other', 'win')).toEqual(['0:Provisioning', `${P.windowsProvisionMs}:ReadyRole`]);
    expect(statesOf(sim, 'other', 'lx')).toEqual(['0:Provisioning', `${P.linuxProvisionMs}:ReadyRole`]);
  });

  it('boots a disk VM without provisioning, customization or endpoints, and leases the disk', () => {
    const sim = setUp(diskVm('other', 'dc1', 'dc-os'));
    sim.advanceTo(LATER);
    expect(statesOf(sim, 'other', 'dc1')).toEqual(['0:StartingVM', `${P.diskBootMs}:ReadyRole`]);
    const vm = findVm(sim.world, 'other', 'dc1');
    expect(vm).toMatchObject({ endpoints: {}, hostName: null, adminUser: null, osDisk: 'dc-os', source: { disk: 'dc-os' } });
    expect(sim.world.disks.get('dc-os')?.lease).toEqual({ service: 'other', vm: 'dc1', deployment: 'other' });
  });

  it('copies an image into a new OS disk per VM, so one image serves many VMs', () => {
    const sim = setUp(windowsVm('other', 'a'), windowsVm('other', 'b'));
    expect(findVm(sim.world, 'other', 'a')?.osDisk).toBe('other-a-0');
    expect(sim.world.disks.get('other-b-0')).toMatchObject({ sourceImage: 'win2012', lease: { vm: 'b' } });
  });

  it('makes the first VM deploy the service: IaaS, production slot, deployment named after the service, one VIP', () => {
    const sim = setUp();
    expect(findService(sim.world, 'other')).toMatchObject({ kind: null, vips: { production: null } });
    mustExecute(sim, windowsVm('other', 'a'), windowsVm('other', 'b'));
    const service = findService(sim.world, 'other');
    expect(service).toMatchObject({ kind: 'IaaS', dnsName: 'other.cloudapp.net', deployments: { staging: null } });
    expect(service?.deployments.production).toMatchObject({ name: 'other', kind: 'IaaS', status: 'Running', vms: ['a', 'b'] });
    expect([...sim.events].filter((e) => e.type === 'vip.assigned')).toHaveLength(1);
  });

  it('names the deployment as New-AzureVM -DeploymentName asks, and later VMs join it as roles', () => {
    const sim = setUp(windowsVm('other', 'a', { deploymentName: 'prod' }), diskVm('other', 'b', 'dc-os', { deploymentName: 'prod' }));
    expect(findService(sim.world, 'other')?.deployments.production).toMatchObject({ name: 'prod', vms: ['a', 'b'] });
    expect(findVm(sim.world, 'other', 'b')?.deployment).toBe('prod');
    expect(sim.world.disks.get('dc-os')?.lease).toEqual({ service: 'other', vm: 'b', deployment: 'prod' });
  });

  it('hands out DIPs from .4 up in a subnet, and from a per-deployment fabric range without a VNet', () => {
    const sim = setUp(frontEndVm('web', 'a'), frontEndVm('web', 'b'), windowsVm('other', 'x'));
    expect(findVm(sim.world, 'web', 'a')?.dip).toBe('10.1.1.4');
    expect(findVm(sim.world, 'web', 'b')?.dip).toBe('10.1.1.5');
    const fabric = findService(sim.world, 'other')?.deployments.production?.fabricPrefix ?? '';
    expect(fabric).toMatch(/^10\.\d+\.\d+\.0\/22$/);
    expect(findVm(sim.world, 'other', 'x')?.dip?.endsWith('.4')).toBe(true);
  });

  it.each([
    ['ProvisioningFailed', P.windowsProvisionMs],
    ['ProvisioningTimeout', P.provisionTimeoutMs],
  ] as const)('ends in %s when the scenario forces that outcome', (outcome, atMs) => {
    const sim = setUp(windowsVm('other', 'a', { outcome }));
    sim.advanceTo(LATER);
    expect(statesOf(sim, 'other', 'a')).toEqual(['0:Provisioning', `${atMs}:${outcome}`]);
  });

  it('honours profile overrides', () => {
    const sim = startSimulation({ profile: { linuxProvisionMs: fixedDurationRange(1_000) } });
    mustExecute(sim, ...BASE_SETUP, linuxVm('other', 'lx'));
    sim.advanceTo(1_000);
    expect(findVm(sim.world, 'other', 'lx')?.state).toBe('ReadyRole');
  });
});

describe('stopping, starting, restarting', () => {
  it('stop keeps the allocation: StoppedVM keeps its DIP, MAC and the VIP', () => {
    const sim = setUp(frontEndVm('web', 'a'));
    sim.advanceTo(LATER);
    const before = findVm(sim.world, 'web', 'a');
    const vip = findService(sim.world, 'web')?.vips.production;
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'a', stayProvisioned: true });
    sim.advanceTo(2 * LATER);
    expect(findVm(sim.world, 'web', 'a')).toMatchObject({ state: 'StoppedVM', dip: before?.dip, mac: before?.mac });
    expect(findService(sim.world, 'web')?.vips.production).toBe(vip);
    expect(statesOf(sim, 'web', 'a').slice(-2)).toEqual([`${LATER}:StoppingVM`, `${LATER + P.stopMs}:StoppedVM`]);
  });

  it('deallocation releases a dynamic DIP; the VIP goes only when every VM is deallocated', () => {
    const sim = setUp(frontEndVm('web', 'a'), frontEndVm('web', 'b'));
    sim.advanceTo(LATER);
    const vip = findService(sim.world, 'web')?.vips.production ?? null;
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'a' });
    sim.advanceTo(LATER + P.deallocateMs);
    expect(findVm(sim.world, 'web', 'a')).toMatchObject({ state: 'StoppedDeallocated', dip: null });
    expect(findService(sim.world, 'web')?.vips.production).toBe(vip);
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'b' });
    sim.advanceTo(2 * LATER);
    expect(findService(sim.world, 'web')?.vips.production).toBeNull();
    expect(sim.world.publicIps[vip ?? '']).toBeUndefined();
  });

  it('a deallocated VM comes back with a new VIP, a new MAC and possibly another DIP', () => {
    const sim = setUp(frontEndVm('web', 'a'));
    sim.advanceTo(LATER);
    const old = { ...findVm(sim.world, 'web', 'a') };
    const oldVip = findService(sim.world, 'web')?.vips.production;
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'a' });
    sim.advanceTo(2 * LATER);
    mustExecute(sim, frontEndVm('web', 'b'), { type: 'startVm', service: 'web', name: 'a' });
    sim.advanceTo(3 * LATER);
    const now = findVm(sim.world, 'web', 'a');
    expect(now?.state).toBe('ReadyRole');
    expect(old.dip).toBe('10.1.1.4');
    expect(findVm(sim.world, 'web', 'b')?.dip).toBe('10.1.1.4');
    expect(now?.dip).toBe('10.1.1.5');
    expect(now?.mac).not.toBe(old.mac);
    expect(findService(sim.world, 'web')?.vips.production).not.toBe(oldVip);
  });

  it('a deallocated VM cannot start once its subnet filled up meanwhile (subnet-full), and the refusal changes nothing', () => {
    const sim = setUp(...['a', 'b', 'c'].map((n) => frontEndVm('web', n, { subnet: 'BackEnd' })));
    sim.advanceTo(LATER);
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'a' });
    sim.advanceTo(2 * LATER);
    mustExecute(sim, frontEndVm('web', 'd', { subnet: 'BackEnd' }));
    const before = serializeWorld(sim.world);
    const result = sim.execute({ type: 'startVm', service: 'web', name: 'a' });
    expect(result.ok ? 'accepted' : result.diagnostic.rule).toBe('subnet-full');
    expect(result.ok ? '' : result.diagnostic.message).toContain("VM 'a' cannot start");
    expect(serializeWorld(sim.world)).toBe(before);
  });

  it('a static DIP survives deallocation', () => {
    const sim = setUp(frontEndVm('web', 'dc', { staticIp: '10.1.1.10' }));
    sim.advanceTo(LATER);
    mustExecute(sim, { type: 'stopVm', service: 'web', name: 'dc' });
    sim.advanceTo(2 * LATER);
    expect(findVm(sim.world, 'web', 'dc')).toMatchObject({ state: 'StoppedDeallocated', dip: '10.1.1.10', isStatic: true });
    mustExecute(sim, { type: 'startVm', service: 'web', name: 'dc' });
    sim.advanceTo(3 * LATER);
    expect(findVm(sim.world, 'web', 'dc')).toMatchObject({ state: 'ReadyRole', dip: '10.1.1.10' });
  });

  it('setStaticIp moves the DIP and pins it; removeStaticIp keeps the address but makes it dynamic', () => {
    const sim = setUp(frontEndVm('web', 'a'));
    mustExecute(sim, { type: 'setStaticIp', service: 'web', name: 'a', ip: '10.1.1.50' });
    expect(findVm(sim.world, 'web', 'a')).toMatchObject({ dip: '10.1.1.50', isStatic: true });
    expect(ownersOf(sim.world.vnets.CorpNet?.subnets.FrontEnd?.allocations)).toEqual([['10.1.1.50', 'web/a']]);
    mustExecute(sim, { type: 'removeStaticIp', service: 'web', name: 'a' });
    expect(findVm(sim.world, 'web', 'a')).toMatchObject({ dip: '10.1.1.50', isStatic: false });
  });

  it('restart goes through RestartingRole back to ReadyRole; a failed start ends in FailedStartingVM and can be retried', () => {
    const sim = setUp(windowsVm('other', 'a'));
    sim.advanceTo(LATER);
    mustExecute(sim, { type: 'restartVm', service: 'other', name: 'a' });
    sim.advanceTo(LATER + P.restartMs);
    expect(statesOf(sim, 'other', 'a').slice(-2)).toEqual([`${LATER}:RestartingRole`, `${LATER + P.restartMs}:ReadyRole`]);
    mustExecute(sim, { type: 'stopVm', service: 'other', name: 'a', stayProvisioned: true });
    sim.advanceTo(2 * LATER);
    mustExecute(sim, { type: 'startVm', service: 'other', name: 'a', outcome: 'FailedStartingVM' });
    sim.advanceTo(3 * LATER);
    expect(findVm(sim.world, 'other', 'a')?.state).toBe('FailedStartingVM');
    mustExecute(sim, { type: 'startVm', service: 'other', name: 'a' });
    sim.advanceTo(4 * LATER);
    expect(findVm(sim.world, 'other', 'a')?.state).toBe('ReadyRole');
  });
});

describe('deleting VMs', () => {
  it('keeps the disk, releases its lease a little later, then the disk can boot a new VM', () => {
    const sim = setUp(diskVm('other', 'dc1', 'dc-os'));
    sim.advanceTo(LATER);
    mustExecute(sim, { type: 'deleteVm', service: 'other', name: 'dc1' });
    expect(sim.world.disks.get('dc-os')?.lease).toMatchObject({ vm: 'dc1' });
    sim.advanceTo(LATER + P.diskLeaseReleaseMs);
    expect(sim.world.disks.get('dc-os')).toMatchObject({ lease: null });
    mustExecute(sim, diskVm('other', 'dc2', 'dc-os'));
    expect(sim.world.disks.get('dc-os')?.lease).toMatchObject({ vm: 'dc2' });
  });

  it('deletes the disk too with -DeleteVHD, once the lease is gone', () => {
    const sim = setUp(windowsVm('other', 'a'), windowsVm('other', 'b'));
    mustExecute(sim, { type: 'deleteVm', service: 'other', name: 'a', deleteVhd: true });
    expect(sim.world.disks.get('other-a-0')).toBeDefined();
    sim.advanceTo(P.diskLeaseReleaseMs);
    expect(sim.world.disks.get('other-a-0')).toBeUndefined();
    expect(sim.events.slice(-2).map((e) => e.type)).toEqual(['disk.released', 'disk.deleted']);
  });

  it('the last VM takes the deployment and the VIP with it, leaving an empty service that may redeploy anywhere', () => {
    const sim = setUp(windowsVm('web', 'a'));
    mustExecute(sim, { type: 'deleteVm', service: 'web', name: 'a' });
    expect(findService(sim.world, 'web')).toMatchObject({ kind: null, deployments: { production: null }, vips: { production: null } });
    expect(sim.world.publicIps).toEqual({});
    mustExecute(sim, frontEndVm('web', 'b'));
    expect(findVm(sim.world, 'web', 'b')?.vnet).toBe('CorpNet');
  });

  it('ignores timers of a deleted VM even when a VM of the same name comes back', () => {
    const sim = setUp(windowsVm('other', 'a'));
    mustExecute(sim, { type: 'deleteVm', service: 'other', name: 'a' });
    sim.advanceTo(60_000);
    mustExecute(sim, windowsVm('other', 'a'));
    sim.advanceTo(P.windowsProvisionMs);
    expect(findVm(sim.world, 'other', 'a')?.state).toBe('Provisioning');
    sim.advanceTo(60_000 + P.windowsProvisionMs);
    expect(findVm(sim.world, 'other', 'a')?.state).toBe('ReadyRole');
  });
});
