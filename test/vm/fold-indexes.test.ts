import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { checkInvariants, findVm, serializeWorld, listServiceVms, vmKey, type Command, type Vm, type World } from '../../src/sim/index.js';
import { isComputeIntensiveSize } from '../../src/vm/index.js';
import { listDeployedSizes, sizeMixOf } from '../../src/vm/size-mix.js';
import { formatPortNumberKey, vipPortsOf } from '../../src/vm/vip-ports.js';
import { BASE_SETUP, diskVm, linuxVm, windowsVm } from '../sim/fixtures.js';
import { mustExecute, startSimulation } from '../sim/helpers.js';

// The indexes the fold keeps must always answer as the records do: each deployment's VIP port index equals a recount of
// its VMs' endpoints, the VM table files exactly the VMs a plain `service/name` record of the creations and deletions
// would hold, in the same order, and an affinity group's size mix equals a recount of its services' deployed sizes.

const SERVICES = ['other', 'api'] as const;
const VMS = ['a', 'b', 'c', 'd'] as const;

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS), kind: fc.constantFrom('linux', 'windows', 'disk') })
    .map(({ service, vm, kind }) => (kind === 'linux' ? linuxVm(service, vm) : kind === 'windows' ? windowsVm(service, vm) : diskVm(service, vm, 'lx-os'))),
  fc.record({
    service: fc.constantFrom(...SERVICES),
    vm: fc.constantFrom(...VMS),
    name: fc.constantFrom('http', 'dns', 'app'),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const),
    publicPort: fc.option(fc.constantFrom(22, 80, 5986), { nil: undefined }),
    loadBalancedSet: fc.option(fc.constant('web'), { nil: undefined }),
  }).map(({ service, vm, name, protocol, publicPort, loadBalancedSet }): Command => ({
    type: 'addEndpoint', service, vm, name, protocol, privatePort: 8080,
    ...(publicPort === undefined ? {} : { publicPort }), ...(loadBalancedSet === undefined ? {} : { loadBalancedSet }),
  })),
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS), name: fc.constantFrom('http', 'SSH', 'RemoteDesktop', 'PowerShell') })
    .map(({ service, vm, name }): Command => ({ type: 'removeEndpoint', service, vm, name })),
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS) })
    .map(({ service, vm }): Command => ({ type: 'deleteVm', service, name: vm })),
  fc.constantFrom(...SERVICES).map((service): Command => ({ type: 'deleteDeployment', service, slot: 'production' })),
);

/** The oracle: every endpoint of the service's VMs, counted per public port. */
function recount(world: World, service: string): { holders: Map<number, number>; endpointCount: number } {
  const holders = new Map<number, number>();
  let endpointCount = 0;
  for (const vm of listServiceVms(world, service)) {
    for (const e of Object.values(vm.endpoints)) {
      const key = formatPortNumberKey(e.protocol, e.publicPort);
      holders.set(key, (holders.get(key) ?? 0) + 1);
      endpointCount++;
    }
  }
  return { holders, endpointCount };
}

test.prop([fc.array(commandArb, { maxLength: 40 })], { numRuns: 150 })('the VIP port index and the VM table match the records after any command sequence', (commands) => {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP);
  // The oracle is the shape the table replaced: a record keyed `service/name`, written from the log's events.
  const record: Record<string, Vm> = {};
  for (const command of commands) {
    const result = sim.execute(command);
    for (const event of result.ok ? result.events : []) {
      if (event.type === 'vm.created') record[vmKey(event.service, event.vm)] = findVm(sim.world, event.service, event.vm)!;
      if (event.type === 'vm.deleted') delete record[vmKey(event.service, event.vm)];
    }
    // Among them: each DIP is recorded for the VM that holds it.
    expect(checkInvariants(sim.world)).toEqual([]);
    expect([...sim.world.vms.inCreationOrder]).toEqual(Object.values(record));
    for (const service of SERVICES) {
      for (const vm of VMS) expect(findVm(sim.world, service, vm)).toBe(record[vmKey(service, vm)]);
      const deployment = sim.world.services[service]?.deployments.production;
      if (deployment == null) continue;
      const indexed = vipPortsOf(sim.world, service, deployment);
      expect({ holders: new Map(indexed.holders), endpointCount: indexed.endpointCount }).toEqual(recount(sim.world, service));
    }
  }
});

test('a copied world (a trial run’s scratch world) gets indexes of its own, built from its records', () => {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP, linuxVm('other', 'a'), windowsVm('other', 'b'));
  const deployment = sim.world.services.other!.deployments.production!;
  const live = vipPortsOf(sim.world, 'other', deployment);
  const copy = structuredClone(sim.world);
  const copied = vipPortsOf(copy, 'other', copy.services.other!.deployments.production!);
  expect(copied).not.toBe(live);
  expect(copied.endpointCount).toBe(3);
  expect(findVm(copy, 'other', 'b')).toBe([...copy.vms.inCreationOrder][1]);
  expect(findVm(copy, 'other', 'b')).not.toBe(findVm(sim.world, 'other', 'b'));
  expect(serializeWorld(sim.world)).toBe(serializeWorld(copy));
});

const GROUP_SERVICES = ['web', 'web2'] as const;
const SIZES = ['Small', 'Medium', 'A8', 'A9'] as const;
const GROUP_VMS = ['a', 'b'] as const;

const sizeCommandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ service: fc.constantFrom(...GROUP_SERVICES), vm: fc.constantFrom(...GROUP_VMS), size: fc.constantFrom(...SIZES) })
    .map(({ service, vm, size }) => linuxVm(service, vm, { size })),
  fc.record({ service: fc.constantFrom(...GROUP_SERVICES), vm: fc.constantFrom(...GROUP_VMS), size: fc.constantFrom(...SIZES) })
    .map(({ service, vm, size }): Command => ({ type: 'updateVm', service, name: vm, size })),
  fc.record({ service: fc.constantFrom(...GROUP_SERVICES), vm: fc.constantFrom(...GROUP_VMS) }).map(({ service, vm }): Command => ({ type: 'deleteVm', service, name: vm })),
  fc.record({ slot: fc.constantFrom('production' as const, 'staging' as const), size: fc.constantFrom(...SIZES) }).map(({ slot, size }): Command => ({
    type: 'createDeployment', service: 'web2', slot, roles: [{ name: 'Worker', kind: 'worker', instances: 1, size }],
  })),
  fc.constantFrom('production' as const, 'staging' as const).map((slot): Command => ({ type: 'deleteDeployment', service: 'web2', slot })),
  fc.constant<Command>({ type: 'swapVip', service: 'web2' }),
);

/** The oracle: every deployed size of the group's services, by the scan the isolation refusal uses. */
function recountGroup(world: World): { intensive: number; other: number } {
  const mix = { intensive: 0, other: 0 };
  for (const service of Object.values(world.services)) {
    if (service.affinityGroup !== 'CorpAG') continue;
    for (const size of listDeployedSizes(world, service)) {
      if (isComputeIntensiveSize(size)) mix.intensive++;
      else mix.other++;
    }
  }
  return mix;
}

// 'wait' lets the clock run 10 minutes, so VMs finish provisioning and may be resized.
test.prop([fc.array(fc.oneof(sizeCommandArb, fc.constant('wait' as const)), { minLength: 10, maxLength: 40 })], { numRuns: 300 })('an affinity group’s size mix matches a recount after any command sequence', (steps) => {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP);
  for (const step of steps) {
    if (step === 'wait') sim.advanceTo(sim.clock.now() + 600_000);
    else sim.execute(step);
    expect({ ...sizeMixOf(sim.world, 'CorpAG') }).toEqual(recountGroup(sim.world));
  }
});
