import { z } from 'zod';
import {
  DISPOSITIONS, LiveTopology, queryReach, queryReachOnAnyPort, toPairTopologyIndex, type EventLog, type ReachAnswer, type World,
} from '../../sim/index.js';
import type { ReachResult, TopologyIndex } from '../../topology/index.js';
import type { ObjectReference } from '../object-reference.js';
import { defineExpectationKind, type Verdict } from './expectation-kind.js';
import { referenceOfAddress, resolveAddress } from './named-address.js';

/** `tcp/3389` or `udp/500`: the private port of a VM target, the public port of a VIP:port target. */
const PORT_PATTERN = /^(tcp|udp)\/(\d{1,5})$/;
const MAX_PORT = 65_535;
/** `service:vm` names one VM exactly; a dotted quad followed by `:port` is a VIP:port instead. */
const SERVICE_VM_PATTERN = /^([^:/\s]+)[:/]([^:/\s]+)$/;
const VIP_PORT_PATTERN = /^\d{1,3}(?:\.\d{1,3}){3}:\d+$/;
const SITE_PREFIX = 'site:';
/** `vip:web`, `vip:web:80` (a VIP:port target) or `gateway:CorpVNet`: an address the world holds when checked. */
const NAMED_END_PATTERN = /^((?:vip|gateway):[^\s:/]+)(?::(\d{1,5}))?$/;

const portSchema = z.string().regex(PORT_PATTERN, 'write the port as tcp/3389 or udp/500').refine(
  (text) => {
    const { port } = parsePort(text);
    return port >= 1 && port <= MAX_PORT;
  },
  { error: 'a port is 1–65535' },
);

/** What both kinds name: the two ends as `vnetsim reach` reads them, and an optional port (any port when absent). */
const flowFields = {
  from: z.string().min(1),
  to: z.string().min(1),
  port: portSchema.optional(),
};

const blockerCodes = z.enum(DISPOSITIONS.filter((d) => d !== 'delivered') as [string, ...string[]]);

interface FlowParameters {
  from: string;
  to: string;
  port?: string | undefined;
}

/**
 * `reach: { from, to, port? }`: the flow FROM → TO is delivered (its reply leg included, since the engine checks the
 * path back on the forward answer). Without a port it holds when any port gets through.
 */
export const reachKind = defineExpectationKind({
  key: 'reach',
  schema: z.strictObject(flowFields),
  describe: (p) => `reach ${describeFlow(p)}`,
  references: (p) => referencesOfFlow(p),
  evaluate: (p, { world, events }) => judge(p, world, events, 'delivered', (answer) => answer.verdict === 'reachable'),
});

/**
 * `noReach: { from, to, port?, disposition? }`: the flow is not delivered. A `disposition` holds when it is the
 * answer's disposition or the code of any of its blockers: the answer lists every failed condition, and a scenario
 * that asserts one of them should not break when another, higher-ranked one appears on the same path.
 */
export const noReachKind = defineExpectationKind({
  key: 'noReach',
  schema: z.strictObject({ ...flowFields, disposition: blockerCodes.optional() }),
  describe: (p) => `no reach ${describeFlow(p)}${p.disposition === undefined ? '' : ` (${p.disposition})`}`,
  references: (p) => referencesOfFlow(p),
  evaluate: (p, { world, events }) => judge(p, world, events, p.disposition === undefined ? 'not delivered' : `not delivered, ${p.disposition}`,
    (answer) => answer.verdict === 'unreachable'
      && (p.disposition === undefined || answer.disposition === p.disposition || answer.blockers.some((b) => b.code === p.disposition))),
});

/** Each run's world with the index its reach expectations share, moved forward by the events since the last one. */
const liveTopologies = new WeakMap<World, LiveTopology>();

/** The index of the world as it is now: built at a run's first reach expectation, then updated, never rebuilt per flow. */
function liveIndexOf(world: World, events: EventLog): TopologyIndex {
  let live = liveTopologies.get(world);
  if (live === undefined) liveTopologies.set(world, (live = new LiveTopology(world)));
  return live.indexAt(events);
}

/** Answers the flow on the world as it is now and words the answer for the verdict line. */
function judge(p: FlowParameters, world: World, events: EventLog, expected: string, holds: (answer: ReachAnswer) => boolean): Verdict {
  const from = resolveFlowEnd(world, p.from);
  const to = resolveFlowEnd(world, p.to);
  if (!from.ok || !to.ok) return { holds: false, expected, actual: from.ok ? (to.ok ? '' : to.reason) : from.reason };
  const ask = (index: TopologyIndex): ReachResult => askFlow(index, from.address, to.address, p.port);
  // The part of the world the two ends name answers as the whole would; an end it cannot resolve (a typo, an
  // ambiguous name) is answered by the whole world's index, whose error lists the names that would have worked.
  const fromPair = ask(toPairTopologyIndex(world, [from.address, to.address]));
  const result = fromPair.ok ? fromPair : ask(liveIndexOf(world, events));
  if (!result.ok) return { holds: false, expected, actual: `${result.error.code}: ${result.error.message}` };
  return { holds: holds(result.answer), expected, actual: describeAnswer(result.answer) };
}

/** A reach question on an index: on the port given (`tcp/3389`), else on any port. */
export function askFlow(index: TopologyIndex, from: string, to: string, port: string | undefined): ReachResult {
  return port === undefined ? queryReachOnAnyPort(index, from, to) : queryReach(index, from, to, parsePort(port));
}

/** `delivered via same-vnet`, or `acl-denied; blockers: acl-denied endpoint:data/sql1/sql, …`. */
function describeAnswer(answer: ReachAnswer): string {
  if (answer.verdict === 'reachable') return `delivered via ${answer.path}`;
  return `${answer.disposition}; blockers: ${answer.blockers.map((b) => `${b.code} ${b.object}`).join(', ')}`;
}

/** A flow end as `vnetsim reach` reads it: a named address resolved now (its port kept), any other text as written. */
function resolveFlowEnd(world: World, text: string): ReturnType<typeof resolveAddress> {
  const named = NAMED_END_PATTERN.exec(text);
  if (named?.[1] === undefined) return { ok: true, address: text };
  const resolved = resolveAddress(world, named[1]);
  return resolved.ok && named[2] !== undefined ? { ok: true, address: `${resolved.address}:${named[2]}` } : resolved;
}

function describeFlow(p: FlowParameters): string {
  return `${p.from} → ${p.to}${p.port === undefined ? '' : ` ${p.port}`}`;
}

function parsePort(text: string): { protocol: 'tcp' | 'udp'; port: number } {
  const match = PORT_PATTERN.exec(text);
  return { protocol: match?.[1] === 'udp' ? 'udp' : 'tcp', port: Number(match?.[2]) };
}

/** A name that is not an address, `service:vm` or `prefix:…`: `reach` reads it as a VM's own name. */
function isBareName(text: string): boolean {
  return !/^\d/.test(text) && !text.includes(':') && !text.includes('/');
}

/** `service:vm`, a bare VM name, `site:NAME`, `vip:SERVICE` and `gateway:VNET` name declared objects, so a typo is reported at its line before the run. */
function referencesOfFlow(p: FlowParameters): ObjectReference[] {
  const refs: ObjectReference[] = [];
  for (const field of ['from', 'to'] as const) {
    const text = p[field];
    const named = NAMED_END_PATTERN.exec(text)?.[1];
    const namedReference = named === undefined ? undefined : referenceOfAddress(named, [field]);
    if (namedReference !== undefined) {
      refs.push(namedReference);
      continue;
    }
    if (text.startsWith(SITE_PREFIX)) {
      refs.push({ kind: 'site', name: text.slice(SITE_PREFIX.length), path: [field] });
      continue;
    }
    const vm = VIP_PORT_PATTERN.test(text) ? null : SERVICE_VM_PATTERN.exec(text);
    if (vm?.[1] !== undefined && vm[2] !== undefined) refs.push({ kind: 'vm', service: vm[1], name: vm[2], path: [field] });
    else if (isBareName(text)) refs.push({ kind: 'vmName', name: text, path: [field] });
  }
  return refs;
}
