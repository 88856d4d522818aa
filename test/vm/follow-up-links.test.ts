import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { findVm, type Command, type World } from '../../src/sim/index.js';
import {
  applyComputeEvent, decideComputeCommand, decideFollowUp, DEFAULT_COMPUTE_LIMITS, DEFAULT_COMPUTE_PROFILE,
  type ComputeEventBody, type DecideContext, type FollowUpAction,
} from '../../src/vm/index.js';
import { lookUpLinkedVm } from '../../src/vm/vm-table.js';
import { BASE_SETUP, linuxVm, windowsVm } from '../sim/fixtures.js';
import { mustExecute, startSimulation } from '../sim/helpers.js';

// A VM transition's follow-up carries a link to the VM's record so that its completion skips the VM table. The link
// is a cache: whatever happened in between (the VM deleted and created again, other VMs removed, the world copied, other
// follow-ups fired), the VM it answers is the one the table finds under the follow-up's names.

const SERVICES = ['other', 'api'] as const;
const VMS = ['a', 'b', 'c'] as const;

type Step =
  | { kind: 'command'; command: Command }
  | { kind: 'fire'; pick: number }
  | { kind: 'copy' };

const nameArb = fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS) });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: nameArb.chain(({ service, vm }) => fc.constantFrom<Command>(
      linuxVm(service, vm),
      windowsVm(service, vm),
      { type: 'deleteVm', service, name: vm },
      { type: 'stopVm', service, name: vm },
      { type: 'startVm', service, name: vm },
      { type: 'restartVm', service, name: vm },
    )).map((command): Step => ({ kind: 'command', command })),
  },
  { weight: 2, arbitrary: fc.nat().map((pick): Step => ({ kind: 'fire', pick })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'copy' }) },
);

/** A deterministic context: nothing here depends on which address or port a VM gets. */
function createContext(): DecideContext {
  let next = 0;
  return {
    nowMs: 0,
    profile: DEFAULT_COMPUTE_PROFILE,
    limits: DEFAULT_COMPUTE_LIMITS,
    pickPublicIp: () => `23.0.0.${++next}`,
    pickPublicPort: (isTaken) => {
      let port = 49_152;
      while (isTaken(port)) port++;
      return port;
    },
    pickMac: () => '00-15-5D-00-00-01',
    pickFabricPrefix: () => '10.200.0.0/22',
    drawDurationMs: (range) => range.medianMs,
  };
}

function apply(world: World, events: readonly ComputeEventBody[], timeMs: number): void {
  for (const event of events) applyComputeEvent(world, event, timeMs);
}

test.prop([fc.array(stepArb, { minLength: 10, maxLength: 60 })], { numRuns: 200 })('a follow-up’s link answers the VM the table finds', (steps) => {
  const sim = startSimulation();
  mustExecute(sim, ...BASE_SETUP);
  let world = sim.world;
  const ctx = createContext();
  const pending: FollowUpAction[] = [];
  for (const step of steps) {
    ctx.nowMs += 1_000;
    if (step.kind === 'copy') world = structuredClone(world);
    else if (step.kind === 'fire') {
      const action = pending.splice(step.pick % Math.max(1, pending.length), 1)[0];
      if (action !== undefined) apply(world, decideFollowUp(world, action), ctx.nowMs);
    } else if (step.command.type !== 'setNetworkConfig') {
      const decision = decideComputeCommand(world, step.command as Parameters<typeof decideComputeCommand>[1], ctx);
      if (decision.ok) {
        apply(world, decision.events, ctx.nowMs);
        for (const followUp of decision.followUps) pending.push(followUp.action);
      }
    }
    for (const action of pending) {
      if (action.type !== 'completeVmTransition') continue;
      const found = findVm(world, action.service, action.vm);
      expect(lookUpLinkedVm(world.vms, action)).toBe(found);
    }
  }
});
