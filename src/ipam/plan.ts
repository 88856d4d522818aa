import type { SourceRef } from '../common/index.js';

/**
 * The format-neutral network plan: what a scenario's `network:` section and an Azure classic NetworkConfig.xml both
 * convert into. Values stay as the user wrote them (with positions) so that the plan rules, not the loaders, decide
 * what is wrong; the rules never branch on the input format.
 */

/** A piece of user text and where it was written. */
export interface Located<T = string> {
  value: T;
  at: SourceRef;
}

/** A DNS server declared once and referenced by name from virtual networks (`<DnsServer name= IPAddress=>`). */
export interface PlanDnsServer {
  name: string;
  ipAddress: Located;
  at: SourceRef;
}

/** An on-premises network (`<LocalNetworkSite>`): its prefixes and the public IP of its VPN device. */
export interface PlanLocalSite {
  name: string;
  addressSpace: Located[];
  vpnGatewayAddress: Located | undefined;
  at: SourceRef;
}

/** A subnet carved from a virtual network's address space. */
export interface PlanSubnet {
  name: string;
  addressPrefix: Located;
  at: SourceRef;
}

/** A gateway connection from a virtual network to a local network site (`<Connection type="IPsec">`). */
export interface PlanConnection {
  site: Located;
  type: string;
  at: SourceRef;
}

/** A virtual network's gateway section: site-to-site connections and the point-to-site client pool. */
export interface PlanGateway {
  connections: PlanConnection[];
  vpnClientAddressPool: Located[];
  at: SourceRef;
}

/** A virtual network site (`<VirtualNetworkSite name= AffinityGroup=|Location=>`). */
export interface PlanVnet {
  name: string;
  affinityGroup: Located | undefined;
  location: Located | undefined;
  addressSpace: Located[];
  subnets: PlanSubnet[];
  dnsServerRefs: Located[];
  gateway: PlanGateway | undefined;
  at: SourceRef;
}

/** One input file's network plan. */
export interface NetworkPlan {
  file: string;
  dnsServers: PlanDnsServer[];
  localSites: PlanLocalSite[];
  vnets: PlanVnet[];
}
