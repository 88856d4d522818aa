import type { TunnelLink } from './connection-contract.js';
import { connectionMachine, connectionSteps } from './connection-machine.js';
import { MachineRunner } from './machine-runner.js';
import { lifetimesFor, type GatewayProfile } from './profile.js';
import type { AzureEnd } from './negotiation.js';
import type { FailureReason } from './reasons.js';
import type { ConnectivityState, GatewayClock, GatewayType } from './types.js';

/** A tunnel's connection statechart, run by its pure transitions on the host's clock. */
export type ConnectionRunner = MachineRunner<typeof connectionMachine>;

/** The host's record of one VNet → local site tunnel: configuration that outlives the statechart, and the statechart. */
export interface TunnelRecord {
  vnet: string;
  site: string;
  /** The connection statechart while the gateway is Provisioned and the tunnel is configured. */
  actor: ConnectionRunner | undefined;
  connectivity: ConnectivityState;
  /** The last state other than Connecting: what Get-AzureVNetConnection's event text says a change came from. */
  settled: Exclude<ConnectivityState, 'Connecting'>;
  reason: FailureReason | undefined;
  /** Set by disconnectSite; the tunnel stays down through failovers until connectSite. */
  manuallyDisconnected: boolean;
  /** The Azure end as the negotiation sees it; updated in place when the key changes. */
  azure: AzureEnd;
  /** Where the tunnel stands among all tunnels: its VNet's declaration order, then its creation order. */
  order: TunnelOrder;
}

/**
 * A tunnel's place in the host's iteration order (VNets as declared, each VNet's tunnels as created). Signals sent
 * to several tunnels at once follow it, because the timers they schedule fire in scheduling order on equal deadlines.
 */
export interface TunnelOrder {
  readonly vnet: number;
  readonly tunnel: number;
}

/** A tunnel record with no actor yet. */
export function createTunnelRecord(vnet: string, site: string, vnetAddressSpace: readonly string[], order: TunnelOrder): TunnelRecord {
  return {
    vnet, site, actor: undefined, connectivity: 'NotConnected', settled: 'NotConnected', reason: undefined, manuallyDisconnected: false,
    azure: { gatewayType: 'DynamicRouting', publicIp: '', sharedKey: '', vnetAddressSpace }, order,
  };
}

/** Sorts tunnels into the host's iteration order, in place. */
export function sortTunnels(tunnels: TunnelRecord[]): TunnelRecord[] {
  return tunnels.sort((a, b) => a.order.vnet - b.order.vnet || a.order.tunnel - b.order.tunnel);
}

/** The IPsec SA lifetime in ms: the time lifetime, or sooner when the volume lifetime runs out at the modelled rate. */
export function computeChildLifetimeMs(profile: GatewayProfile, gatewayType: GatewayType): number {
  const lifetimes = lifetimesFor(profile, gatewayType);
  const bytesPerSecond = Math.max(profile.ingressBytesPerSecond, profile.egressBytesPerSecond);
  if (lifetimes.childSaLifetimeKb === undefined || bytesPerSecond <= 0) return lifetimes.childSaLifetimeMs;
  const volumeMs = Math.floor((lifetimes.childSaLifetimeKb * 1024 / bytesPerSecond) * 1000);
  return Math.min(lifetimes.childSaLifetimeMs, volumeMs);
}

/** Creates and starts the connection statechart of a tunnel on the shared clock, connecting at once when asked to. */
export function startTunnelActor(
  tunnel: TunnelRecord,
  gatewayType: GatewayType,
  profile: GatewayProfile,
  clock: GatewayClock,
  link: TunnelLink,
  connect: boolean,
): ConnectionRunner {
  const lifetimes = lifetimesFor(profile, gatewayType);
  // Started in Connecting (see ConnectionInput) only when the skipped NotConnected report would be no news.
  const connectsAtStart = connect && tunnel.connectivity === 'NotConnected';
  const actor = new MachineRunner(connectionSteps(), clock, {
    ikeVersion: gatewayType === 'StaticRouting' ? 1 : 2,
    dpdEnabled: gatewayType === 'DynamicRouting',
    ikeSaLifetimeMs: lifetimes.ikeSaLifetimeMs,
    childSaLifetimeMs: computeChildLifetimeMs(profile, gatewayType),
    profile,
    link,
    connectsAtStart,
  });
  tunnel.actor = actor;
  actor.start();
  if (connect && !connectsAtStart) actor.send({ type: 'CONNECT' });
  return actor;
}
