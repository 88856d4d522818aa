import { describe, expect, it } from 'vitest';
import {
  decideAddRole, decideCreateDeployment, decideCreateHostedService, decideDeleteDeployment, decideDeleteHostedService,
  decideDeleteRole, decideRoleOperation, decideUpdateRole, describeDeploymentStatus, describeVipName,
  type CreateDeploymentRequest,
} from '../../src/asm/index.js';
import { findDipHolder, findVm, listServiceVms } from '../../src/sim/index.js';
import { apply, linuxRole, startSubscription, type Subscription } from './compute-helpers.js';

const CTX = { nowMs: 0, requestId: 'ffc239393180bce6bee2c9668f31048b' };

function createService(sub: Subscription, name: string): void {
  const applied = apply(sub, decideCreateHostedService(sub.sim.world, { serviceName: name, label: name, description: null, location: null, affinityGroup: 'CorpAG', extendedProperties: {} }, 0));
  expect(applied.kind).toBe('accepted');
}

function vmDeployment(roles = [linuxRole('web1', { subnetNames: ['Subnet-1'], staticIp: '10.4.0.10', endpoints: [{ name: 'ssh', protocol: 'tcp', port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }] })]): CreateDeploymentRequest {
  return { name: 'svc1', slot: 'Production', label: 'svc1', roles, virtualNetworkName: 'CorpNet' };
}

describe('hosted services', () => {
  it.each([
    ['an invalid name', '-bad', 400, 'The hosted service name is invalid.'],
    ['a name already taken', 'svc1', 409, 'The specified DNS name is already taken: svc1.cloudapp.net. Pick another service name.'],
  ])('refuses %s with the platform error, changing nothing', (_what, name, status, message) => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    const before = JSON.stringify(sub.sim.world);
    const applied = apply(sub, decideCreateHostedService(sub.sim.world, { serviceName: name, label: '', description: null, location: 'West US', affinityGroup: null, extendedProperties: {} }, 0));
    expect(applied).toEqual({ kind: 'refused', error: { status, code: status === 400 ? 'BadRequest' : 'ConflictError', message } });
    expect(JSON.stringify(sub.sim.world)).toBe(before);
  });

  it('deletes an empty service synchronously and refuses an unknown one with 404', () => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    expect(apply(sub, decideDeleteHostedService(sub.sim.world, sub.records, 'svc1', false)).kind).toBe('accepted');
    expect(sub.sim.world.services.svc1).toBeUndefined();
    expect(apply(sub, decideDeleteHostedService(sub.sim.world, sub.records, 'svc1', false))).toMatchObject({ kind: 'refused', error: { status: 404, message: 'The hosted service does not exist.' } });
  });
});

describe('VM deployments', () => {
  it('creates exactly the requested endpoints, subnet and static IP, InProgress until the role is ReadyRole', () => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    const applied = apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', vmDeployment(), CTX));
    if (applied.kind !== 'accepted') throw new Error(JSON.stringify(applied));
    const vm = findVm(sub.sim.world, 'svc1', 'web1');
    expect(vm).toMatchObject({ subnet: 'Subnet-1', dip: '10.4.0.10', isStatic: true, vnet: 'CorpNet' });
    expect(Object.values(vm?.endpoints ?? {}).map((e) => [e.name, e.publicPort, e.privatePort])).toEqual([['ssh', 22, 22]]);
    expect(sub.sim.world.images['b39f27a8b8c64d52b05eac6a62ebad85__Ubuntu-14_04_2-LTS-amd64-server-20150706-en-us-30GB']).toEqual(expect.objectContaining({ os: 'Linux' }));
    expect(applied.outcome()).toBeUndefined();
    sub.sim.advanceTo(60 * 60_000);
    expect(findVm(sub.sim.world, 'svc1', 'web1')?.state).toBe('ReadyRole');
    expect(applied.outcome()).toEqual({ status: 'succeeded' });
    expect(sub.records.deployments.svc1?.privateId).toBe('ffc239393180bce6bee2c9668f31048b');
    expect(describeVipName(listServiceVms(sub.sim.world, 'svc1'), 'svc1')).toBe('svc1ContractContract');
  });

  it('accepts a public port used twice and fails the operation as DOCKDUP recorded, changing nothing', () => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    const ssh = { name: 'ssh', protocol: 'tcp' as const, port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] };
    const before = JSON.stringify(sub.sim.world);
    const applied = apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', vmDeployment([linuxRole('a', { subnetNames: ['Subnet-1'], endpoints: [ssh] }), linuxRole('b', { subnetNames: ['Subnet-1'], endpoints: [{ ...ssh, name: 'ssh2' }] })]), CTX));
    expect(applied).toEqual({ kind: 'failed', error: { status: 400, code: 'BadRequest', message: 'Port 22 is already in use by one of the endpoints in this deployment. Ensure that the port numbers are unique across endpoints within a deployment.' } });
    expect(JSON.stringify(sub.sim.world)).toBe(before);
  });

  it.each([
    ['an unknown service', 'nosvc', vmDeployment(), 404, 'The hosted service does not exist.'],
    ['the Staging slot', 'svc1', { ...vmDeployment(), slot: 'Staging' }, 400, "The deployment slot 'Staging' is not valid for virtual machines. The only allowable value is Production."],
    ['an unknown image', 'svc1', vmDeployment([linuxRole('x', { sourceImageName: 'no-such-image' })]), 404, 'The image no-such-image does not exist.'],
    ['an unknown subnet', 'svc1', vmDeployment([linuxRole('x', { subnetNames: ['Nope'] })]), 404, "Virtual network 'CorpNet' has no subnet 'Nope'; pick one of 'Subnet-1', 'Subnet-2'."],
  ])('refuses %s', (_what, service, request, status, message) => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    expect(apply(sub, decideCreateDeployment(sub.sim.world, sub.records, service, request, CTX))).toMatchObject({ kind: 'refused', error: { status, message } });
    expect(sub.sim.world.services.svc1?.deployments.production).toBeNull();
  });

  it('refuses a role the engine refuses after its gallery image, registering nothing (the request is all or nothing)', () => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    const before = JSON.stringify(sub.sim.world);
    const events = sub.sim.events.length;
    const request = vmDeployment([linuxRole('web1', { subnetNames: ['Subnet-1'], staticIp: '10.4.1.10' })]);
    expect(apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', request, CTX))).toMatchObject({ kind: 'refused', error: { status: 400 } });
    expect(Object.keys(sub.sim.world.images)).toEqual([]);
    expect(JSON.stringify(sub.sim.world)).toBe(before);
    expect(sub.sim.events).toHaveLength(events + 1);
    expect(sub.sim.events.at(-1)?.type).toBe('command.refused');
  });

  it('refuses a second deployment with the exclusive-access conflict', () => {
    const sub = startSubscription();
    createService(sub, 'svc1');
    apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', vmDeployment(), CTX));
    expect(apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', vmDeployment(), CTX))).toMatchObject({ kind: 'refused', error: { status: 409, code: 'ConflictError' } });
  });
});

describe('roles', () => {
  function deployed(): Subscription {
    const sub = startSubscription();
    createService(sub, 'svc1');
    apply(sub, decideCreateDeployment(sub.sim.world, sub.records, 'svc1', vmDeployment(), CTX));
    sub.sim.advanceTo(60 * 60_000);
    return sub;
  }

  it('refuses deleting the only role as MAINT recorded', () => {
    const sub = deployed();
    expect(apply(sub, decideDeleteRole(sub.sim.world, 'svc1', 'svc1', 'web1', true))).toMatchObject({
      kind: 'refused',
      error: { status: 400, message: 'Role web1 is the only role present in the deployment and so cannot be removed. Please delete the deployment or add another role before removing this role.' },
    });
  });

  it('adds a second role, whose duplicate public port fails its operation', () => {
    const sub = deployed();
    const clash = linuxRole('web2', { subnetNames: ['Subnet-1'], endpoints: [{ name: 'ssh', protocol: 'tcp', port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }] });
    expect(apply(sub, decideAddRole(sub.sim.world, 'svc1', 'svc1', clash, CTX)).kind).toBe('failed');
    const added = apply(sub, decideAddRole(sub.sim.world, 'svc1', 'svc1', { ...clash, endpoints: [] }, CTX));
    expect(added.kind).toBe('accepted');
    expect(Object.keys(findVm(sub.sim.world, 'svc1', 'web2')?.endpoints ?? {})).toEqual([]);
    expect(findVm(sub.sim.world, 'svc1', 'web2')?.dip).toBe('10.4.0.4');
    expect(apply(sub, decideDeleteRole(sub.sim.world, 'svc1', 'svc1', 'web2', false)).kind).toBe('accepted');
    expect(sub.sim.world.disks.get('svc1-web2-0')?.lease).toMatchObject({ vm: 'web2' });
  });

  it('PUT role replaces endpoints and the static IP with what was sent', () => {
    const sub = deployed();
    const role = linuxRole('web1', { subnetNames: ['Subnet-1'], endpoints: [{ name: 'http', protocol: 'tcp', port: 80, localPort: 8080, loadBalancedEndpointSetName: undefined, acl: [] }] });
    expect(apply(sub, decideUpdateRole(sub.sim.world, 'svc1', 'svc1', 'web1', role)).kind).toBe('accepted');
    const vm = findVm(sub.sim.world, 'svc1', 'web1');
    expect(Object.values(vm?.endpoints ?? {}).map((e) => [e.name, e.publicPort, e.privatePort])).toEqual([['http', 80, 8080]]);
    expect(vm?.isStatic).toBe(false);
    expect(apply(sub, decideUpdateRole(sub.sim.world, 'svc1', 'svc1', 'web1', { ...role, staticIp: '10.4.0.20' })).kind).toBe('accepted');
    expect(findVm(sub.sim.world, 'svc1', 'web1')).toMatchObject({ dip: '10.4.0.20', isStatic: true });
  });

  it.each([
    ['a new subnet: a dynamic DIP there, the static IP of the old one left behind', { subnetNames: ['Subnet-2'], staticIp: undefined }, { subnet: 'Subnet-2', dip: '10.4.1.4', isStatic: false, size: 'Small' }],
    ['a new subnet with a static IP inside it', { subnetNames: ['Subnet-2'], staticIp: '10.4.1.20' }, { subnet: 'Subnet-2', dip: '10.4.1.20', isStatic: true, size: 'Small' }],
    ['a new size', { subnetNames: ['Subnet-1'], staticIp: '10.4.0.10', roleSize: 'Medium' }, { subnet: 'Subnet-1', dip: '10.4.0.10', isStatic: true, size: 'Medium' }],
    ['a new size and subnet', { subnetNames: ['Subnet-2'], staticIp: undefined, roleSize: 'Large' }, { subnet: 'Subnet-2', dip: '10.4.1.4', isStatic: false, size: 'Large' }],
  ])('PUT role with %s restarts the running role; the operation ends when it is ReadyRole again', (_what, change, expected) => {
    const sub = deployed();
    const role = linuxRole('web1', { endpoints: [{ name: 'ssh', protocol: 'tcp', port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }], ...change });
    const applied = apply(sub, decideUpdateRole(sub.sim.world, 'svc1', 'svc1', 'web1', role));
    if (applied.kind !== 'accepted') throw new Error(JSON.stringify(applied));
    expect(findVm(sub.sim.world, 'svc1', 'web1')).toMatchObject({ ...expected, state: 'RestartingRole' });
    expect(applied.outcome()).toBeUndefined();
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    expect(findVm(sub.sim.world, 'svc1', 'web1')).toMatchObject({ ...expected, state: 'ReadyRole' });
    expect(applied.outcome()).toEqual({ status: 'succeeded' });
    const pool = sub.sim.world.vnets['CorpNet']?.subnets['Subnet-1']?.allocations;
    expect(pool === undefined ? 'no pool' : findDipHolder(pool, '10.4.0.10')).toBe(expected.dip === '10.4.0.10' ? 'svc1/web1' : undefined);
  });

  it.each([
    ['a static IP outside the new subnet', { subnetNames: ['Subnet-2'], staticIp: '10.4.0.10' }, 400, 'dip-outside-subnet'],
    ['a subnet the VNet does not have', { subnetNames: ['Nope'], staticIp: undefined }, 404, 'unknown-subnet'],
    ['the GatewaySubnet', { subnetNames: ['GatewaySubnet'], staticIp: undefined }, 400, 'gateway-subnet-reserved'],
    ['a resize to A8 (compute-lifecycle.md §4.2)', { subnetNames: ['Subnet-1'], staticIp: '10.4.0.10', roleSize: 'A8' }, 400, 'resize-to-compute-intensive'],
  ])('PUT role with %s is refused (%i) and changes nothing', (_what, change, status, code) => {
    const sub = deployed();
    const before = JSON.stringify(sub.sim.world);
    const role = linuxRole('web1', { endpoints: [{ name: 'ssh', protocol: 'tcp', port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }], ...change });
    expect(apply(sub, decideUpdateRole(sub.sim.world, 'svc1', 'svc1', 'web1', role))).toMatchObject({ kind: 'refused', error: { status } });
    expect(sub.sim.events.at(-1)).toMatchObject({ type: 'command.refused', code });
    expect(JSON.stringify(sub.sim.world)).toBe(before);
  });

  it('PUT role with a new size and subnet on a deallocated role applies them at its next start', () => {
    const sub = deployed();
    apply(sub, decideRoleOperation(sub.sim.world, 'svc1', 'svc1', 'web1', { kind: 'shutdown', postShutdownAction: 'StoppedDeallocated' }, CTX));
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    const role = linuxRole('web1', { subnetNames: ['Subnet-2'], roleSize: 'Medium', endpoints: [{ name: 'ssh', protocol: 'tcp', port: 22, localPort: 22, loadBalancedEndpointSetName: undefined, acl: [] }] });
    const applied = apply(sub, decideUpdateRole(sub.sim.world, 'svc1', 'svc1', 'web1', role));
    if (applied.kind !== 'accepted') throw new Error(JSON.stringify(applied));
    expect(applied.outcome()).toEqual({ status: 'succeeded' });
    expect(findVm(sub.sim.world, 'svc1', 'web1')).toMatchObject({ state: 'StoppedDeallocated', subnet: 'Subnet-2', size: 'Medium', dip: null });
    apply(sub, decideRoleOperation(sub.sim.world, 'svc1', 'svc1', 'web1', { kind: 'start' }, { ...CTX, nowMs: sub.sim.clock.now() }));
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    expect(findVm(sub.sim.world, 'svc1', 'web1')).toMatchObject({ state: 'ReadyRole', subnet: 'Subnet-2', dip: '10.4.1.4' });
  });

  it('shutdown with StoppedDeallocated suspends the deployment; start runs it again', () => {
    const sub = deployed();
    const stop = apply(sub, decideRoleOperation(sub.sim.world, 'svc1', 'svc1', 'web1', { kind: 'shutdown', postShutdownAction: 'StoppedDeallocated' }, { ...CTX, nowMs: sub.sim.clock.now() }));
    if (stop.kind !== 'accepted') throw new Error('shutdown refused');
    expect(stop.outcome()).toBeUndefined();
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    expect(stop.outcome()).toEqual({ status: 'succeeded' });
    expect(describeDeploymentStatus(sub.sim.world, 'svc1')).toBe('Suspended');
    const start = apply(sub, decideRoleOperation(sub.sim.world, 'svc1', 'svc1', 'web1', { kind: 'start' }, { ...CTX, nowMs: sub.sim.clock.now() }));
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    expect(start.kind === 'accepted' && start.outcome()).toEqual({ status: 'succeeded' });
    expect(describeDeploymentStatus(sub.sim.world, 'svc1')).toBe('Running');
  });

  it('deleting the deployment leaves the OS disk leased, then released', () => {
    const sub = deployed();
    expect(apply(sub, decideDeleteDeployment(sub.sim.world, 'svc1', 'svc1', false)).kind).toBe('accepted');
    expect(sub.sim.world.services.svc1?.deployments.production).toBeNull();
    expect(sub.sim.world.disks.get('svc1-web1-0')?.lease).toMatchObject({ service: 'svc1', vm: 'web1' });
    sub.sim.advanceTo(sub.sim.clock.now() + 10 * 60_000);
    expect(sub.sim.world.disks.get('svc1-web1-0')?.lease).toBeNull();
    expect(sub.records.deployments.svc1).toBeUndefined();
  });
});
