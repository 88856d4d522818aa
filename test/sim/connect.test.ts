import { describe, expect, it } from 'vitest';
import { judgeConnect } from '../../src/connect/index.js';
import { checkEventLog, formatEventLine, REFUSAL_CODES, resolveConnectParty, type Command } from '../../src/sim/index.js';
import { BASE_SETUP, linuxVm, windowsVm } from './fixtures.js';
import { mustExecute, startSimulation } from './helpers.js';

const DAY = 86_400_000;
const WORKER: Command = { type: 'createDeployment', service: 'api', slot: 'production', roles: [{ name: 'WorkerRole1', kind: 'worker', instances: 2 }] };

/** A 2012 simulation (clock from 2012-06-01) with a running worker role, a Windows VM and a Linux VM. */
function startConnectWorld(): ReturnType<typeof startSimulation> {
  const sim = startSimulation({ era: '2012' });
  mustExecute(sim, ...BASE_SETUP, WORKER, windowsVm('web', 'win1'), linuxVm('web2', 'tux1'));
  sim.advanceTo(30 * 60_000);
  return sim;
}

describe('the engine runs Connect commands through the event log', () => {
  it('folds agents, roles and groups, and the predicate reads the world', () => {
    const sim = startConnectWorld();
    mustExecute(sim,
      { type: 'enableConnectRole', service: 'api', role: 'WorkerRole1' },
      { type: 'installConnectAgent', machine: 'laptop', os: 'Windows' },
      { type: 'installConnectAgent', service: 'web', vm: 'win1' },
      { type: 'activateConnectAgent', machine: 'laptop' },
      { type: 'activateConnectAgent', machine: 'win1' },
      { type: 'setConnectGroup', name: 'Dev', endpoints: ['laptop', 'win1'], roles: [{ service: 'api', role: 'WorkerRole1' }] },
    );
    const party = (text: string) => {
      const result = resolveConnectParty(sim.world, text);
      if (!result.ok) throw new Error(result.message);
      return result.party;
    };
    expect(judgeConnect(sim.world.connect, party('laptop'), party('api/WorkerRole1_IN_1'), 'ipv6').allowed).toBe(true);
    expect(party('web:win1')).toEqual({ kind: 'local', name: 'win1' });
    expect(judgeConnect(sim.world.connect, party('web2:tux1'), party('laptop'), 'ipv6').blockers.map((b) => b.code)).toEqual(['connect-linux']);
    expect(judgeConnect(sim.world.connect, party('laptop'), party('win1'), 'ipv6').blockers.map((b) => b.code)).toEqual(['connect-not-linked']);
  });

  it('an instance leaves with its deployment: deleting the deployment leaves no instance to reach', () => {
    const sim = startConnectWorld();
    mustExecute(sim, { type: 'enableConnectRole', service: 'api', role: 'WorkerRole1' }, { type: 'deleteDeployment', service: 'api', slot: 'production' });
    expect(resolveConnectParty(sim.world, 'api/WorkerRole1_IN_0').ok).toBe(false);
  });

  it('refuses with a registered code, logs the refusal and leaves the world as it was', () => {
    const sim = startConnectWorld();
    const before = JSON.stringify(sim.world);
    const result = sim.execute({ type: 'installConnectAgent', service: 'web2', vm: 'tux1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic.rule).toBe('connect-agent-windows-only');
    expect(REFUSAL_CODES.has(result.diagnostic.rule)).toBe(true);
    expect(JSON.stringify(sim.world)).toBe(before);
    expect(sim.events.at(-1)?.type).toBe('command.refused');
  });

  it('refuses every Connect command from 2013-07-03, naming the date and the replacements', () => {
    const sim = startConnectWorld();
    sim.advanceTo(397 * DAY);
    const result = sim.execute({ type: 'installConnectAgent', machine: 'laptop', os: 'Windows' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic.rule).toBe('connect-retired');
    expect(result.diagnostic.message).toMatch(/on 2013-07-03: Windows Azure Connect was retired on 2013-07-03.*point-to-site.*site-to-site gateway/);
  });

  it('dates the clock from the start month: a scenario starting in 2013-07 has two days of Connect', () => {
    const sim = startSimulation({ era: '2012', startMonth: '2013-07' });
    sim.advanceTo(2 * DAY - 1);
    expect(sim.execute({ type: 'installConnectAgent', machine: 'laptop', os: 'Windows' }).ok).toBe(true);
    sim.advanceTo(2 * DAY);
    expect(sim.execute({ type: 'activateConnectAgent', machine: 'laptop' })).toMatchObject({ ok: false, diagnostic: { rule: 'connect-retired' } });
  });

  it('writes a log that log-check accepts and folds to the same Connect world', () => {
    const sim = startConnectWorld();
    mustExecute(sim,
      { type: 'enableConnectRole', service: 'api', role: 'WorkerRole1' },
      { type: 'installConnectAgent', service: 'web', vm: 'win1' },
      { type: 'activateConnectAgent', machine: 'win1' },
      { type: 'setConnectGroup', name: 'A', endpoints: ['win1'], interconnected: true },
      { type: 'setConnectGroup', name: 'B', groups: ['A'] },
      { type: 'deleteConnectGroup', name: 'B' },
      { type: 'removeConnectAgent', machine: 'win1' },
    );
    const reading = checkEventLog([...sim.events].map((e) => formatEventLine(e)).join('\n'));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.world.connect).toEqual(sim.world.connect);
    expect(reading.events.filter((e) => e.type.startsWith('connect.')).map((e) => e.type)).toEqual([
      'connect.roleEnabled', 'connect.agentInstalled', 'connect.agentActivated', 'connect.groupSet', 'connect.groupSet', 'connect.groupDeleted', 'connect.agentRemoved',
    ]);
  });
});
