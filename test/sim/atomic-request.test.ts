import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { serializeWorld, type Command, type Simulation } from '../../src/sim/index.js';
import { BASE_SETUP, diskVm, frontEndVm, linuxVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

const SERVICES = ['web', 'web2', 'api', 'nosuch'] as const;
const VMS = ['a', 'b', 'c'] as const;

// A small universe so requests collide often: a new image then a VM from it (the gallery case), duplicate names,
// ports and static IPs, VMs in services that do not exist, the /29 that fills up.
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), subnet: fc.constantFrom('FrontEnd', 'BackEnd'), staticIp: fc.option(fc.constantFrom('10.1.1.4', '10.1.2.5', '10.9.9.9'), { nil: undefined }) })
    .map(({ service, name, subnet, staticIp }) => frontEndVm(service, name, { subnet, ...(staticIp === undefined ? {} : { staticIp }) })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), image: fc.constantFrom('ubuntu', 'gallery-ubuntu') })
    .map(({ service, name, image }) => linuxVm(service, name, { image })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), disk: fc.constantFrom('dc-os', 'lx-os') }).map(({ service, name, disk }) => diskVm(service, name, disk)),
  fc.constantFrom<Command>({ type: 'addImage', name: 'gallery-ubuntu', os: 'Linux' }, { type: 'addImage', name: 'ubuntu', os: 'Linux' }),
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS), publicPort: fc.constantFrom(22, 80) })
    .map((c): Command => ({ type: 'addEndpoint', ...c, name: `ep${c.publicPort}`, protocol: 'tcp', privatePort: 80 })),
  fc.record({ service: fc.constantFrom(...SERVICES), vm: fc.constantFrom(...VMS), name: fc.constantFrom('SSH', 'ep22') }).map((c): Command => ({ type: 'removeEndpoint', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), ip: fc.constantFrom('10.1.1.4', '10.1.1.20') }).map((c): Command => ({ type: 'setStaticIp', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), deleteVhd: fc.boolean() }).map((c): Command => ({ type: 'deleteVm', ...c })),
  fc.record({ service: fc.constantFrom(...SERVICES), name: fc.constantFrom(...VMS), size: fc.constantFrom('Medium' as const, 'A8' as const), subnet: fc.constantFrom('FrontEnd', 'BackEnd', 'Nope') })
    .map((c): Command => ({ type: 'updateVm', ...c })),
);

const requestArb = fc.record({ commands: fc.array(commandArb, { minLength: 1, maxLength: 4 }), advanceMs: fc.integer({ min: 0, max: 10 * 60_000 }) });

type Request = { commands: Command[]; advanceMs: number };

function snapshot(sim: Simulation): { world: string; log: string } {
  return { world: serializeWorld(sim.world), log: JSON.stringify(sim.events) };
}

function startWorld(): Simulation {
  const sim = startSimulation({ seed: 9 });
  mustExecute(sim, ...BASE_SETUP);
  return sim;
}

describe('a request runs all or nothing (Simulation.executeAll)', () => {
  test.prop([fc.array(requestArb, { maxLength: 25 })], { numRuns: 60 })(
    'a refused request changes neither the world nor the log, and the accepted ones alone replay to the same log',
    (requests: Request[]) => {
      const sim = startWorld();
      const accepted: Request[] = [];
      let now = 0;
      for (const request of requests) {
        sim.advanceTo((now += request.advanceMs));
        const before = snapshot(sim);
        const result = sim.executeAll(request.commands, undefined, { logsRefusal: false });
        if (result.ok) accepted.push(request);
        else expect(snapshot(sim)).toEqual(before);
      }
      // Refused requests drew nothing from the random streams either: leaving them out gives the same events.
      const again = startWorld();
      let later = 0;
      let next = 0;
      for (const request of requests) {
        again.advanceTo((later += request.advanceMs));
        if (accepted[next] !== request) continue;
        next += 1;
        expect(again.executeAll(request.commands).ok).toBe(true);
      }
      sim.advanceTo(now + 3_600_000);
      again.advanceTo(later + 3_600_000);
      expect(JSON.stringify(again.events)).toBe(JSON.stringify(sim.events));
    },
  );

  const refusedRequests: { name: string; commands: Command[]; index: number; code: string }[] = [
    { name: 'an image registered, then a VM in a service that does not exist', index: 1, code: 'unknown-service',
      commands: [{ type: 'addImage', name: 'gallery-ubuntu', os: 'Linux' }, linuxVm('nosuch', 'a', { image: 'gallery-ubuntu' })] },
    { name: 'a VM created, then an endpoint on a port its management endpoint holds', index: 2, code: 'public-port-in-use',
      commands: [linuxVm('web', 'a'), { type: 'addEndpoint', service: 'web', vm: 'a', name: 'web', protocol: 'tcp', publicPort: 80, privatePort: 80 },
        { type: 'addEndpoint', service: 'web', vm: 'a', name: 'web2', protocol: 'tcp', publicPort: 80, privatePort: 8080 }] },
    { name: 'a VM created, then the same VM again', index: 1, code: 'vm-exists', commands: [linuxVm('web', 'a'), linuxVm('web', 'a')] },
    { name: 'a VM created with a static IP outside its subnet', index: 1, code: 'dip-outside-subnet',
      commands: [{ type: 'addImage', name: 'gallery-ubuntu', os: 'Linux' }, frontEndVm('web', 'a', { staticIp: '10.1.2.5' })] },
  ];
  for (const { name, commands, index, code } of refusedRequests) {
    it(`refuses at command ${index + 1} and keeps nothing: ${name}`, () => {
      const sim = startWorld();
      const before = snapshot(sim);
      const result = sim.executeAll(commands, undefined, { logsRefusal: false });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.index).toBe(index);
      expect(result.diagnostic.rule).toBe(code);
      expect(snapshot(sim)).toEqual(before);
    });
  }

  it('logs only command.refused for a refused request when refusals are logged', () => {
    const sim = startWorld();
    const world = serializeWorld(sim.world);
    const length = sim.events.length;
    expect(sim.executeAll([{ type: 'addImage', name: 'gallery-ubuntu', os: 'Linux' }, linuxVm('nosuch', 'a', { image: 'gallery-ubuntu' })]).ok).toBe(false);
    expect(sim.events.slice(length).map((e) => e.type)).toEqual(['command.refused']);
    expect(serializeWorld(sim.world)).toBe(world);
  });

  it('refuses to trial a gateway command before other commands (it acts through the gateway host)', () => {
    const sim = startWorld();
    expect(() => sim.executeAll([{ type: 'deleteGateway', vnet: 'CorpNet' }, linuxVm('web', 'a')])).toThrow(/can only be the last/);
  });
});
