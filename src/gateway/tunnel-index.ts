import { sortTunnels, type TunnelRecord } from './tunnel.js';

/**
 * Which tunnels end at each local site, and which sites point at each public IP, kept current as tunnels are added
 * and removed and as sites are (re-)defined. A gateway that becomes Provisioned tells the tunnels pointing at its IP
 * (VNet-to-VNet far ends); scanning every tunnel of every VNet for that cost 10 M iterations at 1,000 gateways.
 * Keyed by the address a site points at, the index needs no update when a gateway gets or loses its public IP: a
 * lookup by the gateway's current IP finds whoever points at it.
 */
export class TunnelIndex {
  private readonly tunnelsBySite = new Map<string, Set<TunnelRecord>>();
  private readonly sitesByAddress = new Map<string, Set<string>>();

  /** Records a new tunnel (defineVnet, addSite). */
  addTunnel(tunnel: TunnelRecord): void {
    let tunnels = this.tunnelsBySite.get(tunnel.site);
    if (!tunnels) {
      tunnels = new Set();
      this.tunnelsBySite.set(tunnel.site, tunnels);
    }
    tunnels.add(tunnel);
  }

  /** Forgets a removed tunnel (removeSite, or a VNet declared again). */
  removeTunnel(tunnel: TunnelRecord): void {
    const tunnels = this.tunnelsBySite.get(tunnel.site);
    tunnels?.delete(tunnel);
    if (tunnels?.size === 0) this.tunnelsBySite.delete(tunnel.site);
  }

  /** Records where a site points now; `previous` is the address it pointed at before, if it was defined. */
  setSiteAddress(site: string, previous: string | undefined, address: string): void {
    if (previous === address) return;
    if (previous !== undefined) {
      const sites = this.sitesByAddress.get(previous);
      sites?.delete(site);
      if (sites?.size === 0) this.sitesByAddress.delete(previous);
    }
    let sites = this.sitesByAddress.get(address);
    if (!sites) {
      sites = new Set();
      this.sitesByAddress.set(address, sites);
    }
    sites.add(site);
  }

  /** Every tunnel that ends at the site, across VNets, in the host's iteration order. */
  findTunnelsAtSite(site: string): TunnelRecord[] {
    return sortTunnels([...(this.tunnelsBySite.get(site) ?? [])]);
  }

  /** Every tunnel whose site points at the address, in the host's iteration order. */
  findTunnelsPointingAt(address: string): TunnelRecord[] {
    const tunnels: TunnelRecord[] = [];
    for (const site of this.sitesByAddress.get(address) ?? []) tunnels.push(...(this.tunnelsBySite.get(site) ?? []));
    return sortTunnels(tunnels);
  }
}
