import { eventTypeAt, type EventLog, type SimEvent } from '../sim/index.js';
import type { FlowChange, ReachClass } from '../topology/index.js';

/** One event that touched an object a changed flow depends on: the log's seq and time, its type and that object. */
export interface CauseEvent {
  seq: number;
  time: number;
  type: string;
  object: string;
  /** `from → to` of a state change, the address of an allocation, the reason of a tunnel drop … */
  detail: string;
}

/**
 * Event types that change something the reachability engine reads (VM state and DIP, endpoints and ACLs, VIPs,
 * deployments, gateway state, tunnel state and the devices behind it). IKE steps, MACs and disks never decide a flow.
 */
const REACH_EVENT_TYPES: ReadonlySet<string> = new Set([
  'vnet.defined', 'localSite.defined', 'service.created', 'service.deleted', 'service.kindSet',
  'deployment.created', 'deployment.statusChanged', 'deployment.deleted', 'vip.assigned', 'vip.released', 'vip.swapped',
  'vm.created', 'vm.stateChanged', 'vm.deleted', 'dip.allocated', 'dip.released', 'role.instancesChanged',
  'endpoint.added', 'endpoint.removed', 'endpoint.aclChanged',
  'gateway.stateChanged', 'connection.stateChanged', 'connection.added', 'connection.removed', 'connection.sharedKeySet',
  'connection.deviceChanged',
]);

/** Stands for "every VNet" in a connection object named by an event about the on-premises device alone. */
const ANY_VNET = '*';

/**
 * The objects an event is about, named the way hops and blockers name them (`vm:web/web1`, `service:data`,
 * `gateway:CorpVNet`, `connection:CorpVNet->HQ`, `endpoint:data/sql1/sql`), so a blocker finds the events behind it.
 */
export function listEventObjects(event: SimEvent): string[] {
  const service = 'service' in event ? event.service : undefined;
  const vm = 'vm' in event ? event.vm : undefined;
  const endpoint = 'endpoint' in event ? event.endpoint : undefined;
  const vnet = 'vnet' in event ? event.vnet : undefined;
  const site = 'site' in event ? event.site : undefined;
  const family = event.type.slice(0, event.type.indexOf('.'));
  const objects: string[] = [];
  if (service !== undefined && vm !== undefined) {
    objects.push(`vm:${service}/${vm}`);
    if (endpoint !== undefined) objects.push(`endpoint:${service}/${vm}/${endpoint}`);
  } else if (service !== undefined) {
    objects.push(`service:${service}`);
  }
  if (family === 'gateway' && vnet !== undefined) objects.push(`gateway:${vnet}`);
  // A device event names only its site; it decides the tunnel of every VNet connected to that site.
  if (family === 'connection' && site !== undefined) objects.push(`connection:${vnet ?? ANY_VNET}->${site}`);
  if (event.type === 'vnet.defined' && vnet !== undefined) objects.push(`vnet:${vnet}`);
  if (event.type === 'localSite.defined' && site !== undefined) objects.push(`site:${site}`);
  return objects;
}

/** An event that can decide a flow, with the objects it is about. */
export interface ReachEvent {
  event: SimEvent;
  objects: string[];
}

/** The events that can decide a flow, each with its objects, worked out once for every change a diff explains. */
export function listReachEvents(events: EventLog): ReachEvent[] {
  const found: ReachEvent[] = [];
  for (let index = 0; index < events.length; index++) {
    if (!REACH_EVENT_TYPES.has(eventTypeAt(events, index))) continue;
    const event = events.at(index)!;
    found.push({ event, objects: listEventObjects(event) });
  }
  return found;
}

/**
 * The events between two moments that touched an object the change depends on: the blockers of its failing side,
 * the gateways and tunnels a gained flow now passes, and the members of a class that exists on one side only (a VM created or deleted in between).
 */
export function findCauseEvents(change: FlowChange, classes: readonly ReachClass[], events: readonly ReachEvent[]): CauseEvent[] {
  const wanted = new Set([...change.blockers.map((b) => b.object), ...change.openedThrough]);
  if (change.before === 'absent' || change.after === 'absent') {
    for (const c of classes) {
      if ((c.id === change.from || c.id === change.to) && c.kind === 'vms') for (const key of c.members) wanted.add(`vm:${key}`);
    }
  }
  const causes: CauseEvent[] = [];
  for (const { event, objects } of events) {
    const object = matchWanted(objects, wanted);
    if (object !== undefined) causes.push({ seq: event.seq, time: event.time, type: event.type, object, detail: describeEvent(event) });
  }
  return causes;
}

/** The first wanted object an event is about; a device's `connection:*->SITE` stands for each VNet's tunnel to SITE. */
function matchWanted(objects: readonly string[], wanted: ReadonlySet<string>): string | undefined {
  const anyVnet = `connection:${ANY_VNET}->`;
  for (const object of objects) {
    if (wanted.has(object)) return object;
    if (!object.startsWith(anyVnet)) continue;
    const site = object.slice(anyVnet.length);
    for (const w of wanted) if (w.startsWith('connection:') && w.endsWith(`->${site}`)) return w;
  }
  return undefined;
}

function describeEvent(event: SimEvent): string {
  const parts: string[] = [];
  if ('from' in event && 'to' in event) parts.push(`${event.from} → ${event.to}`);
  if ('ip' in event) parts.push(event.ip);
  if ('reason' in event && event.reason !== undefined) parts.push(`reason ${event.reason}`);
  if ('up' in event) parts.push(event.up ? 'device up' : 'device down');
  // A device can be up yet cut off: its internet link fault is what stops the tunnel (setLinkFault).
  if ('settings' in event && !event.settings.reachable) parts.push('link broken');
  return parts.join(', ');
}
