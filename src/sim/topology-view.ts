import type { SourceRef } from '../common/index.js';
import { parseIPv4, parsePrefix4, type Prefix4 } from '../ipam/index.js';
import {
  NO_DIP, type TopoAclRule, type TopoEndpoint, type TopoGateway, type TopologyModel, type TopoService, type TopoVm,
  type TopoVnet,
} from '../topology/index.js';
import type { CloudService, Deployment, DeploymentStatus, Endpoint, Vm } from '../vm/index.js';
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

/** No positions: a world not read from a scenario file. */
const NO_SOURCES: TopologySourceLookup = () => undefined;

/** The world at this moment as the reachability engine's plain-data model. */
export function toTopologyModel(world: World, sources?: TopologySourceLookup): TopologyModel {
  const findSource = sources ?? NO_SOURCES;
  return {
    affinityGroups: Object.values(world.affinityGroups).map((ag) => withSource({ name: ag.name, region: ag.region }, findSource('affinityGroup', ag.name))),
    vnets: Object.values(world.vnets).map((vnet): TopoVnet => withSource({
      name: vnet.name,
      affinityGroup: vnet.affinityGroup ?? undefined,
      region: vnet.region ?? undefined,
      addressSpace: parsePrefixes(vnet.addressSpace),
      subnets: Object.values(vnet.subnets).flatMap((s) => {
        const prefix = parsePrefix(s.prefix);
        return prefix === undefined ? [] : [{ name: s.name, prefix }];
      }),
      gateway: readGateway(world, vnet.name, vnet.gatewaySites, findSource),
    }, findSource('vnet', vnet.name))),
    services: Object.values(world.services).map((service): TopoService => withSource({
      name: service.name,
      affinityGroup: service.affinityGroup ?? undefined,
      region: service.region,
      vnet: deploymentOf(service)?.vnet ?? undefined,
      vip: parseAddress(service.vips.production),
      kind: service.kind ?? undefined,
    }, findSource('service', service.name))),
    vms: readVms(world, sources),
    localSites: Object.values(world.localSites).map((site) => withSource({
      name: site.name,
      addressPrefixes: parsePrefixes(site.addressPrefixes),
      vpnGatewayAddress: parseAddress(site.vpnGatewayAddress),
    }, findSource('site', site.name))),
  };
}

/**
 * Every VM, then every PaaS role instance. Without a lookup no `service/vm` key is built: a full-size world has 204,800
 * VMs and twice as many endpoints.
 */
function readVms(world: World, sources: TopologySourceLookup | undefined): TopoVm[] {
  const vms: TopoVm[] = [];
  for (const vm of Object.values(world.vms)) {
    vms.push(sources === undefined ? readVm(vm, undefined) : withSource(readVm(vm, sources), sources('vm', `${vm.service}/${vm.name}`)));
  }
  for (const service of Object.values(world.services)) vms.push(...readRoleInstances(service, sources ?? NO_SOURCES));
  return vms;
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
function readGateway(world: World, vnet: string, configuredSites: readonly string[], findSource: TopologySourceLookup): TopoGateway | undefined {
  const status = world.gateway.gateways[vnet];
  if (status === undefined) return undefined;
  const sites = [...configuredSites, ...Object.keys(status.connections).filter((site) => !configuredSites.includes(site))];
  return withSource({
    ...readGatewayHead(world, vnet),
    connections: sites.map((site) => withSource(
      { site, state: status.connections[site]?.ConnectivityState ?? 'NotConnected' },
      findSource('connection', `${vnet}/${site}`),
    )),
  }, findSource('gateway', vnet));
}

/** A VNet gateway's provisioning state, type and public address as the model shows them; undefined when it has none. */
export function readGatewayHead(world: World, vnet: string): Pick<TopoGateway, 'state' | 'type' | 'vip'> {
  const status = world.gateway.gateways[vnet];
  return { state: status?.state ?? 'NotProvisioned', type: status?.gatewayType, vip: parseAddress(status?.publicIp) };
}

/** One VM as the model shows it, without source positions. */
export function readTopoVm(vm: Vm): TopoVm {
  return readVm(vm, undefined);
}

function readVm(vm: Vm, sources: TopologySourceLookup | undefined): TopoVm {
  return {
    service: vm.service,
    name: vm.name,
    dip: parseAddress(vm.dip) ?? NO_DIP,
    state: vm.state,
    subnet: vm.subnet ?? undefined,
    endpoints: Object.values(vm.endpoints).map((e) => readEndpoint(e, sources?.('endpoint', `${vm.service}/${vm.name}/${e.name}`))),
  };
}

function readEndpoint(endpoint: Endpoint, source: SourceRef | undefined): TopoEndpoint {
  const acl = endpoint.acl.flatMap((rule): TopoAclRule[] => {
    const remoteSubnet = parsePrefix(rule.remoteSubnet);
    return remoteSubnet === undefined ? [] : [{ order: rule.order, action: rule.action, remoteSubnet, description: rule.description }];
  });
  return withSource({ name: endpoint.name, protocol: endpoint.protocol, publicPort: endpoint.publicPort, privatePort: endpoint.privatePort, acl }, source);
}

/** PaaS role instances reach and are reached like VMs: over their DIP in the service, or the role's public endpoints. */
function readRoleInstances(service: CloudService, findSource: TopologySourceLookup): TopoVm[] {
  const deployment = deploymentOf(service);
  if (deployment === null || deployment.kind !== 'PaaS') return [];
  const source = findSource('service', service.name);
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
