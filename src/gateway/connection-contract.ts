import type { IkeExchange } from './negotiation.js';
import type { GatewayProfile } from './profile.js';
import type { FailureReason } from './reasons.js';
import type { ConnectivityState, GatewayRandom } from './types.js';

// What a connection actor takes (its input and its link to the peer), keeps (its context) and accepts (its events).

/** What the machine needs from the outside world; the host implements it per tunnel. */
export interface TunnelLink {
  now(): number;
  random: GatewayRandom;
  /** Why the peer would not answer right now (see findSilenceReason), or undefined. */
  findSilence(tunnelUp: boolean): FailureReason | undefined;
  /** The notify the peer answers `exchange` with, or undefined when it accepts. */
  findRefusal(exchange: IkeExchange): FailureReason | undefined;
  reportState(state: ConnectivityState, reason: FailureReason | undefined): void;
  reportIke(exchange: IkeExchange, detail: string): void;
}

/** Settings fixed for the life of one connection actor. */
export interface ConnectionInput {
  ikeVersion: 1 | 2;
  /** Dead-peer detection: route-based only (DEVICES-2016: "Not supported" on policy-based). */
  dpdEnabled: boolean;
  ikeSaLifetimeMs: number;
  /** Time lifetime, already shortened when the volume lifetime runs out first at the modelled traffic rate. */
  childSaLifetimeMs: number;
  profile: GatewayProfile;
  link: TunnelLink;
  /**
   * Start by connecting, as a CONNECT sent right after start would, without that extra event: the host configures and
   * connects a tunnel at once. The NotConnected entry is skipped, so the host asks for it only when that report would
   * carry no news (the tunnel already shows NotConnected).
   */
  connectsAtStart?: boolean | undefined;
}

/** The machine's context: its input plus the counters and deadlines of the tunnel's current attempt. */
export interface ConnectionContext extends ConnectionInput {
  /** Retransmissions sent for the outstanding request. */
  tries: number;
  /** Consecutive failed attempts, for the reconnect backoff. */
  failures: number;
  retryDelayMs: number;
  ikeRekeyAtMs: number;
  childRekeyAtMs: number;
  reason: FailureReason | undefined;
}

/** Events a connection accepts from its host. */
export type ConnectionEvent =
  | { type: 'CONNECT' }
  | { type: 'DISCONNECT'; reason: FailureReason }
  /** The device's power or link changed; it may have gone silent or come back. */
  | { type: 'PEER_CHANGED' }
  /** The device re-initialised its tunnel (reboot or new configuration) and dropped its SAs. */
  | { type: 'PEER_RESET' }
  /** Azure re-applied the tunnel's configuration (new shared key): it tears down and initiates again at once. */
  | { type: 'RECONFIGURE' };
