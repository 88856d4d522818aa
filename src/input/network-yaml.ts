import type {
  Located,
  NetworkPlan,
  PlanDnsServer,
  PlanGateway,
  PlanLocalSite,
  PlanSubnet,
  PlanVnet,
} from '../ipam/index.js';
import { networkSectionSchema, type NetworkSection } from './network-schema.js';
import { hasValueAt, positionOf, validateYaml, type YamlPath, type YamlSource } from './yaml-source.js';

/** Where the network section lives in a scenario document. */
const NETWORK_PATH: YamlPath = ['network'];

/** The connection type of every YAML gateway connection: the YAML form models site-to-site IPsec only. */
const YAML_CONNECTION_TYPE = 'IPsec';

/**
 * Validates the `network:` section of a parsed scenario (strictly: unknown keys are errors at the key) and converts
 * it into the format-neutral NetworkPlan, every value carrying its file:line:column. A missing section is an empty plan.
 * A loader that validated the whole document already passes the section as validated (`validated`), not to do it twice.
 */
export function networkPlanFromYaml(source: YamlSource, basePath: YamlPath = NETWORK_PATH, validated?: NetworkSection): NetworkPlan {
  const hasSection = hasValueAt(source, basePath);
  const section: NetworkSection = hasSection
    ? validated ?? validateYaml(source, networkSectionSchema, basePath)
    : { dnsServers: [], localNetworkSites: [], virtualNetworkSites: [] };
  const at = (...path: PropertyKey[]) => positionOf(source, [...basePath, ...path]);
  const located = (value: string, ...path: PropertyKey[]): Located => ({ value, at: at(...path) });

  const dnsServers = section.dnsServers.map(
    (dns, i): PlanDnsServer => ({
      name: dns.name,
      ipAddress: located(dns.ipAddress, 'dnsServers', i, 'ipAddress'),
      at: at('dnsServers', i, 'name'),
    }),
  );

  const localSites = section.localNetworkSites.map((site, i): PlanLocalSite => {
    const base = ['localNetworkSites', i] as const;
    return {
      name: site.name,
      addressSpace: site.addressSpace.map((p, j) => located(p, ...base, 'addressSpace', j)),
      vpnGatewayAddress:
        site.vpnGatewayAddress === undefined
          ? undefined
          : located(site.vpnGatewayAddress, ...base, 'vpnGatewayAddress'),
      at: at(...base, 'name'),
    };
  });

  const vnets = section.virtualNetworkSites.map((vnet, i): PlanVnet => {
    const base = ['virtualNetworkSites', i] as const;
    const subnets = vnet.subnets.map(
      (subnet, j): PlanSubnet => ({
        name: subnet.name,
        addressPrefix: located(subnet.addressPrefix, ...base, 'subnets', j, 'addressPrefix'),
        at: at(...base, 'subnets', j, 'name'),
      }),
    );
    let gateway: PlanGateway | undefined;
    if (vnet.gateway !== undefined) {
      const gw = [...base, 'gateway'] as const;
      gateway = {
        connections: vnet.gateway.connectionsToLocalNetwork.map((site, j) => ({
          site: located(site, ...gw, 'connectionsToLocalNetwork', j),
          type: YAML_CONNECTION_TYPE,
          at: at(...gw, 'connectionsToLocalNetwork', j),
        })),
        vpnClientAddressPool: vnet.gateway.vpnClientAddressPool.map((p, j) =>
          located(p, ...gw, 'vpnClientAddressPool', j),
        ),
        at: at(...gw),
      };
    }
    return {
      name: vnet.name,
      affinityGroup: vnet.affinityGroup === undefined ? undefined : located(vnet.affinityGroup, ...base, 'affinityGroup'),
      location: vnet.location === undefined ? undefined : located(vnet.location, ...base, 'location'),
      addressSpace: vnet.addressSpace.map((p, j) => located(p, ...base, 'addressSpace', j)),
      subnets,
      dnsServerRefs: vnet.dnsServersRef.map((name, j) => located(name, ...base, 'dnsServersRef', j)),
      gateway,
      at: at(...base, 'name'),
    };
  });

  return { file: source.file, dnsServers, localSites, vnets };
}
