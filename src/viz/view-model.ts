import { readFlag, readRecords, readString, readStrings, type VizEvent } from './event-fields.js';
import { ViewDraft } from './view-draft.js';

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

/**
 * Pure fold over a batch: applies every event newer than the view, in order, copying only the records the events
 * touch (see ViewDraft); the given view and everything it shares with the result are left unchanged.
 */
export function applyEvents(view: View, events: readonly VizEvent[]): View {
  if (!events.some((event) => event.seq > view.seq)) return view;
  const draft = new ViewDraft(view);
  for (const event of events) if (event.seq > draft.view.seq) foldInto(draft, event);
  return draft.view;
}

function foldInto(draft: ViewDraft, event: VizEvent): void {
  draft.view.seq = event.seq;
  draft.view.timeMs = event.time;
  const apply = HANDLERS[event.type];
  if (apply !== undefined) apply(draft, event);
}

type Handler = (draft: ViewDraft, event: VizEvent) => void;

// Unknown event types only move seq and time forward: the engine may add facts the page does not draw yet.
const HANDLERS: Record<string, Handler> = {
  'affinityGroup.created': (draft, event) => {
    const name = readString(event, 'name') ?? readString(event, 'affinityGroup');
    const region = readString(event, 'region');
    if (name === null || region === null) return;
    draft.addRegion(region);
    draft.put('affinityGroups', name, { name, region });
  },
  'vnet.defined': (draft, event) => {
    const name = readString(event, 'vnet');
    if (name === null) return;
    const affinityGroup = readString(event, 'affinityGroup');
    const region = readString(event, 'region') ?? regionOfGroup(draft, affinityGroup);
    if (region !== null) draft.addRegion(region);
    const subnets = readRecords(event, 'subnets').flatMap((s) =>
      typeof s['name'] === 'string' && typeof s['prefix'] === 'string' ? [{ name: s['name'], prefix: s['prefix'] }] : []);
    draft.put('vnets', name, {
      name, affinityGroup, region, addressSpace: readStrings(event, 'addressSpace'), subnets,
      gateway: draft.read('vnets', name)?.gateway ?? null,
    });
  },
  'localSite.defined': (draft, event) => {
    const name = readString(event, 'site');
    if (name === null) return;
    draft.put('sites', name, {
      name, addressPrefixes: readStrings(event, 'addressPrefixes'), vpnGatewayAddress: readString(event, 'vpnGatewayAddress'),
    });
  },
  'service.created': (draft, event) => {
    const name = readString(event, 'service') ?? readString(event, 'name');
    if (name === null) return;
    const affinityGroup = readString(event, 'affinityGroup');
    const region = readString(event, 'region') ?? regionOfGroup(draft, affinityGroup);
    if (region !== null) draft.addRegion(region);
    draft.put('services', name, { name, affinityGroup, region, kind: null, vips: [] });
  },
  'service.deleted': (draft, event) => {
    const name = readString(event, 'service') ?? readString(event, 'name');
    if (name !== null) draft.remove('services', name);
  },
  'service.kindSet': (draft, event) => {
    const service = draft.edit('services', readString(event, 'service') ?? '');
    if (service !== undefined) service.kind = readString(event, 'kind');
  },
  'vip.assigned': (draft, event) => {
    const key = readString(event, 'service') ?? '';
    const vip = readString(event, 'vip') ?? readString(event, 'ip');
    if (vip === null || draft.read('services', key)?.vips.includes(vip) !== false) return;
    const service = draft.edit('services', key)!;
    service.vips = [...service.vips, vip];
  },
  'vip.released': (draft, event) => {
    const service = draft.edit('services', readString(event, 'service') ?? '');
    const vip = readString(event, 'vip') ?? readString(event, 'ip');
    if (service !== undefined) service.vips = service.vips.filter((v) => v !== vip);
  },
  'vm.created': (draft, event) => {
    const service = readString(event, 'service');
    const name = readString(event, 'vm');
    if (service === null || name === null) return;
    draft.put('vms', vmKey(service, name), {
      service, name, size: readString(event, 'size'), os: readString(event, 'os'), vnet: readString(event, 'vnet'),
      subnet: readString(event, 'subnet'), state: INITIAL_VM_STATE, ip: null, isStaticIp: false, endpoints: [],
    });
  },
  'vm.stateChanged': (draft, event) => {
    const to = readString(event, 'to');
    const vm = to === null ? undefined : draft.edit('vms', vmKeyOf(event));
    if (vm !== undefined && to !== null) vm.state = to;
  },
  'vm.deleted': (draft, event) => {
    draft.remove('vms', vmKeyOf(event));
  },
  'dip.allocated': (draft, event) => {
    const vm = draft.edit('vms', vmKeyOf(event));
    if (vm === undefined) return;
    vm.ip = readString(event, 'ip');
    vm.isStaticIp = readFlag(event, 'static');
    vm.vnet = readString(event, 'vnet') ?? vm.vnet;
    vm.subnet = readString(event, 'subnet') ?? vm.subnet;
  },
  'dip.released': (draft, event) => {
    const key = vmKeyOf(event);
    if (draft.read('vms', key)?.ip !== readString(event, 'ip')) return;
    const vm = draft.edit('vms', key);
    if (vm === undefined) return;
    vm.ip = null;
    vm.isStaticIp = false;
  },
  'endpoint.added': (draft, event) => {
    const key = vmKeyOf(event);
    const name = readString(event, 'name') ?? readString(event, 'endpoint');
    if (name === null || draft.read('vms', key)?.endpoints.includes(name) !== false) return;
    const vm = draft.edit('vms', key)!;
    vm.endpoints = [...vm.endpoints, name];
  },
  'endpoint.removed': (draft, event) => {
    const vm = draft.edit('vms', vmKeyOf(event));
    const name = readString(event, 'name') ?? readString(event, 'endpoint');
    if (vm !== undefined) vm.endpoints = vm.endpoints.filter((e) => e !== name);
  },
  'command.refused': (draft) => {
    draft.view.refusedCount += 1;
  },
  'gateway.stateChanged': (draft, event) => {
    const to = readString(event, 'to');
    const vnet = to === null ? undefined : draft.edit('vnets', readString(event, 'vnet') ?? '');
    if (vnet === undefined || to === null) return;
    // NotProvisioned is the classic API's "no gateway" state, so the node disappears again after a delete.
    vnet.gateway = to === 'NotProvisioned' ? null : { state: to, publicIp: readString(event, 'publicIp') ?? vnet.gateway?.publicIp ?? null };
  },
  'connection.added': (draft, event) => {
    const vnet = readString(event, 'vnet');
    const site = readString(event, 'site');
    if (vnet === null || site === null) return;
    const key = connectionKey(vnet, site);
    // A configured tunnel is NotConnected until the gateway is up and IKE succeeds.
    if (draft.read('connections', key) === undefined) draft.put('connections', key, { vnet, site, state: 'NotConnected', message: '', reason: null });
  },
  'connection.removed': (draft, event) => {
    draft.remove('connections', connectionKey(readString(event, 'vnet') ?? '', readString(event, 'site') ?? ''));
  },
  'connection.stateChanged': (draft, event) => {
    const vnet = readString(event, 'vnet');
    const site = readString(event, 'site');
    const to = readString(event, 'to');
    if (vnet === null || site === null || to === null) return;
    const key = connectionKey(vnet, site);
    // A retry under the same failure keeps the failure's message, as Get-AzureVNetConnection kept its last event.
    const retried = readFlag(event, 'retry') ? draft.edit('connections', key) : undefined;
    if (retried !== undefined) {
      retried.state = to;
      return;
    }
    draft.put('connections', key, { vnet, site, state: to, message: readString(event, 'message') ?? '', reason: readString(event, 'reason') });
  },
};

function regionOfGroup(draft: ViewDraft, affinityGroup: string | null): string | null {
  return affinityGroup === null ? null : draft.read('affinityGroups', affinityGroup)?.region ?? null;
}

/** The `View.vms` key an event names, or '' (no VM has it) when the event lacks a service or VM name. */
function vmKeyOf(event: VizEvent): string {
  const service = readString(event, 'service');
  const name = readString(event, 'vm');
  return service === null || name === null ? '' : vmKey(service, name);
}
