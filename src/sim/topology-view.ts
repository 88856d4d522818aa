import type { SourceRef } from '../common/index.js';
import { parsePrefix4, type Prefix4 } from '../ipam/index.js';
import {
  buildTopologyIndex, type TopologyIndex, type TopoGateway, type TopoLocalSite, type TopologyModel, type TopologyNetwork, type TopoService,
  type TopoVnet,
} from '../topology/index.js';
import type { CloudService } from '../vm/index.js';
import { deploymentOf, parseAddress, withSource, WorldVms } from './topology-vms.js';
import type { World } from './world.js';

export { readTopoRoleInstances, readTopoVm } from './topology-vms.js';

/** Kinds of world objects a scenario can place in its file, for pointing answers at file:line. */
export type TopologySourceKind = 'vm' | 'service' | 'vnet' | 'site' | 'gateway' | 'connection' | 'endpoint' | 'affinityGroup';

/**
 * Finds where an object was declared: `vm` keys are `service/vm`, `connection` keys `vnet/site`, `endpoint` keys
 * `service/vm/endpoint`, the rest plain names. The world itself carries no positions; the scenario does.
 */
export type TopologySourceLookup = (kind: TopologySourceKind, key: string) => SourceRef | undefined;

/** The world at this moment as the reachability engine's plain-data model. */
export function toTopologyModel(world: World, findSource?: TopologySourceLookup): TopologyModel {
  return readModel(world, findSource).model;
}

/**
 * The world at this moment, indexed for reachability questions. The model is read for the index alone (it edits it
 * in place), and each VM's key is composed once here, where the index would otherwise compose it again.
 */
export function toTopologyIndex(world: World, findSource?: TopologySourceLookup): TopologyIndex {
  const { model, vmKeys } = readModel(world, findSource);
  return buildTopologyIndex(model, { ownsModel: true, vmKeys });
}

/**
 * The world at this moment, indexed for reachability questions, with its VMs read from the world on first use (see
 * VmSource): for a world no one changes afterwards, such as the end of a one-shot command's run. A matrix then
 * reads a model VM only for each class's representatives.
 */
export function readTopologyIndex(world: World, findSource?: TopologySourceLookup): TopologyIndex {
  const model = { ...readTopoNetwork(world, findSource), services: readServices(world, findSource), vms: [] };
  return buildTopologyIndex(model, { ownsModel: true, vmSource: new WorldVms(world, findSource) });
}

function readModel(world: World, findSource: TopologySourceLookup | undefined): { model: TopologyModel; vmKeys: string[] } {
  const vms = new WorldVms(world, findSource);
  return { model: { ...readTopoNetwork(world, findSource), services: readServices(world, findSource), vms: vms.readAll() }, vmKeys: vms.keys };
}

function readServices(world: World, findSource: TopologySourceLookup | undefined): TopoService[] {
  return Object.values(world.services).map((service) => readService(service, findSource));
}

/** The world's affinity groups, VNets (with their gateways) and local sites as the model shows them. */
export function readTopoNetwork(world: World, findSource?: TopologySourceLookup): TopologyNetwork {
  return {
    affinityGroups: Object.values(world.affinityGroups).map((ag) => withSource({ name: ag.name, region: ag.region }, findSource?.('affinityGroup', ag.name))),
    vnets: Object.values(world.vnets).map((vnet) => readVnet(world, vnet, findSource)),
    localSites: Object.values(world.localSites).map((site) => readSite(site, findSource)),
  };
}

/** One VNet with its gateway as the model shows it, without source positions; undefined when the world has none of that name. */
export function readTopoVnet(world: World, name: string): TopoVnet | undefined {
  const vnet = world.vnets[name];
  return vnet === undefined ? undefined : readVnet(world, vnet, undefined);
}

/** One local site as the model shows it, without source positions; undefined when the world has none of that name. */
export function readTopoSite(world: World, name: string): TopoLocalSite | undefined {
  const site = world.localSites[name];
  return site === undefined ? undefined : readSite(site, undefined);
}

function readVnet(world: World, vnet: World['vnets'][string], findSource: TopologySourceLookup | undefined): TopoVnet {
  return withSource({
    name: vnet.name,
    affinityGroup: vnet.affinityGroup ?? undefined,
    region: vnet.region ?? undefined,
    addressSpace: parsePrefixes(vnet.addressSpace),
    subnets: Object.values(vnet.subnets).flatMap((s) => {
      const prefix = parsePrefix(s.prefix);
      return prefix === undefined ? [] : [{ name: s.name, prefix }];
    }),
    gateway: readGateway(world, vnet.name, vnet.gatewaySites, findSource),
  }, findSource?.('vnet', vnet.name));
}

function readSite(site: World['localSites'][string], findSource: TopologySourceLookup | undefined): TopoLocalSite {
  return withSource({
    name: site.name,
    addressPrefixes: parsePrefixes(site.addressPrefixes),
    vpnGatewayAddress: parseAddress(site.vpnGatewayAddress),
  }, findSource?.('site', site.name));
}

/** One cloud service as the model shows it, without source positions. */
export function readTopoService(service: CloudService): TopoService {
  return readService(service, undefined);
}

/** Whether the model shows PaaS role instances of this service, which follow its deployment, not a VM of their own. */
export function hasRoleInstances(service: CloudService): boolean {
  const deployment = deploymentOf(service);
  return deployment?.kind === 'PaaS' && Object.values(deployment.roles).some((role) => role.instances.length > 0);
}

function readService(service: CloudService, findSource: TopologySourceLookup | undefined): TopoService {
  return withSource({
    name: service.name,
    affinityGroup: service.affinityGroup ?? undefined,
    region: service.region,
    vnet: deploymentOf(service)?.vnet ?? undefined,
    vip: parseAddress(service.vips.production),
    kind: service.kind ?? undefined,
  }, findSource?.('service', service.name));
}



/**
 * The gateway as reach sees it. Its connections are the configured sites (ConnectionsToLocalNetwork, known before the
 * gateway is provisioned), each in the state its tunnel reports, NotConnected until a tunnel exists.
 */
function readGateway(world: World, vnet: string, configuredSites: readonly string[], findSource: TopologySourceLookup | undefined): TopoGateway | undefined {
  const status = world.gateway.gateways[vnet];
  if (status === undefined) return undefined;
  const sites = [...configuredSites, ...Object.keys(status.connections).filter((site) => !configuredSites.includes(site))];
  return withSource({
    ...readGatewayHead(world, vnet),
    connections: sites.map((site) => withSource(
      { site, state: status.connections[site]?.ConnectivityState ?? 'NotConnected' },
      findSource?.('connection', `${vnet}/${site}`),
    )),
  }, findSource?.('gateway', vnet));
}

/** A VNet gateway's provisioning state, type and public address as the model shows them; undefined when it has none. */
export function readGatewayHead(world: World, vnet: string): Pick<TopoGateway, 'state' | 'type' | 'vip'> {
  const status = world.gateway.gateways[vnet];
  return { state: status?.state ?? 'NotProvisioned', type: status?.gatewayType, vip: parseAddress(status?.publicIp) };
}


function parsePrefix(text: string): Prefix4 | undefined {
  const parsed = parsePrefix4(text, { allowHostBits: true });
  return parsed.ok ? parsed.value : undefined;
}

function parsePrefixes(texts: readonly string[]): Prefix4[] {
  return texts.flatMap((t) => {
    const prefix = parsePrefix(t);
    return prefix === undefined ? [] : [prefix];
  });
}
