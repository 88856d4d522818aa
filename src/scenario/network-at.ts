import type { Located, NetworkPlan, PlanConnection, PlanLocalSite, PlanVnet } from '../ipam/index.js';
import type { World } from '../sim/index.js';

/**
 * The network configuration of a world at one moment, as a plan: its VNets (space, subnets, binding, the sites its
 * gateway connects to) and local sites as the event log made them. What the log does not carry (DNS servers, VPN
 * client pools, connection types, positions) is taken from the scenario's own plan by name; a site or VNet the
 * timeline added points at the scenario file's first line.
 */
export function networkPlanOfWorld(world: World, basePlan: NetworkPlan): NetworkPlan {
  const fileStart = { file: basePlan.file, line: 1, column: 1 };
  const located = (value: string, original?: Located): Located => ({ value, at: original?.at ?? fileStart });
  const baseSites = new Map(basePlan.localSites.map((site) => [site.name, site]));
  const baseVnets = new Map(basePlan.vnets.map((vnet) => [vnet.name, vnet]));
  const localSites = Object.values(world.localSites).map((site): PlanLocalSite => {
    const base = baseSites.get(site.name);
    return {
      name: site.name,
      addressSpace: site.addressPrefixes.map((prefix, i) => located(prefix, base?.addressSpace[i])),
      vpnGatewayAddress: site.vpnGatewayAddress === null ? undefined : located(site.vpnGatewayAddress, base?.vpnGatewayAddress),
      at: base?.at ?? fileStart,
    };
  });
  const vnets = Object.values(world.vnets).map((vnet): PlanVnet => {
    const base = baseVnets.get(vnet.name);
    const baseConnections = new Map((base?.gateway?.connections ?? []).map((c) => [c.site.value, c]));
    const connections = vnet.gatewaySites.map((site): PlanConnection => {
      const original = baseConnections.get(site);
      return { site: located(site, original?.site), type: original?.type ?? 'IPsec', at: original?.at ?? fileStart };
    });
    const hasGateway = base?.gateway !== undefined || connections.length > 0;
    return {
      name: vnet.name,
      affinityGroup: vnet.affinityGroup === null ? undefined : located(vnet.affinityGroup, base?.affinityGroup),
      location: vnet.region === null ? undefined : located(vnet.region, base?.location),
      addressSpace: vnet.addressSpace.map((prefix, i) => located(prefix, base?.addressSpace[i])),
      subnets: Object.values(vnet.subnets).map((subnet) => {
        const original = base?.subnets.find((s) => s.name === subnet.name);
        return { name: subnet.name, addressPrefix: located(subnet.prefix, original?.addressPrefix), at: original?.at ?? fileStart };
      }),
      dnsServerRefs: base?.dnsServerRefs ?? [],
      gateway: hasGateway
        ? { connections, vpnClientAddressPool: base?.gateway?.vpnClientAddressPool ?? [], at: base?.gateway?.at ?? fileStart }
        : undefined,
      at: base?.at ?? fileStart,
    };
  });
  return { file: basePlan.file, dnsServers: basePlan.dnsServers, localSites, vnets };
}
