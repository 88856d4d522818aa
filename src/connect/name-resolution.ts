import { judgeConnect, type ConnectBlocker } from './policy.js';
import type { ConnectWorld } from './model.js';
import type { ConnectParty } from './party.js';

/** What a machine's Connect name lookup returns: the peer's Connect address, or nothing and why. */
export type ConnectNameAnswer = { address: string } | { address: null; blockers: ConnectBlocker[] };

/**
 * Resolves a peer's name on a machine through Connect: the PDC10 slides promise "DNS name resolution" [S]; vnetsim
 * answers only for peers the policy lets the asker reach, so a name resolves to the peer's IPv6 Connect address
 * exactly when the path would carry the flow (that the relay hid unlinked peers is an assumption [U]).
 */
export function resolveConnectName(world: ConnectWorld, asker: ConnectParty, peer: ConnectParty): ConnectNameAnswer {
  const verdict = judgeConnect(world, asker, peer, 'ipv6');
  if (verdict.allowed && verdict.to.address !== null) return { address: verdict.to.address };
  return { address: null, blockers: verdict.blockers };
}
