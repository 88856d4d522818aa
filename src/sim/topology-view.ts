import type { SourceRef } from '../common/index.js';
import { parseIPv4, parsePrefix4, scanIPv4, type Prefix4 } from '../ipam/index.js';
import {
  buildTopologyIndex, keyOfVm, NO_DIP, type TopologyIndex, type TopoGateway, type TopoLocalSite, type TopologyModel, type TopologyNetwork,
  type TopoService, type TopoVm, type TopoVnet,
} from '../topology/index.js';
import type { CloudService, Deployment, DeploymentStatus, Vm } from '../vm/index.js';
import { EndpointReader } from './topology-endpoints.js';
import type { World } from './world.js';

/** Kinds of world objects a scenario can place in its file, for pointing answers at file:line. */
export type TopologySourceKind = 'vm' | 'service' | 'vnet' | 'site' | 'gateway' | 'connection' | 'endpoint' | 'affinityGroup';

/**
 * Finds where an object was declared: `vm` keys are `service/vm`, `connection` keys `vnet/site`, `endpoint` keys
 * `service/vm/endpoint`, the rest plain names. The world itself carries no positions; the scenario does.
 */
export type TopologySourceLookup = (kind: TopologySourceKind, key: string) => SourceRef | undefined;

// A PaaS role instance answers while its deployment runs; the fabric reports the deployment, not each instance.
const INSTANCE_STATE_BY_DEPLOYMENT: Record<DeploymentStatus, string> = {
  Running: 'ReadyRole',
  Deploying: 'Provisioning',
  Suspended: 'StoppedVM',
};

/** The world at this moment as the reachability engine's plain-data model. */
export function toTopologyModel(world: World, findSource?: TopologySourceLookup): TopologyModel {
  return readModel(world, findSource).model;
}

/**
 * The world at this moment, indexed for reachability questions. The model is read for the index alone (it edits it
 * in place) and the index files each VM under the world's own key, so no key string is composed or hashed again.
 */
export function toTopologyIndex(world: World, findSource?: TopologySourceLookup): TopologyIndex {
  const { model, vmKeys } = readModel(world, findSource);
  return buildTopologyIndex(model, { ownsModel: true, vmKeys });
}

function readModel(world: World, findSource: TopologySourceLookup | undefined): { model: TopologyModel; vmKeys: string[] } {
  // The world's keys are the index's keys too. Listed once by Object.keys: for-in over a 200k-entry record checks
  // each key again before handing it out, and Object.values would list every VM first.
  const vmKeys = Object.keys(world.vms);
  const endpoints = new EndpointReader();
  const vms = vmKeys.map((key) => readVm(world.vms[key]!, endpoints, findSource));
  for (const service of Object.values(world.services)) {
    for (const instance of readRoleInstances(service, findSource)) {
      vms.push(instance);
      vmKeys.push(keyOfVm(instance));
    }
  }
  const services = Object.values(world.services).map((service) => readService(service, findSource));
  return { model: { ...readTopoNetwork(world, findSource), services, vms }, vmKeys };
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

/** The value with the scenario position it was declared at, when the scenario knows one. */
function withSource<T extends object>(value: T, source: SourceRef | undefined): T {
  return source === undefined ? value : { ...value, source };
}

function deploymentOf(service: CloudService): Deployment | null {
  return service.deployments.production ?? service.deployments.staging;
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

/** One VM as the model shows it, without source positions. */
export function readTopoVm(vm: Vm): TopoVm {
  return readVm(vm, new EndpointReader(), undefined);
}

function readVm(vm: Vm, endpoints: EndpointReader, findSource: TopologySourceLookup | undefined): TopoVm {
  const read: TopoVm = {
    service: vm.service,
    name: vm.name,
    dip: readDip(vm.dip),
    state: vm.state,
    subnet: vm.subnet ?? undefined,
    endpoints: endpoints.readAll(vm, findSource),
  };
  // Positions are looked up only when asked for: composing every VM's key costs a string each at full size.
  return findSource === undefined ? read : withSource(read, findSource('vm', `${vm.service}/${vm.name}`));
}

/** A DIP as a number: the fast scan reads the world's own dotted text, the full parser only what the scan refused. */
function readDip(text: string | null): number {
  if (text === null) return NO_DIP;
  const scanned = scanIPv4(text, 0, text.length);
  return scanned >= 0 ? scanned : parseAddress(text) ?? NO_DIP;
}

/** A service's PaaS role instances as the model shows them (after every VM), without source positions. */
export function readTopoRoleInstances(service: CloudService): TopoVm[] {
  return readRoleInstances(service, undefined);
}

/** PaaS role instances reach and are reached like VMs: over their DIP in the service, or the role's public endpoints. */
function readRoleInstances(service: CloudService, findSource: TopologySourceLookup | undefined): TopoVm[] {
  const deployment = deploymentOf(service);
  if (deployment === null || deployment.kind !== 'PaaS') return [];
  const source = findSource?.('service', service.name);
  return Object.values(deployment.roles).flatMap((role) => role.instances.map((instance): TopoVm => withSource({
    service: service.name,
    name: instance.name,
    dip: parseAddress(instance.ip) ?? NO_DIP,
    state: INSTANCE_STATE_BY_DEPLOYMENT[deployment.status],
    subnet: role.subnet ?? undefined,
    endpoints: role.endpoints.map((e) => ({ name: e.name, protocol: e.protocol, publicPort: e.publicPort, privatePort: e.privatePort, acl: [] })),
  }, source)));
}

function parseAddress(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const parsed = parseIPv4(text);
  return parsed.ok ? parsed.value : undefined;
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
