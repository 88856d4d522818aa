import type { ConnectionEvent } from './connection-contract.js';
import type { GatewayAddresses } from './gateway-addresses.js';
import type { DeviceRecord } from './peers.js';
import type { SiteRecord } from './site-record.js';
import type { TunnelIndex } from './tunnel-index.js';

/**
 * Delivers what one gateway or site does to the tunnels that see it from the other side: tunnels ending at a site,
 * and VNet-to-VNet tunnels whose site points at a gateway's public IP. Split from the host so tunnel bookkeeping and
 * far-end routing live apart from command handling; signals follow the tunnels' iteration order (see TunnelOrder).
 */
export class TunnelSignals {
  constructor(
    private readonly index: TunnelIndex,
    private readonly addresses: GatewayAddresses,
    private readonly sites: ReadonlyMap<string, SiteRecord>,
    private readonly devices: ReadonlyMap<string, DeviceRecord>,
  ) {}

  /** Sends an event to every running tunnel that ends at this site (across VNets). */
  notifySiteTunnels(site: string, event: ConnectionEvent): void {
    for (const tunnel of this.index.findTunnelsAtSite(site)) tunnel.actor?.send(event);
  }

  /** Sends an event to every running tunnel whose far end is the gateway at `publicIp` (VNet-to-VNet). */
  notifyRemoteTunnels(publicIp: string | undefined, event: ConnectionEvent): void {
    if (publicIp !== undefined) this.sendToGatewayPeers(publicIp, event, undefined);
  }

  /**
   * Sends an event to the far end of one VNet-to-VNet connection: the tunnels of the gateway the site points at whose
   * own site points back at `publicIp`, this VNet's gateway. Nothing is sent when the site leads to an on-premises device.
   */
  notifyFarEnd(publicIp: string | undefined, site: string, event: ConnectionEvent): void {
    const address = this.sites.get(site)?.vpnGatewayAddress;
    const remote = address === undefined ? undefined : this.addresses.findVnet(address);
    if (remote === undefined || publicIp === undefined || this.devices.get(site)?.isDeclared) return;
    this.sendToGatewayPeers(publicIp, event, remote);
  }

  private sendToGatewayPeers(publicIp: string, event: ConnectionEvent, onlyVnet: string | undefined): void {
    for (const tunnel of this.index.findTunnelsPointingAt(publicIp)) {
      if (onlyVnet !== undefined && tunnel.vnet !== onlyVnet) continue;
      // A site with a declared device talks to that device, not to whichever gateway holds the address.
      if (!this.devices.get(tunnel.site)?.isDeclared) tunnel.actor?.send(event);
    }
  }
}
