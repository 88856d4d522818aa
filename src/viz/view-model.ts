import { applyConnectEvent, createConnectWorld, type ConnectEvent, type ConnectWorld } from '../connect/index.js';
import { applyGatewayEvent, type GatewayEvent, type GatewayStatus } from '../gateway/index.js';
import type { EventType, SimEvent, SimEventOf } from '../sim/index.js';
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

/** A virtual network, bound to an affinity group (2012–2014) or directly to a region (2014+). */
export interface VnetView {
  name: string;
  affinityGroup: string | null;
  region: string | null;
  addressSpace: string[];
  subnets: SubnetView[];
}

/** An on-premises network reached through a VNet gateway, and its VPN device's power as last logged (`null`: never changed). */
export interface SiteView {
  name: string;
  addressPrefixes: string[];
  vpnGatewayAddress: string | null;
  deviceUp: boolean | null;
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

/** A refused command as the page marks it on the objects it named: when, which command, the code and the words. */
export interface RefusalView {
  seq: number;
  timeMs: number;
  command: string;
  code: string;
  message: string;
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
  /**
   * Every VNet's gateway and its tunnels by site, folded by the gateway's own status fold (applyGatewayEvent), the one
   * `vnetsim status` reads: state, type, SKU, VIP, last operation; per tunnel the state, reason, message and since when.
   */
  gateways: Record<string, GatewayStatus>;
  /** The last refused command per object id it named (`gateway:V`, `vm:svc/vm`, `site:S`). */
  refusals: Record<string, RefusalView>;
  refusedCount: number;
  /** Windows Azure Connect, folded by its own fold (applyConnectEvent): endpoints, Connect-enabled roles, endpoint groups. */
  connect: ConnectWorld;
}

/** State a VM shows between `vm.created` and its first `vm.stateChanged`. */
const INITIAL_VM_STATE = 'Provisioning';

/** The empty world before event 0. */
export function createView(): View {
  return {
    seq: -1, timeMs: 0, regions: [], affinityGroups: {}, vnets: {}, sites: {}, services: {}, vms: {}, gateways: {}, refusals: {},
    refusedCount: 0, connect: createConnectWorld(),
  };
}

/** A VNet's gateway, `null` when it has none (the classic API's NotProvisioned is "no gateway"). */
export function gatewayOf(view: View, vnet: string): GatewayStatus | null {
  const gateway = view.gateways[vnet];
  return gateway === undefined || gateway.state === 'NotProvisioned' ? null : gateway;
}

/** Key of a VM in `View.vms`. */
export function vmKey(service: string, vm: string): string {
  return `${service}/${vm}`;
}

/** Pure fold step: the view after `event`; an event at or before `view.seq` is already in it and changes nothing. */
export function applyEvent(view: View, event: SimEvent): View {
  return applyEvents(view, [event]);
}

/**
 * Pure fold over a batch: applies every event newer than the view, in order, copying only the records the events
 * touch (see ViewDraft); the given view and everything it shares with the result are left unchanged.
 */
export function applyEvents(view: View, events: Iterable<SimEvent>): View {
  // The draft (a copy of the view's top level) is made at the first newer event: a batch of old ones changes nothing.
  let draft: ViewDraft | undefined;
  for (const event of events) {
    if (event.seq <= (draft?.view.seq ?? view.seq)) continue;
    draft ??= new ViewDraft(view);
    foldInto(draft, event);
  }
  return draft?.view ?? view;
}

function foldInto(draft: ViewDraft, event: SimEvent): void {
  draft.view.seq = event.seq;
  draft.view.timeMs = event.time;
  foldTyped(draft, event);
}

function foldTyped<K extends EventType>(draft: ViewDraft, event: SimEventOf<K>): void {
  const apply: Handlers[K] = HANDLERS[event.type];
  apply?.(draft, event);
}

/** What each event type does to the view; a type the page does not draw only moves seq and time forward. */
type Handlers = { [K in EventType]?: (draft: ViewDraft, event: SimEventOf<K>) => void };

const HANDLERS: Handlers = {
  'affinityGroup.created': (draft, event) => {
    draft.addRegion(event.region);
    draft.put('affinityGroups', event.affinityGroup, { name: event.affinityGroup, region: event.region });
  },
  'vnet.defined': (draft, event) => {
    const affinityGroup = event.affinityGroup ?? null;
    const region = event.region ?? regionOfGroup(draft, affinityGroup);
    if (region !== null) draft.addRegion(region);
    draft.put('vnets', event.vnet, {
      name: event.vnet, affinityGroup, region, addressSpace: [...event.addressSpace],
      subnets: event.subnets.map(({ name, prefix }) => ({ name, prefix })),
    });
  },
  'localSite.defined': (draft, event) => {
    draft.put('sites', event.site, {
      name: event.site, addressPrefixes: [...event.addressPrefixes], vpnGatewayAddress: event.vpnGatewayAddress ?? null,
      deviceUp: draft.read('sites', event.site)?.deviceUp ?? null,
    });
  },
  // setNetworkConfig: objects the new document no longer declares leave the page.
  'vnet.removed': (draft, event) => {
    draft.remove('vnets', event.vnet);
  },
  'localSite.removed': (draft, event) => {
    draft.remove('sites', event.site);
  },
  'affinityGroup.deleted': (draft, event) => {
    draft.remove('affinityGroups', event.affinityGroup);
  },
  'service.created': (draft, event) => {
    draft.addRegion(event.region);
    draft.put('services', event.service, {
      name: event.service, affinityGroup: event.affinityGroup ?? null, region: event.region, kind: null, vips: [],
    });
  },
  'service.deleted': (draft, event) => {
    draft.remove('services', event.service);
  },
  'service.kindSet': (draft, event) => {
    const service = draft.edit('services', event.service);
    if (service !== undefined) service.kind = event.kind;
  },
  'vip.assigned': (draft, event) => {
    if (draft.read('services', event.service)?.vips.includes(event.ip) !== false) return;
    const service = draft.edit('services', event.service)!;
    service.vips = [...service.vips, event.ip];
  },
  'vip.released': (draft, event) => {
    const service = draft.edit('services', event.service);
    if (service !== undefined) service.vips = service.vips.filter((v) => v !== event.ip);
  },
  'vm.created': (draft, event) => {
    draft.put('vms', vmKey(event.service, event.vm), {
      service: event.service, name: event.vm, size: event.size, os: event.os, vnet: event.vnet ?? null,
      subnet: event.subnet ?? null, state: INITIAL_VM_STATE, ip: null, isStaticIp: false, endpoints: [],
    });
  },
  'vm.stateChanged': (draft, event) => {
    const vm = draft.edit('vms', vmKey(event.service, event.vm));
    if (vm !== undefined) vm.state = event.to;
  },
  'vm.deleted': (draft, event) => {
    draft.remove('vms', vmKey(event.service, event.vm));
  },
  'vm.reconfigured': (draft, event) => {
    const vm = draft.edit('vms', vmKey(event.service, event.vm));
    if (vm === undefined) return;
    vm.size = event.size;
    vm.subnet = event.subnet ?? vm.subnet;
  },
  'dip.allocated': (draft, event) => {
    const vm = draft.edit('vms', vmKey(event.service, event.vm));
    if (vm === undefined) return;
    vm.ip = event.ip;
    vm.isStaticIp = event.static;
    vm.vnet = event.vnet ?? vm.vnet;
    vm.subnet = event.subnet ?? vm.subnet;
  },
  'dip.released': (draft, event) => {
    const key = vmKey(event.service, event.vm);
    if (draft.read('vms', key)?.ip !== event.ip) return;
    const vm = draft.edit('vms', key)!;
    vm.ip = null;
    vm.isStaticIp = false;
  },
  'endpoint.added': (draft, event) => {
    const key = vmKey(event.service, event.vm);
    if (draft.read('vms', key)?.endpoints.includes(event.endpoint) !== false) return;
    const vm = draft.edit('vms', key)!;
    vm.endpoints = [...vm.endpoints, event.endpoint];
  },
  'endpoint.removed': (draft, event) => {
    const vm = draft.edit('vms', vmKey(event.service, event.vm));
    if (vm !== undefined) vm.endpoints = vm.endpoints.filter((e) => e !== event.endpoint);
  },
  'command.refused': (draft, event) => {
    draft.view.refusedCount += 1;
    const refusal: RefusalView = { seq: event.seq, timeMs: event.time, command: event.command, code: event.code, message: event.message };
    for (const id of event.objects ?? []) draft.put('refusals', id, refusal);
  },
  'gateway.stateChanged': foldGatewayStatus,
  'gateway.operation': foldGatewayStatus,
  'connection.added': foldGatewayStatus,
  'connection.removed': foldGatewayStatus,
  'connection.stateChanged': foldGatewayStatus,
  'connection.sharedKeySet': foldGatewayStatus,
  'connect.agentInstalled': foldConnect,
  'connect.agentActivated': foldConnect,
  'connect.agentRemoved': foldConnect,
  'connect.roleEnabled': foldConnect,
  'connect.groupSet': foldConnect,
  'connect.groupDeleted': foldConnect,
  'connection.deviceChanged': (draft, event) => {
    const site = draft.edit('sites', event.site);
    if (site !== undefined) site.deviceUp = event.up;
  },
};

/**
 * Folds a gateway event into its VNet's status with the gateway's own fold, on a copy: the fold edits in place and
 * older views kept for the timeline share the previous record.
 */
function foldGatewayStatus(draft: ViewDraft, event: SimEvent & GatewayEvent & { vnet: string }): void {
  const current = draft.read('gateways', event.vnet);
  const world = { gateways: current === undefined ? {} : { [event.vnet]: copyGatewayStatus(current) } };
  applyGatewayEvent(world, event, event.time);
  draft.put('gateways', event.vnet, world.gateways[event.vnet]!);
}

/** Folds a Connect event with Connect's own fold on a copy of the (small) Connect world: older views share the previous one. */
function foldConnect(draft: ViewDraft, event: SimEvent & ConnectEvent): void {
  const world = structuredClone(draft.view.connect);
  applyConnectEvent(world, event);
  draft.view.connect = world;
}

function copyGatewayStatus(status: GatewayStatus): GatewayStatus {
  const connections = Object.fromEntries(Object.entries(status.connections).map(([site, c]) => [site, { ...c }]));
  return { ...status, connections, ...(status.lastOperation === undefined ? {} : { lastOperation: { ...status.lastOperation } }) };
}

function regionOfGroup(draft: ViewDraft, affinityGroup: string | null): string | null {
  return affinityGroup === null ? null : draft.read('affinityGroups', affinityGroup)?.region ?? null;
}
