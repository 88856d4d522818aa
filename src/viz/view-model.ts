import { readFlag, readRecords, readString, readStrings, type VizEvent } from './event-fields.js';

/**
 * The page's model of the world: a plain-JSON fold over the event log. The server sends it as the `hello` snapshot
 * and the page folds batches into it; d3 only draws it. Keys: VMs `service/vm`, connections `vnet/site`.
 */

/** A subnet carved from a VNet's address space. */
export interface SubnetView {
  name: string;
  prefix: string;
}

/** A VNet's gateway as the classic API reports it (NotProvisioned | Provisioning | Provisioned | Deprovisioning). */
export interface GatewayView {
  state: string;
  publicIp: string | null;
}

/** A virtual network, bound to an affinity group (2012–2014) or directly to a region (2014+). */
export interface VnetView {
  name: string;
  affinityGroup: string | null;
  region: string | null;
  addressSpace: string[];
  subnets: SubnetView[];
  gateway: GatewayView | null;
}

/** An on-premises network reached through a VNet gateway. */
export interface SiteView {
  name: string;
  addressPrefixes: string[];
  vpnGatewayAddress: string | null;
}

/** A cloud service: empty until its first deployment makes it IaaS or PaaS. */
export interface ServiceView {
  name: string;
  affinityGroup: string | null;
  region: string | null;
  kind: string | null;
  vips: string[];
}

/** A virtual machine and its current DIP. */
export interface VmView {
  service: string;
  name: string;
  size: string | null;
  os: string | null;
  vnet: string | null;
  subnet: string | null;
  state: string;
  ip: string | null;
  isStaticIp: boolean;
  endpoints: string[];
}

/** A site-to-site tunnel's connectivity (Connected | Connecting | NotConnected) and its last message. */
export interface ConnectionView {
  vnet: string;
  site: string;
  state: string;
  message: string;
  reason: string | null;
}

/** Everything the page draws, as of event `seq` (−1 before the first event) at simulated time `timeMs`. */
export interface View {
  seq: number;
  timeMs: number;
  regions: string[];
  affinityGroups: Record<string, { name: string; region: string }>;
  vnets: Record<string, VnetView>;
  sites: Record<string, SiteView>;
  services: Record<string, ServiceView>;
  vms: Record<string, VmView>;
  connections: Record<string, ConnectionView>;
  refusedCount: number;
}

/** State a VM shows between `vm.created` and its first `vm.stateChanged`. */
const INITIAL_VM_STATE = 'Provisioning';

/** The empty world before event 0. */
export function createView(): View {
  return {
    seq: -1, timeMs: 0, regions: [], affinityGroups: {}, vnets: {}, sites: {}, services: {}, vms: {}, connections: {},
    refusedCount: 0,
  };
}

/** Key of a VM in `View.vms`. */
export function vmKey(service: string, vm: string): string {
  return `${service}/${vm}`;
}

/** Key of a tunnel in `View.connections`. */
export function connectionKey(vnet: string, site: string): string {
  return `${vnet}/${site}`;
}

/** Pure fold step: the view after `event`; an event at or before `view.seq` is already in it and changes nothing. */
export function applyEvent(view: View, event: VizEvent): View {
  return applyEvents(view, [event]);
}

/** Pure fold over a batch: copies the view once, then applies every event newer than it, in order. */
export function applyEvents(view: View, events: readonly VizEvent[]): View {
  if (!events.some((event) => event.seq > view.seq)) return view;
  const draft = structuredClone(view);
  for (const event of events) if (event.seq > draft.seq) foldInto(draft, event);
  return draft;
}

function foldInto(view: View, event: VizEvent): void {
  view.seq = event.seq;
  view.timeMs = event.time;
  const apply = HANDLERS[event.type];
  if (apply !== undefined) apply(view, event);
}

type Handler = (view: View, event: VizEvent) => void;

// Unknown event types only move seq and time forward: the engine may add facts the page does not draw yet.
const HANDLERS: Record<string, Handler> = {
  'affinityGroup.created': (view, event) => {
    const name = readString(event, 'name') ?? readString(event, 'affinityGroup');
    const region = readString(event, 'region');
    if (name === null || region === null) return;
    addRegion(view, region);
    view.affinityGroups[name] = { name, region };
  },
  'vnet.defined': (view, event) => {
    const name = readString(event, 'vnet');
    if (name === null) return;
    const affinityGroup = readString(event, 'affinityGroup');
    const region = readString(event, 'region') ?? (affinityGroup === null ? null : view.affinityGroups[affinityGroup]?.region ?? null);
    if (region !== null) addRegion(view, region);
    const subnets = readRecords(event, 'subnets').flatMap((s) =>
      typeof s['name'] === 'string' && typeof s['prefix'] === 'string' ? [{ name: s['name'], prefix: s['prefix'] }] : []);
    view.vnets[name] = {
      name, affinityGroup, region, addressSpace: readStrings(event, 'addressSpace'), subnets,
      gateway: view.vnets[name]?.gateway ?? null,
    };
  },
  'localSite.defined': (view, event) => {
    const name = readString(event, 'site');
    if (name === null) return;
    view.sites[name] = {
      name, addressPrefixes: readStrings(event, 'addressPrefixes'), vpnGatewayAddress: readString(event, 'vpnGatewayAddress'),
    };
  },
  'service.created': (view, event) => {
    const name = readString(event, 'service') ?? readString(event, 'name');
    if (name === null) return;
    const affinityGroup = readString(event, 'affinityGroup');
    const region = readString(event, 'region') ?? (affinityGroup === null ? null : view.affinityGroups[affinityGroup]?.region ?? null);
    if (region !== null) addRegion(view, region);
    view.services[name] = { name, affinityGroup, region, kind: null, vips: [] };
  },
  'service.deleted': (view, event) => {
    const name = readString(event, 'service') ?? readString(event, 'name');
    if (name !== null) delete view.services[name];
  },
  'service.kindSet': (view, event) => {
    const service = serviceOf(view, event);
    if (service !== undefined) service.kind = readString(event, 'kind');
  },
  'vip.assigned': (view, event) => {
    const service = serviceOf(view, event);
    const vip = readString(event, 'vip') ?? readString(event, 'ip');
    if (service !== undefined && vip !== null && !service.vips.includes(vip)) service.vips.push(vip);
  },
  'vip.released': (view, event) => {
    const service = serviceOf(view, event);
    const vip = readString(event, 'vip') ?? readString(event, 'ip');
    if (service !== undefined) service.vips = service.vips.filter((v) => v !== vip);
  },
  'vm.created': (view, event) => {
    const service = readString(event, 'service');
    const name = readString(event, 'vm');
    if (service === null || name === null) return;
    view.vms[vmKey(service, name)] = {
      service, name, size: readString(event, 'size'), os: readString(event, 'os'), vnet: readString(event, 'vnet'),
      subnet: readString(event, 'subnet'), state: INITIAL_VM_STATE, ip: null, isStaticIp: false, endpoints: [],
    };
  },
  'vm.stateChanged': (view, event) => {
    const vm = vmOf(view, event);
    const to = readString(event, 'to');
    if (vm !== undefined && to !== null) vm.state = to;
  },
  'vm.deleted': (view, event) => {
    const service = readString(event, 'service');
    const name = readString(event, 'vm');
    if (service !== null && name !== null) delete view.vms[vmKey(service, name)];
  },
  'dip.allocated': (view, event) => {
    const vm = vmOf(view, event);
    if (vm === undefined) return;
    vm.ip = readString(event, 'ip');
    vm.isStaticIp = readFlag(event, 'static');
    vm.vnet = readString(event, 'vnet') ?? vm.vnet;
    vm.subnet = readString(event, 'subnet') ?? vm.subnet;
  },
  'dip.released': (view, event) => {
    const vm = vmOf(view, event);
    if (vm !== undefined && vm.ip === readString(event, 'ip')) {
      vm.ip = null;
      vm.isStaticIp = false;
    }
  },
  'endpoint.added': (view, event) => {
    const vm = vmOf(view, event);
    const name = readString(event, 'name') ?? readString(event, 'endpoint');
    if (vm !== undefined && name !== null && !vm.endpoints.includes(name)) vm.endpoints.push(name);
  },
  'endpoint.removed': (view, event) => {
    const vm = vmOf(view, event);
    const name = readString(event, 'name') ?? readString(event, 'endpoint');
    if (vm !== undefined) vm.endpoints = vm.endpoints.filter((e) => e !== name);
  },
  'command.refused': (view) => {
    view.refusedCount += 1;
  },
  'gateway.stateChanged': (view, event) => {
    const vnet = view.vnets[readString(event, 'vnet') ?? ''];
    const to = readString(event, 'to');
    if (vnet === undefined || to === null) return;
    // NotProvisioned is the classic API's "no gateway" state, so the node disappears again after a delete.
    vnet.gateway = to === 'NotProvisioned' ? null : { state: to, publicIp: readString(event, 'publicIp') ?? vnet.gateway?.publicIp ?? null };
  },
  'connection.added': (view, event) => {
    const vnet = readString(event, 'vnet');
    const site = readString(event, 'site');
    if (vnet === null || site === null) return;
    // A configured tunnel is NotConnected until the gateway is up and IKE succeeds.
    view.connections[connectionKey(vnet, site)] ??= { vnet, site, state: 'NotConnected', message: '', reason: null };
  },
  'connection.removed': (view, event) => {
    delete view.connections[connectionKey(readString(event, 'vnet') ?? '', readString(event, 'site') ?? '')];
  },
  'connection.stateChanged': (view, event) => {
    const vnet = readString(event, 'vnet');
    const site = readString(event, 'site');
    const to = readString(event, 'to');
    if (vnet === null || site === null || to === null) return;
    const key = connectionKey(vnet, site);
    const previous = view.connections[key];
    // A retry under the same failure keeps the failure's message, as Get-AzureVNetConnection kept its last event.
    if (readFlag(event, 'retry') && previous !== undefined) {
      previous.state = to;
      return;
    }
    view.connections[key] = { vnet, site, state: to, message: readString(event, 'message') ?? '', reason: readString(event, 'reason') };
  },
};

function addRegion(view: View, region: string): void {
  if (!view.regions.includes(region)) view.regions.push(region);
}

function serviceOf(view: View, event: VizEvent): ServiceView | undefined {
  return view.services[readString(event, 'service') ?? ''];
}

function vmOf(view: View, event: VizEvent): VmView | undefined {
  const service = readString(event, 'service');
  const name = readString(event, 'vm');
  return service === null || name === null ? undefined : view.vms[vmKey(service, name)];
}
