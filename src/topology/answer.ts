import type { SourceRef } from '../common/index.js';

/**
 * The closed vocabulary of reachability answers. A disposition names the outcome of one flow; a blocker names one
 * failed condition on the intended path; a hop names one decision point and the scenario object that decided it.
 */

/** Every possible outcome of a flow; `delivered` is the only reachable one. */
export const DISPOSITIONS = [
  'delivered',
  'unknown-address',
  'vm-not-running',
  'different-affinity-group',
  'different-region',
  'no-shared-network',
  'gateway-not-provisioned',
  'gateway-type-unsupported',
  'tunnel-not-connected',
  'prefix-not-in-local-site',
  'routing-loop',
  'no-vip',
  'no-endpoint',
  'acl-denied',
] as const;

/** One outcome of a flow, from the closed set {@link DISPOSITIONS}. */
export type Disposition = (typeof DISPOSITIONS)[number];

/** A failed condition's code: every disposition except `delivered`. */
export type BlockerCode = Exclude<Disposition, 'delivered'>;

/** Which way a packet was travelling when a condition failed: the request, or the reply it needs back. */
export type Leg = 'forward' | 'reply';

/** One failed condition on the intended path, with the object that decided it and the edit that would fix it. */
export interface Blocker {
  code: BlockerCode;
  /** The deciding object, e.g. `vm:Web/web1`, `connection:HubVNet->Branch`, `endpoint:Db/sql1/SQL`. */
  object: string;
  leg: Leg;
  message: string;
  fix: string;
  source?: SourceRef | undefined;
}

/** Kinds of typed steps in a hop trace, in the order a packet meets them. */
export type HopKind =
  | 'originate'
  | 'private-channel'
  | 'vnet'
  | 'gateway'
  | 'tunnel'
  | 'local-site'
  | 'vip-egress'
  | 'vip-endpoint'
  | 'acl'
  | 'internet'
  | 'deliver';

/** One step of the trace: what the packet met, which object decided, and whether it passed. */
export interface Hop {
  kind: HopKind;
  object: string;
  leg: Leg;
  ok: boolean;
  detail: string;
  source?: SourceRef | undefined;
}

/** The path the flow was meant to take, chosen from where both ends sit before any state is checked. */
export type PathKind =
  | 'same-service'
  | 'same-vnet'
  | 'vnet-gateway'
  | 'site-to-site'
  | 'public-endpoint'
  | 'internet-egress'
  | 'none';

/** The answer for one direction of a flow. */
export interface FlowAnswer {
  verdict: 'reachable' | 'unreachable';
  disposition: Disposition;
  path: PathKind;
  from: string;
  to: string;
  protocol: 'tcp' | 'udp';
  port: number;
  hops: Hop[];
  /** Every failed condition on the intended path, so one edit can fix them all. */
  blockers: Blocker[];
  /** Modelling assumptions the verdict rests on (guest firewall open, on-premises routing …). */
  assumptions: string[];
}

/** A full answer: the asked direction plus the flow started the other way round. */
export interface ReachAnswer extends FlowAnswer {
  reverse: FlowAnswer;
}

/** The rank of each blocker when choosing a disposition: the first failed condition a packet would meet wins. */
const DISPOSITION_RANK: ReadonlyMap<Disposition, number> = new Map(DISPOSITIONS.map((d, i) => [d, i]));

/** The disposition of a flow: `delivered` with no blockers, else the highest-ranked blocker's code. */
export function pickDisposition(blockers: readonly Blocker[]): Disposition {
  let best: Disposition = 'delivered';
  let bestRank = Number.POSITIVE_INFINITY;
  for (const b of blockers) {
    const rank = DISPOSITION_RANK.get(b.code) ?? Number.POSITIVE_INFINITY;
    if (rank < bestRank) {
      best = b.code;
      bestRank = rank;
    }
  }
  return best;
}
