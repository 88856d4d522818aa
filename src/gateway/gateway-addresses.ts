/**
 * Which VNet's gateway holds each public IP, and which IPs a gateway held and gave back. A site whose address is a
 * gateway's talks to that gateway (VNet-to-VNet); at a released address nothing answers any more, so no default
 * on-premises device may stand in for a deleted far end.
 */
export class GatewayAddresses {
  private readonly vnetByIp = new Map<string, string>();
  private readonly released = new Set<string>();

  /** Records that a VNet's gateway now holds the address. */
  assign(ip: string, vnet: string): void {
    this.vnetByIp.set(ip, vnet);
    this.released.delete(ip);
  }

  /** Records that the gateway holding the address was deleted. */
  release(ip: string): void {
    this.vnetByIp.delete(ip);
    this.released.add(ip);
  }

  /** The VNet whose gateway holds the address, if any. */
  findVnet(ip: string): string | undefined {
    return this.vnetByIp.get(ip);
  }

  /** True when a gateway held the address and gave it back, and no gateway holds it now. */
  wasReleased(ip: string): boolean {
    return this.released.has(ip);
  }
}
