import { judgeConnect, type ConnectBlocker, type IpVersion } from './policy.js';
import type { ConnectWorld } from './model.js';
import type { ConnectParty } from './party.js';

/** One hop of a Connect path: an endpoint's adapter, or the relay that enforces the policy. */
export interface ConnectHop {
  ok: boolean;
  kind: 'endpoint' | 'relay';
  object: string;
  detail: string;
}

/** A Connect path answer, beside the VNet and gateway answer of `reach`: endpoint → relay → endpoint, or its blockers. */
export interface ConnectPath {
  allowed: boolean;
  ip: IpVersion;
  hops: ConnectHop[];
  blockers: ConnectBlocker[];
  /** What makes this path unlike a VNet or gateway path, said once per answer. */
  contrast: string;
}

/** The contrast `reach` prints beside the network paths. */
export const CONNECT_CONTRAST =
  'Connect is a policy overlay, not a network: it needs no non-overlapping address spaces and no VPN device, but every machine needs the Connect agent (Windows only); both ends dial out to the relay, so inbound firewalls, NAT, VIPs and input endpoints do not matter';

/** Traces FROM → relay → TO for a Connect question: each end's adapter, then the relay's policy check. */
export function traceConnectPath(world: ConnectWorld, from: ConnectParty, to: ConnectParty, ip: IpVersion): ConnectPath {
  const verdict = judgeConnect(world, from, to, ip);
  const endHop = (end: { name: string; address: string | null }): ConnectHop => ({
    ok: end.address !== null,
    kind: 'endpoint',
    object: end.name,
    detail: end.address === null ? 'no Connect address (not an activated endpoint)' : `Connect adapter ${end.address}, outbound to the relay over end-to-end IPsec`,
  });
  const policyBlocked = verdict.blockers.some((b) => b.code === 'connect-not-linked');
  const endBlocked = verdict.blockers.some((b) => b.code !== 'connect-not-linked' && b.code !== 'connect-ipv4-only');
  const relay: ConnectHop = {
    ok: !policyBlocked && !endBlocked,
    kind: 'relay',
    object: 'Connect relay',
    detail: policyBlocked
      ? 'the endpoint-group policy does not link the two ends'
      : endBlocked ? 'the policy only places activated endpoints in groups and running instances of enabled roles' : 'the endpoint-group policy links the two ends',
  };
  return { allowed: verdict.allowed, ip, hops: [endHop(verdict.from), relay, endHop(verdict.to)], blockers: verdict.blockers, contrast: CONNECT_CONTRAST };
}
