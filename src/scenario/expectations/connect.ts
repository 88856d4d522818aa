import { z } from 'zod';
import { CONNECT_BLOCKER_CODES, judgeConnect, resolveConnectName, type ConnectParty, type ConnectVerdict } from '../../connect/index.js';
import { resolveConnectParty, type World } from '../../sim/index.js';
import { defineExpectationKind, type Verdict } from './expectation-kind.js';

/*
 * Expectations about Windows Azure Connect (src/connect): whether the policy lets two machines talk through the relay
 * and why not, whether a peer's name resolves, and an agent's state. Ends are written as `vnetsim reach` reads
 * Connect ends: a machine with the agent, a role instance (`service/WorkerRole1_IN_0`) or a VM (`service:vm`).
 */

const end = z.string().min(1);
const ipVersion = z.enum(['ipv6', 'ipv4']);
const blockerCode = z.enum(CONNECT_BLOCKER_CODES as [string, ...string[]]);

interface PairParameters {
  from: string;
  to: string;
  ip?: 'ipv6' | 'ipv4' | undefined;
}

/** `connectReach: { from, to, ip? }`: the policy lets FROM reach TO through the relay (IPv6 unless `ip: ipv4`). */
export const connectReachKind = defineExpectationKind({
  key: 'connectReach',
  schema: z.strictObject({ from: end, to: end, ip: ipVersion.optional() }),
  describe: (p) => `Connect ${describePair(p)}`,
  evaluate: (p, { world }) => judgePair(world, p, 'allowed', (verdict) => verdict.allowed),
});

/** `noConnectReach: { from, to, ip?, blocker? }`: Connect does not carry the flow; with `blocker`, that is one of its blockers. */
export const noConnectReachKind = defineExpectationKind({
  key: 'noConnectReach',
  schema: z.strictObject({ from: end, to: end, ip: ipVersion.optional(), blocker: blockerCode.optional() }),
  describe: (p) => `no Connect ${describePair(p)}${p.blocker === undefined ? '' : ` (${p.blocker})`}`,
  evaluate: (p, { world }) => judgePair(world, p, p.blocker === undefined ? 'blocked' : `blocked, ${p.blocker}`,
    (verdict) => !verdict.allowed && (p.blocker === undefined || verdict.blockers.some((b) => b.code === p.blocker))),
});

/** `connectName: { from, name, resolves }`: on FROM, NAME resolves (or not) to its Connect address. */
export const connectNameKind = defineExpectationKind({
  key: 'connectName',
  schema: z.strictObject({ from: end, name: end, resolves: z.boolean() }),
  describe: (p) => `on ${p.from}, Connect name ${p.name} ${p.resolves ? 'resolves' : 'does not resolve'}`,
  evaluate: (p, { world }) => {
    const expected = p.resolves ? 'resolves' : 'does not resolve';
    const ends = resolveEnds(world, p.from, p.name);
    if (typeof ends === 'string') return { holds: false, expected, actual: ends };
    const answer = resolveConnectName(world.connect, ends[0], ends[1]);
    const actual = answer.address !== null ? `resolves to ${answer.address}` : `does not resolve (${answer.blockers.map((b) => b.code).join(', ')})`;
    return { holds: (answer.address !== null) === p.resolves, expected, actual };
  },
});

/** `connectAgent: { machine, is, group? }`: the agent on a machine is `activated`, `installed` (not activated) or `absent`. */
export const connectAgentKind = defineExpectationKind({
  key: 'connectAgent',
  schema: z.strictObject({ machine: end, is: z.enum(['activated', 'installed', 'absent']), group: end.optional() }),
  describe: (p) => `Connect agent on ${p.machine} is ${p.is}${p.group === undefined ? '' : ` in group ${p.group}`}`,
  evaluate: (p, { world }) => {
    const endpoint = world.connect.endpoints[p.machine];
    const state = endpoint === undefined ? 'absent' : endpoint.activated ? 'activated' : 'installed';
    const group = endpoint?.group ?? 'none';
    const expected = `${p.is}${p.group === undefined ? '' : ` in group ${p.group}`}`;
    const actual = `${state}${endpoint === undefined ? '' : ` in group ${group}`}${endpoint?.address === null || endpoint === undefined ? '' : `, ${endpoint.address}`}`;
    return { holds: state === p.is && (p.group === undefined || p.group === group), expected, actual };
  },
});

function judgePair(world: World, p: PairParameters, expected: string, holds: (verdict: ConnectVerdict) => boolean): Verdict {
  const ends = resolveEnds(world, p.from, p.to);
  if (typeof ends === 'string') return { holds: false, expected, actual: ends };
  const verdict = judgeConnect(world.connect, ends[0], ends[1], p.ip ?? 'ipv6');
  const actual = verdict.allowed
    ? `allowed, ${verdict.from.address ?? ''} → relay → ${verdict.to.address ?? ''}`
    : `blocked: ${verdict.blockers.map((b) => `${b.code} ${b.object}`).join(', ')}`;
  return { holds: holds(verdict), expected, actual };
}

function resolveEnds(world: World, from: string, to: string): [ConnectParty, ConnectParty] | string {
  const a = resolveConnectParty(world, from);
  if (!a.ok) return a.message;
  const b = resolveConnectParty(world, to);
  if (!b.ok) return b.message;
  return [a.party, b.party];
}

function describePair(p: PairParameters): string {
  return `${p.from} → ${p.to}${p.ip === 'ipv4' ? ' over IPv4' : ''}`;
}
