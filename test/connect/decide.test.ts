import { describe, expect, it } from 'vitest';
import {
  applyConnectEvent, CONNECT_REFUSAL_CODES, connectRetiresAtMs, decideConnectCommand, type ConnectCommand, type ConnectDecideContext, type ConnectWorld,
} from '../../src/connect/index.js';
import { buildConnectWorld } from './world-builder.js';

const DAY = 86_400_000;
const context: ConnectDecideContext = {
  nowMs: 0,
  startMonth: '2012-06',
  retiresAtMs: connectRetiresAtMs('2012-06'),
  vmOs: (service, vm) => (service === 'iaas' ? ({ win: 'Windows', tux: 'Linux' } as const)[vm] : undefined),
  hasRole: (service, role) => service === 'work' && role === 'WorkerRole1',
};

const base = (): ConnectWorld => buildConnectWorld({
  endpoints: { laptop: true, dc1: true, idle: false },
  roles: [['work', 'WorkerRole1']],
  groups: [{ name: 'Dev', endpoints: ['laptop'] }],
});

describe('decideConnectCommand refuses, naming the rule, and changes nothing', () => {
  const rows: Array<{ rule: string; command: ConnectCommand; code: keyof typeof CONNECT_REFUSAL_CODES; now?: number; message?: string }> = [
    { rule: 'a Linux machine gets no agent', command: { type: 'installConnectAgent', machine: 'tux', os: 'Linux' }, code: 'connect-agent-windows-only', message: 'Windows only' },
    { rule: 'a Linux IaaS VM gets no agent either', command: { type: 'installConnectAgent', service: 'iaas', vm: 'tux' }, code: 'connect-agent-windows-only' },
    { rule: 'the agent goes on an existing VM', command: { type: 'installConnectAgent', service: 'iaas', vm: 'ghost' }, code: 'connect-unknown-vm' },
    { rule: 'one agent per machine name', command: { type: 'installConnectAgent', machine: 'laptop', os: 'Windows' }, code: 'connect-endpoint-exists' },
    { rule: 'activation needs the agent', command: { type: 'activateConnectAgent', machine: 'nobody' }, code: 'connect-unknown-endpoint' },
    { rule: 'activation happens once', command: { type: 'activateConnectAgent', machine: 'laptop' }, code: 'connect-already-activated' },
    { rule: 'an enabled role must exist in a deployment', command: { type: 'enableConnectRole', service: 'work', role: 'Nope' }, code: 'connect-unknown-role' },
    { rule: 'a local endpoint is in at most one group (gg432959)', command: { type: 'setConnectGroup', name: 'Ops', endpoints: ['laptop'] }, code: 'connect-endpoint-in-group', message: "already in endpoint group 'Dev'" },
    { rule: 'only activated endpoints join a group', command: { type: 'setConnectGroup', name: 'Ops', endpoints: ['idle'] }, code: 'connect-not-activated' },
    { rule: 'a linked role carries the token', command: { type: 'setConnectGroup', name: 'Ops', roles: [{ service: 'shop', role: 'WebRole1' }] }, code: 'connect-role-not-enabled' },
    { rule: 'a linked group exists', command: { type: 'setConnectGroup', name: 'Ops', groups: ['Ghost'] }, code: 'connect-unknown-group' },
    { rule: 'a group does not link to itself', command: { type: 'setConnectGroup', name: 'Dev', groups: ['Dev'] }, code: 'connect-group-self-link' },
    { rule: 'only an existing group is deleted', command: { type: 'deleteConnectGroup', name: 'Ghost' }, code: 'connect-unknown-group' },
    { rule: 'from 3 July 2013 Connect is retired', command: { type: 'installConnectAgent', machine: 'new', os: 'Windows' }, code: 'connect-retired', now: connectRetiresAtMs('2012-06'), message: 'retired on 2013-07-03' },
  ];
  it.each(rows)('$rule', ({ command, code, now, message }) => {
    const world = base();
    const before = JSON.stringify(world);
    const decision = decideConnectCommand(world, command, { ...context, nowMs: now ?? 0 });
    expect(decision).toMatchObject({ ok: false, refusal: { code } });
    if (message !== undefined && !decision.ok) expect(decision.refusal.message).toContain(message);
    expect(JSON.stringify(world)).toBe(before);
  });

  it('names the day and both replacements when Connect is retired', () => {
    const decision = decideConnectCommand(base(), { type: 'deleteConnectGroup', name: 'Dev' }, { ...context, nowMs: connectRetiresAtMs('2012-06') + 5 * DAY });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.refusal.message).toContain('deleteConnectGroup on 2013-07-08');
    expect(decision.refusal.message).toContain('point-to-site');
    expect(decision.refusal.message).toContain('site-to-site gateway');
  });

  it('still accepts a command the day before the retirement', () => {
    expect(connectRetiresAtMs('2012-06')).toBe(397 * DAY);
    const decision = decideConnectCommand(base(), { type: 'deleteConnectGroup', name: 'Dev' }, { ...context, nowMs: connectRetiresAtMs('2012-06') - 1 });
    expect(decision.ok).toBe(true);
  });
});

describe('decideConnectCommand accepts and the fold applies', () => {
  it('installs on a Windows VM, activates, groups, re-groups and deletes', () => {
    const world = base();
    const run = (command: ConnectCommand): void => {
      const decision = decideConnectCommand(world, command, context);
      if (!decision.ok) throw new Error(decision.refusal.message);
      for (const event of decision.events) applyConnectEvent(world, event);
    };
    run({ type: 'installConnectAgent', service: 'iaas', vm: 'win' });
    expect(world.endpoints.win).toMatchObject({ vm: { service: 'iaas', vm: 'win' }, activated: false, address: null });
    run({ type: 'activateConnectAgent', machine: 'win' });
    expect(world.endpoints.win?.address).toMatch(/^2001:db8:ac:0:/);
    run({ type: 'setConnectGroup', name: 'Ops', endpoints: ['win', 'dc1'], roles: [{ service: 'work', role: 'WorkerRole1' }], groups: ['Dev'] });
    expect(world.endpoints.dc1?.group).toBe('Ops');
    run({ type: 'setConnectGroup', name: 'Ops', endpoints: ['win'], groups: ['Dev'] });
    expect(world.endpoints.dc1?.group).toBeNull();
    expect(world.groups.Ops?.roles).toEqual([]);
    run({ type: 'deleteConnectGroup', name: 'Dev' });
    expect(world.endpoints.laptop?.group).toBeNull();
    expect(world.groups.Ops?.groups).toEqual([]);
    run({ type: 'removeConnectAgent', machine: 'win' });
    expect(world.endpoints.win).toBeUndefined();
  });

  it('enabling an enabled role is accepted and records nothing', () => {
    expect(decideConnectCommand(base(), { type: 'enableConnectRole', service: 'work', role: 'WorkerRole1' }, context)).toEqual({ ok: true, events: [] });
  });
});
