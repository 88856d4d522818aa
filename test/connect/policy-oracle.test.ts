import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConnectAllowed, judgeConnect, roleKey, type ConnectParty, type ConnectWorld } from '../../src/connect/index.js';
import { buildConnectWorld, type WorldSpec } from './world-builder.js';

const MACHINES = ['m0', 'm1', 'm2', 'm3', 'm4'];
const ROLES: Array<[string, string]> = [['s0', 'R0'], ['s0', 'R1'], ['s1', 'R0']];
const GROUPS = ['g0', 'g1', 'g2'];

/** A random small policy: some machines with agents (activated or not), some enabled roles, groups with links. */
const policyArbitrary = fc.record({
  agents: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: MACHINES.length, maxLength: MACHINES.length }),
  memberships: fc.array(fc.option(fc.constantFrom(...GROUPS), { nil: undefined }), { minLength: MACHINES.length, maxLength: MACHINES.length }),
  enabledRoles: fc.array(fc.boolean(), { minLength: ROLES.length, maxLength: ROLES.length }),
  groups: fc.array(fc.record({
    present: fc.boolean(),
    roleLinks: fc.array(fc.boolean(), { minLength: ROLES.length, maxLength: ROLES.length }),
    groupLinks: fc.array(fc.boolean(), { minLength: GROUPS.length, maxLength: GROUPS.length }),
    interconnected: fc.boolean(),
  }), { minLength: GROUPS.length, maxLength: GROUPS.length }),
});
type Policy = typeof policyArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The world a policy describes; only activated machines join groups, and links point only at enabled roles and present groups. */
function worldOf(policy: Policy): ConnectWorld {
  const endpoints: Record<string, boolean> = {};
  MACHINES.forEach((m, i) => { if (policy.agents[i] !== undefined) endpoints[m] = policy.agents[i] === true; });
  const enabled = ROLES.filter((_, i) => policy.enabledRoles[i] === true);
  const present = GROUPS.filter((_, i) => policy.groups[i]?.present === true);
  const groups: NonNullable<WorldSpec['groups']> = present.map((name) => {
    const g = policy.groups[GROUPS.indexOf(name)];
    return {
      name,
      endpoints: MACHINES.filter((m, i) => endpoints[m] === true && policy.memberships[i] === name),
      roles: ROLES.filter((r, i) => g?.roleLinks[i] === true && enabled.includes(r)).map(([s, r]) => roleKey(s, r)),
      groups: present.filter((other) => other !== name && g?.groupLinks[GROUPS.indexOf(other)] === true),
      interconnected: g?.interconnected === true,
    };
  });
  return buildConnectWorld({ endpoints, roles: enabled, groups });
}

/** Every party of the universe: each machine (with or without agent), two instances of each role, running or not. */
function partiesOf(world: ConnectWorld): ConnectParty[] {
  const machines = MACHINES.map((name): ConnectParty => (Object.hasOwn(world.endpoints, name) ? { kind: 'local', name } : { kind: 'machine', name, os: 'Windows' }));
  const instances = ROLES.flatMap(([service, role]) => [0, 1].map((i): ConnectParty => ({ kind: 'instance', service, role, instance: `${role}_IN_${i}`, running: i === 0 })));
  return [...machines, ...instances];
}

/**
 * The oracle, written from the links outward rather than from the pair inward: expand every link of every group into
 * the pairs of endpoints it connects (both directions), where an endpoint is an activated local member or a running
 * instance of an enabled role.
 */
function allowedPairs(world: ConnectWorld, parties: readonly ConnectParty[]): Set<string> {
  const id = (p: ConnectParty): string => (p.kind === 'instance' ? `${p.service}/${p.instance}` : p.name);
  const members = (group: string): ConnectParty[] =>
    parties.filter((p) => p.kind === 'local' && world.endpoints[p.name]?.activated === true && world.endpoints[p.name]?.group === group);
  const instancesOf = (key: string): ConnectParty[] =>
    parties.filter((p) => p.kind === 'instance' && p.running && roleKey(p.service, p.role) === key && Object.hasOwn(world.roles, key));
  const pairs = new Set<string>();
  const add = (as: ConnectParty[], bs: ConnectParty[]): void => {
    for (const a of as) for (const b of bs) { pairs.add(`${id(a)}|${id(b)}`); pairs.add(`${id(b)}|${id(a)}`); }
  };
  for (const group of Object.values(world.groups)) {
    for (const key of group.roles) add(members(group.name), instancesOf(key));
    for (const other of group.groups) add(members(group.name), members(other));
    if (group.interconnected) add(members(group.name), members(group.name));
  }
  return pairs;
}

describe('the Connect predicate agrees with a brute-force expansion of the links', () => {
  it('over random small policies, for every ordered pair, IPv6 and IPv4', () => {
    fc.assert(fc.property(policyArbitrary, (policy) => {
      const world = worldOf(policy);
      const parties = partiesOf(world);
      const pairs = allowedPairs(world, parties);
      const id = (p: ConnectParty): string => (p.kind === 'instance' ? `${p.service}/${p.instance}` : p.name);
      const disagreements: string[] = [];
      for (const a of parties) {
        for (const b of parties) {
          const allowed = isConnectAllowed(world, a, b);
          if (allowed !== pairs.has(`${id(a)}|${id(b)}`)) disagreements.push(`${id(a)} → ${id(b)}: predicate ${allowed}`);
          if (allowed !== isConnectAllowed(world, b, a)) disagreements.push(`${id(a)} → ${id(b)}: not symmetric`);
          if (judgeConnect(world, a, b, 'ipv4').allowed) disagreements.push(`${id(a)} → ${id(b)}: IPv4 allowed`);
        }
      }
      expect(disagreements).toEqual([]);
    }), { numRuns: 200 });
  });
});
