import { describe, expect, it } from 'vitest';
import type { DurationRange } from '../../src/common/index.js';
import { DEFAULT_SIM_PROFILE, type Command, type Simulation, type SimProfile } from '../../src/sim/index.js';
import { BASE_SETUP, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

const SEEDS = Array.from({ length: 120 }, (_, i) => i);
const SETTLED_MS = 60 * 60_000;

/** A VM that is ReadyRole at SETTLED_MS, so the operation under test starts from a settled world. */
function settledVm(seed: number): Simulation {
  const sim = startSimulation({ seed });
  mustExecute(sim, ...BASE_SETUP, windowsVm('other', 'a'));
  sim.advanceTo(SETTLED_MS);
  return sim;
}

/** How long the VM took from the command to the state the operation ends in. */
function measure(seed: number, setUp: (seed: number) => Simulation, command: Command, endState: string): number {
  const sim = setUp(seed);
  const startMs = sim.clock.now();
  mustExecute(sim, command);
  sim.advanceTo(startMs + SETTLED_MS);
  const done = [...sim.events].find((e) => e.type === 'vm.stateChanged' && e.vm === 'a' && e.to === endState && e.time >= startMs);
  if (done === undefined) throw new Error(`never reached ${endState}`);
  return done.time - startMs;
}

const freshWorld = (seed: number): Simulation => {
  const sim = startSimulation({ seed });
  mustExecute(sim, ...BASE_SETUP);
  return sim;
};
const deallocatedVm = (seed: number): Simulation => {
  const sim = settledVm(seed);
  mustExecute(sim, { type: 'stopVm', service: 'other', name: 'a' });
  sim.advanceTo(2 * SETTLED_MS);
  return sim;
};

/** Each timed VM operation, the profile range it draws from (asm-recorded.md §8), and how to run it. */
const OPERATIONS: { name: string; field: keyof SimProfile; setUp: (seed: number) => Simulation; command: Command; endState: string }[] = [
  { name: 'a Windows VM from an image reaches ReadyRole', field: 'windowsProvisionMs', setUp: freshWorld, command: windowsVm('other', 'a'), endState: 'ReadyRole' },
  { name: 'a Linux VM from an image reaches ReadyRole', field: 'linuxProvisionMs', setUp: freshWorld, command: linuxVm('other', 'a'), endState: 'ReadyRole' },
  { name: 'a stop (StayProvisioned) reaches StoppedVM', field: 'stopMs', setUp: settledVm, command: { type: 'stopVm', service: 'other', name: 'a', stayProvisioned: true }, endState: 'StoppedVM' },
  { name: 'a deallocating stop reaches StoppedDeallocated', field: 'deallocateMs', setUp: settledVm, command: { type: 'stopVm', service: 'other', name: 'a' }, endState: 'StoppedDeallocated' },
  { name: 'a start from deallocated reaches ReadyRole', field: 'startMs', setUp: deallocatedVm, command: { type: 'startVm', service: 'other', name: 'a' }, endState: 'ReadyRole' },
];

describe('VM operation times are drawn within the live API’s recorded ranges', () => {
  it.each(OPERATIONS)('$name within $field, half below the median, the same per seed', ({ field, setUp, command, endState }) => {
    const range = DEFAULT_SIM_PROFILE[field] as DurationRange;
    const times = SEEDS.map((seed) => measure(seed, setUp, command, endState));
    for (const ms of times) {
      expect(ms).toBeGreaterThanOrEqual(range.minMs);
      expect(ms).toBeLessThanOrEqual(range.maxMs);
    }
    const atOrBelowMedian = times.filter((ms) => ms <= range.medianMs).length / times.length;
    expect(atOrBelowMedian).toBeGreaterThan(0.3);
    expect(atOrBelowMedian).toBeLessThan(0.7);
    expect(new Set(times).size).toBeGreaterThan(SEEDS.length / 2);
    expect(SEEDS.slice(0, 5).map((seed) => measure(seed, setUp, command, endState))).toEqual(times.slice(0, 5));
  });

  it('puts ReadyRole about four minutes after the create, as recorded (median ≈ 230 s)', () => {
    expect(DEFAULT_SIM_PROFILE.windowsProvisionMs).toEqual({ minMs: 118_000, medianMs: 230_000, maxMs: 475_000 });
    expect(DEFAULT_SIM_PROFILE.linuxProvisionMs).toEqual(DEFAULT_SIM_PROFILE.windowsProvisionMs);
  });
});
