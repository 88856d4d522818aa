import { describe, expect, it } from 'vitest';
import { CONNECT_PREFIX, judgeConnect, resolveConnectName, type ConnectParty } from '../../src/connect/index.js';
import { buildConnectWorld } from './world-builder.js';

const local = (name: string): ConnectParty => ({ kind: 'local', name });
const worker = (instance: string, running = true): ConnectParty => ({ kind: 'instance', service: 'work', role: 'WorkerRole1', instance, running });
const web = (instance: string): ConnectParty => ({ kind: 'instance', service: 'shop', role: 'WebRole1', instance, running: true });

// The 2012 story's policy: developers linked to the worker role, the domain controllers interconnected with developers.
const world = buildConnectWorld({
  endpoints: { laptop: true, dc1: true, build: true, idle: false, spare: true, lonely: true },
  roles: [['work', 'WorkerRole1'], ['shop', 'WebRole1']],
  groups: [
    { name: 'Dev', endpoints: ['laptop', 'build'], roles: ['work/WorkerRole1'] },
    { name: 'DCs', endpoints: ['dc1'], roles: ['work/WorkerRole1'], groups: ['Dev'] },
    { name: 'Island', endpoints: ['lonely'], interconnected: true },
  ],
});

describe('judgeConnect: one row per rule of the predicate', () => {
  const rows: Array<{ rule: string; from: ConnectParty; to: ConnectParty; ipv4?: true; blockers: string[] }> = [
    { rule: 'a group linked to a role reaches its running instances', from: local('laptop'), to: worker('WorkerRole1_IN_0'), blockers: [] },
    { rule: 'the link works from the role side too', from: worker('WorkerRole1_IN_1'), to: local('dc1'), blockers: [] },
    { rule: 'linked groups reach each other, whichever group declared the link', from: local('laptop'), to: local('dc1'), blockers: [] },
    { rule: 'members of one group do not reach each other unless it is interconnected', from: local('laptop'), to: local('build'), blockers: ['connect-not-linked'] },
    { rule: 'an interconnected group lets its members reach each other', from: local('lonely'), to: local('lonely'), blockers: [] },
    { rule: 'a role the group is not linked to is out of reach', from: local('laptop'), to: web('WebRole1_IN_0'), blockers: ['connect-not-linked'] },
    { rule: 'roles never link to roles', from: web('WebRole1_IN_0'), to: worker('WorkerRole1_IN_0'), blockers: ['connect-not-linked'] },
    { rule: 'an installed but not activated agent', from: local('idle'), to: worker('WorkerRole1_IN_0'), blockers: ['connect-not-activated'] },
    { rule: 'an activated endpoint in no group', from: local('spare'), to: local('laptop'), blockers: ['connect-not-in-group'] },
    { rule: 'a machine without the agent', from: { kind: 'machine', name: 'printer', os: 'Windows' }, to: local('laptop'), blockers: ['connect-no-agent'] },
    { rule: 'a Linux machine can never be an endpoint', from: { kind: 'machine', name: 'web-linux', os: 'Linux' }, to: local('laptop'), blockers: ['connect-linux'] },
    { rule: 'an instance of a role without the activation token', from: local('laptop'), to: { kind: 'instance', service: 'work', role: 'Other', instance: 'Other_IN_0', running: true }, blockers: ['connect-no-agent'] },
    { rule: 'an instance that is not running yet', from: local('laptop'), to: worker('WorkerRole1_IN_0', false), blockers: ['connect-instance-not-running'] },
    { rule: 'IPv4-only traffic never uses Connect', from: local('laptop'), to: worker('WorkerRole1_IN_0'), ipv4: true, blockers: ['connect-ipv4-only'] },
    { rule: 'every failed condition is listed', from: local('idle'), to: { kind: 'machine', name: 'web-linux', os: 'Linux' }, ipv4: true, blockers: ['connect-not-activated', 'connect-linux', 'connect-ipv4-only'] },
  ];
  it.each(rows)('$rule', ({ from, to, ipv4, blockers }) => {
    const verdict = judgeConnect(world, from, to, ipv4 === true ? 'ipv4' : 'ipv6');
    expect(verdict.blockers.map((b) => b.code)).toEqual(blockers);
    expect(verdict.allowed).toBe(blockers.length === 0);
    for (const b of verdict.blockers) expect(b.fix.length).toBeGreaterThan(0);
  });
});

describe('addresses and names', () => {
  it('gives every activated endpoint and running instance a stable address in the synthetic prefix', () => {
    const verdict = judgeConnect(world, local('laptop'), worker('WorkerRole1_IN_0'), 'ipv6');
    const prefix = CONNECT_PREFIX.split('::')[0] ?? '';
    expect(verdict.from.address?.startsWith(`${prefix}:0:`)).toBe(true);
    expect(verdict.to.address?.startsWith(`${prefix}:0:`)).toBe(true);
    expect(verdict.from.address).not.toBe(verdict.to.address);
    expect(judgeConnect(buildConnectWorld({ endpoints: { laptop: true } }), local('laptop'), local('x'), 'ipv6').from.address).toBe(verdict.from.address);
    expect(verdict.from.address).toMatch(/^2001:db8:ac:0(:[0-9a-f]{1,4}){4}$/);
  });

  it('has no address for an agent that is not activated, or an instance that is not running', () => {
    expect(judgeConnect(world, local('idle'), worker('WorkerRole1_IN_0', false), 'ipv6')).toMatchObject({ from: { address: null }, to: { address: null } });
  });

  it('resolves a peer name only when the policy allows the pair', () => {
    const allowed = resolveConnectName(world, local('laptop'), worker('WorkerRole1_IN_0'));
    expect(allowed.address).toBe(judgeConnect(world, local('laptop'), worker('WorkerRole1_IN_0'), 'ipv6').to.address);
    const hidden = resolveConnectName(world, local('laptop'), web('WebRole1_IN_0'));
    expect(hidden).toMatchObject({ address: null, blockers: [{ code: 'connect-not-linked' }] });
  });
});
