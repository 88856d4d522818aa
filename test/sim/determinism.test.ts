import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applyEvent, checkInvariants, findVm, createWorld, checkEventLog, formatEventLine, replayEvents, serializeWorld, type Command, type SimEvent, type Simulation } from '../../src/sim/index.js';
import { BASE_SETUP, diskVm, frontEndVm, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

const SERVICES = ['web', 'web2', 'other', 'api'] as const;
const VMS = ['a', 'b', 'c', 'd'] as const;

// A small universe so random sequences collide often: same names, same disks, the /29 that fills up.
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), subnet: fc.constantFrom('FrontEnd', 'BackEnd'), staticIp: fc.option(fc.constantFrom('10.1.1.4', '10.1.1.9', '10.1.2.5'), { nil: undefined }) })
    .map(({ service, name, subnet, staticIp }) => frontEndVm(service, name, { subnet, ...(staticIp === undefined ? {} : { staticIp }) })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS) }).map(({ service, name }) => linuxVm(service, name)),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), disk: fc.constantFrom('dc-os', 'lx-os') }).map(({ service, name, disk }) => diskVm(service, name, disk)),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), stayProvisioned: fc.boolean() }).map((c): Command => ({ type: 'stopVm', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS) }).map((c): Command => ({ type: 'startVm', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), deleteVhd: fc.boolean() }).map((c): Command => ({ type: 'deleteVm', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), ip: fc.constantFrom('10.1.1.4', '10.1.1.20', '10.1.2.6') }).map((c): Command => ({ type: 'setStaticIp', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS), publicPort: fc.constantFrom(22, 80, 443) }).map((c): Command => ({ type: 'addEndpoint', ...c, name: `ep${c.publicPort}`, protocol: 'tcp', privatePort: 80, loadBalancedSet: c.publicPort === 80 ? 'lb' : undefined })),
  fc.constantFrom<Command>(
    { type: 'deleteDisk', name: 'dc-os' },
    { type: 'createDeployment', service: 'api', slot: 'staging', roles: [{ name: 'W', kind: 'worker', instances: 2 }] },
    { type: 'swapVip', service: 'api' },
    { type: 'deleteDeployment', service: 'api', slot: 'production' },
    windowsVm('other', 'w'),
  ),
);

const stepArb = fc.oneof(
  { weight: 4, arbitrary: commandArb.map((command) => ({ kind: 'command' as const, command })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 * 60_000 }).map((ms) => ({ kind: 'advance' as const, ms })) },
);

type Step = { kind: 'command'; command: Command } | { kind: 'advance'; ms: number };

function run(steps: readonly Step[], seed: number, keepsEventLog = true): Simulation {
  const sim = startSimulation({ seed, keepsEventLog });
  mustExecute(sim, ...BASE_SETUP);
  let now = 0;
  for (const step of steps) {
    if (step.kind === 'advance') sim.advanceTo((now += step.ms));
    else sim.execute(step.command);
  }
  sim.advanceTo(now + 3_600_000);
  return sim;
}

// Runs the base setup then `steps` on several simulations at once: each advance moves every clock, each command goes to `apply`.
function stepTogether(sims: readonly Simulation[], steps: readonly Step[], apply: (command: Command) => void): void {
  let now = 0;
  for (const step of [...BASE_SETUP.map((command): Step => ({ kind: 'command', command })), ...steps]) {
    if (step.kind === 'command') apply(step.command);
    else {
      now += step.ms;
      for (const sim of sims) sim.advanceTo(now);
    }
  }
}

// Oracle for dynamic allocation: the lowest usable address that no VM (by brute force over all VMs) holds.
function lowestFreeByBruteForce(sim: Simulation, subnet: string, base: string, size: number, excluding: string): string {
  const held = new Set([...sim.world.vms.inCreationOrder].filter((vm) => vm.subnet === subnet && `${vm.service}/${vm.name}` !== excluding).map((vm) => vm.dip));
  for (let host = 4; host < size - 1; host++) if (!held.has(`${base}.${host}`)) return `${base}.${host}`;
  return 'full';
}

describe('determinism, replay and invariants', () => {
  test.prop([fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: 0, max: 1_000 })], { numRuns: 60 })(
    'random command sequences keep the invariants after every event, and the log replays to the same world',
    (steps, seed) => {
      const sim = run(steps, seed);
      const folded = createWorld();
      for (const event of sim.events) {
        applyEvent(folded, event);
        expect(checkInvariants(folded), `after event ${event.seq} ${event.type}`).toEqual([]);
      }
      expect(checkInvariants(sim.world)).toEqual([]);
      expect(serializeWorld(replayEvents(sim.events))).toBe(serializeWorld(sim.world));
      const again = run(steps, seed);
      expect([...again.events].map(formatEventLine)).toEqual([...sim.events].map(formatEventLine));
    },
  );

  test.prop([fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 0, max: 1_000 })], { numRuns: 30 })(
    'a simulation that keeps no event log ends in the same world, its events numbered and delivered the same, none kept',
    (steps, seed) => {
      const seen = (sim: Simulation): string[] => {
        const lines: string[] = [];
        sim.subscribe((event) => lines.push(formatEventLine(event)));
        return lines;
      };
      const kept = startSimulation({ seed });
      const unkept = startSimulation({ seed, keepsEventLog: false });
      const [keptLines, unkeptLines] = [seen(kept), seen(unkept)];
      stepTogether([kept, unkept], steps, (command) => expect(unkept.execute(command)).toEqual(kept.execute(command)));
      expect(unkeptLines).toEqual(keptLines);
      expect([...unkept.events]).toEqual([]);
      expect(serializeWorld(unkept.world)).toBe(serializeWorld(kept.world));
      expect(serializeWorld(replayEvents(kept.events))).toBe(serializeWorld(unkept.world));
    },
  );

  test.prop([fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 0, max: 1_000 })], { numRuns: 30 })(
    'submit applies a command as execute does (same log, world and refusal) and hands back only the refusal',
    (steps, seed) => {
      const executed = startSimulation({ seed });
      const submitted = startSimulation({ seed });
      stepTogether([executed, submitted], steps, (command) => {
        const result = executed.execute(command);
        expect(submitted.submit(command)).toEqual(result.ok ? undefined : result);
      });
      expect([...submitted.events].map(formatEventLine)).toEqual([...executed.events].map(formatEventLine));
      expect(serializeWorld(submitted.world)).toBe(serializeWorld(executed.world));
    },
  );

  test.prop([fc.array(commandArb, { maxLength: 40 })], { numRuns: 60 })('a new dynamic DIP is always the lowest address no VM holds', (commands) => {
    const sim = startSimulation();
    mustExecute(sim, ...BASE_SETUP);
    for (const command of commands) {
      const dynamicInVnet = command.type === 'createVm' && command.vnet !== undefined && command.staticIp === undefined;
      const result = sim.execute(command);
      if (!result.ok || !dynamicInVnet) continue;
      const [base, size] = command.subnet === 'BackEnd' ? ['10.1.2', 8] : ['10.1.1', 256];
      const dip = result.events.find((e) => e.type === 'dip.allocated')?.ip;
      expect(dip).toBe(lowestFreeByBruteForce(sim, command.subnet ?? '', base, size, `${command.service}/${command.name}`));
    }
  });

  it('gives a byte-identical log for the same seed and different VIPs, MACs and ports for another seed', () => {
    const script = [windowsVm('other', 'a'), linuxVm('other', 'b'), windowsVm('api', 'c')];
    const log = (seed: number): string[] => {
      const sim = startSimulation({ seed });
      mustExecute(sim, ...BASE_SETUP, ...script);
      sim.advanceTo(3_600_000);
      return [...sim.events].map(formatEventLine);
    };
    expect(log(7)).toEqual(log(7));
    expect(log(7)).not.toEqual(log(8));
  });

  it('formats events as JSON lines with seq, time, type first and parses them back', () => {
    const sim = startSimulation();
    mustExecute(sim, ...BASE_SETUP, windowsVm('other', 'a'));
    const line = formatEventLine(sim.events.at(-1)!);
    expect(line.startsWith('{"seq":')).toBe(true);
    expect(Object.keys(JSON.parse(line) as object).slice(0, 3)).toEqual(['seq', 'time', 'type']);
    const text = [...sim.events].map(formatEventLine).join('\n');
    const reading = checkEventLog(text);
    if (!reading.ok) expect.unreachable(`line ${reading.problem.line}: ${reading.problem.message}`);
    expect(serializeWorld(replayEvents(reading.events))).toBe(serializeWorld(sim.world));
  });

  it('puts seq, time, type first whatever order an event was built in, and keeps the payload in its own order', () => {
    const built = { vm: 'a', service: 'web', type: 'vm.deleted', time: 60_000, seq: 7 } as unknown as SimEvent;
    const ordered = { seq: 7, time: 60_000, type: 'vm.deleted', service: 'web', vm: 'a' } as unknown as SimEvent;
    const expected = '{"seq":7,"time":60000,"type":"vm.deleted","vm":"a","service":"web"}';
    expect(formatEventLine(built)).toBe(expected);
    expect(formatEventLine({ ...built, seq: 7 } as SimEvent)).toBe(expected);
    expect(formatEventLine(ordered)).toBe('{"seq":7,"time":60000,"type":"vm.deleted","service":"web","vm":"a"}');
  });

  it('starts every log with world.started, the VNets with their subnets and the local sites at t=0', () => {
    const sim = startSimulation({ scenarioName: 'hybrid' });
    expect([...sim.events].map((e) => [e.time, e.type])).toEqual([[0, 'world.started'], [0, 'vnet.defined'], [0, 'vnet.defined']]);
    expect(sim.events.at(1)).toMatchObject({ vnet: 'CorpNet', affinityGroup: 'CorpAG', subnets: [{ name: 'FrontEnd', prefix: '10.1.1.0/24' }, { name: 'BackEnd', prefix: '10.1.2.0/29' }, { name: 'GatewaySubnet', prefix: '10.1.255.0/29' }] });
    expect(sim.events.at(2)).toMatchObject({ vnet: 'RegionNet', region: 'West Europe' });
    expect(replayEvents(sim.events)).toMatchObject({ scenario: 'hybrid', era: '2014' });
  });

  it('delivers every event to subscribers in order until they unsubscribe', () => {
    const sim = startSimulation();
    const seen: number[] = [];
    const unsubscribe = sim.subscribe((e) => seen.push(e.seq));
    mustExecute(sim, ...BASE_SETUP);
    unsubscribe();
    mustExecute(sim, windowsVm('other', 'a'));
    expect(seen).toEqual(sim.events.slice(3, 3 + BASE_SETUP.length).map((e) => e.seq));
  });

  it('stop() cancels pending follow-ups', () => {
    const sim = startSimulation();
    mustExecute(sim, ...BASE_SETUP, windowsVm('other', 'a'));
    sim.stop();
    sim.advanceTo(3_600_000);
    expect(sim.events.at(-1)?.type).toBe('vm.stateChanged');
    expect(findVm(sim.world, 'other', 'a')?.state).toBe('Provisioning');
  });
});
