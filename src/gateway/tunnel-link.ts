import type { TunnelLink } from './connection-contract.js';
import { makeGatewayEvent, type GatewayEvent } from './events.js';
import type { GatewayAddresses } from './gateway-addresses.js';
import { readGatewayPhase } from './gateway-machine.js';
import type { VnetRecord } from './host.js';
import { findRefusalReason, findSilenceReason, type PeerEnd } from './negotiation.js';
import { createGatewayPeer, type DeviceRecord } from './peers.js';
import type { FailureReason } from './reasons.js';
import type { SiteRecord } from './site-record.js';
import type { TunnelRecord } from './tunnel.js';
import type { ConnectivityState, GatewayClock, GatewayRandom } from './types.js';

/** What a tunnel's link reads of the gateway host: its objects, the clock and RNG, and where it reports. */
export interface TunnelLinkHost {
  readonly clock: GatewayClock;
  readonly rng: GatewayRandom;
  readonly vnets: ReadonlyMap<string, VnetRecord>;
  readonly sites: ReadonlyMap<string, SiteRecord>;
  readonly devices: ReadonlyMap<string, DeviceRecord>;
  readonly addresses: GatewayAddresses;
  requireDevice(site: string): DeviceRecord;
  reportTunnelState(tunnel: TunnelRecord, to: ConnectivityState, reason: FailureReason | undefined): void;
  publish(event: GatewayEvent): void;
}

/** The link a tunnel's actor talks through: the clock, the far end as it stands now, and the host's reports. */
export function createTunnelLink(host: TunnelLinkHost, tunnel: TunnelRecord): TunnelLink {
  return {
    now: () => host.clock.now(),
    random: host.rng,
    findSilence: (tunnelUp) => {
      const site = host.sites.get(tunnel.site);
      return site === undefined ? 'PEER_UNREACHABLE' : findSilenceReason(tunnel.azure, site, resolveTunnelPeer(host, tunnel), tunnelUp);
    },
    findRefusal: (exchange) => {
      const site = host.sites.get(tunnel.site);
      return site === undefined ? undefined : findRefusalReason(exchange, tunnel.azure, site, resolveTunnelPeer(host, tunnel));
    },
    reportState: (state, reason) => host.reportTunnelState(tunnel, state, reason),
    reportIke: (exchange, detail) => host.publish(makeGatewayEvent('connection.ike', { vnet: tunnel.vnet, site: tunnel.site, exchange, detail })),
  };
}

/**
 * The far end of a tunnel: a declared on-premises device, another VNet's gateway when the site's VPN address is
 * one (VNet-to-VNet), or the site's default device — unreachable once the address it names was released.
 */
function resolveTunnelPeer(host: TunnelLinkHost, tunnel: TunnelRecord): PeerEnd {
  const device = host.devices.get(tunnel.site);
  if (device?.isDeclared) return device.peer;
  const address = host.sites.get(tunnel.site)?.vpnGatewayAddress;
  const remoteName = address === undefined ? undefined : host.addresses.findVnet(address);
  const remote = remoteName === undefined ? undefined : host.vnets.get(remoteName);
  if (remote?.gatewayType !== undefined && remote.publicIp !== undefined) {
    const ourIp = tunnel.azure.publicIp;
    // A site pointing at its own VNet's gateway (an address declared in the plan) finds no far end: nothing answers.
    const back = remote === host.vnets.get(tunnel.vnet) ? undefined : remote.sites.find((s) => host.sites.get(s)?.vpnGatewayAddress === ourIp);
    const phase = readGatewayPhase(remote.actor);
    return createGatewayPeer({
      gatewayType: remote.gatewayType,
      publicIp: remote.publicIp,
      // A connection disconnected at the far gateway (Set-AzureVNetGateway -Disconnect) neither initiates nor answers.
      isServing: remote.state === 'Provisioned' && phase !== 'failingOver' && phase !== 'rebootingBoth'
        && (back === undefined || remote.tunnels.get(back)?.manuallyDisconnected !== true),
      keyTowardsUs: back === undefined ? undefined : remote.keys.get(back),
      addressTowardsUs: back === undefined ? undefined : ourIp,
    });
  }
  const peer = (device ?? host.requireDevice(tunnel.site)).peer;
  return address !== undefined && host.addresses.wasReleased(address) ? { ...peer, reachable: false } : peer;
}
