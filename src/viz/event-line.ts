import type { VizEvent } from './event-fields.js';

/**
 * The timeline's words for an event, in the style of `vnetsim run`'s narration (src/scenario/event-narration.ts):
 * `00:16:00  tunnel CorpVNet ↔ HQ  Connecting → Connected: …`. The page may import only src/viz, so it tells events
 * itself; it is stateless (the list shows a window of the log), so unlike the CLI a VM's state change does not repeat
 * its DIP. Event types it has no sentence for read as `type key=value …`.
 */
export interface EventLine {
  /** Simulated time as `hh:mm:ss`, with `Nd ` in front after the first day. */
  clock: string;
  /** Who it happened to: `vm web/web1`, `gateway CorpVNet`, `tunnel CorpVNet ↔ HQ` … */
  subject: string;
  /** What happened. */
  text: string;
}

type Fields = (name: string) => string;
type Tell = (get: Fields, has: (name: string) => boolean) => [subject: string, text: string];

const vm = (get: Fields): string => `vm ${get('service')}/${get('vm')}`;
const service = (get: Fields): string => `service ${get('service')}`;
const tunnel = (get: Fields): string => `tunnel ${get('vnet')} ↔ ${get('site')}`;
const change = (get: Fields): string => `${get('from')} → ${get('to')}`;

const TELLERS: Record<string, Tell> = {
  'world.started': (get) => ['world', `started (seed ${get('seed')}, era ${get('era')})`],
  'command.refused': (get, has) => [`command ${get('command')}`, `refused ${get('code')}: ${get('message')}${has('at') ? ` (${get('at')})` : ''}`],
  'affinityGroup.created': (get, has) => [`affinity group ${has('affinityGroup') ? get('affinityGroup') : get('name')}`, `created in ${get('region')}`],
  'vnet.defined': (get, has) => [`vnet ${get('vnet')}`,
    `defined: ${get('addressSpace')} in ${has('affinityGroup') ? `affinity group ${get('affinityGroup')}` : get('region')}`],
  'localSite.defined': (get, has) => [`site ${get('site')}`,
    `defined: ${get('addressPrefixes')}${has('vpnGatewayAddress') ? `, VPN device ${get('vpnGatewayAddress')}` : ''}`],
  'service.created': (get, has) => [service(get), `created in ${has('affinityGroup') ? `affinity group ${get('affinityGroup')}` : get('region')}`],
  'service.deleted': (get) => [service(get), 'deleted'],
  'service.kindSet': (get, has) => [service(get), has('kind') ? `is now ${get('kind')}` : 'has no deployment: neither IaaS nor PaaS again'],
  'deployment.statusChanged': (get) => [service(get), `${get('slot')} deployment ${change(get)}`],
  'vip.assigned': (get, has) => [service(get), `VIP ${has('vip') ? get('vip') : get('ip')} assigned`],
  'vip.released': (get, has) => [service(get), `VIP ${has('vip') ? get('vip') : get('ip')} released`],
  'deployment.created': (get) => [service(get), `${get('slot')} deployment ${get('name')} created (${get('kind')})`],
  'deployment.deleted': (get) => [service(get), `${get('slot')} deployment ${get('name')} deleted`],
  'vip.swapped': (get) => [service(get), `VIPs swapped: production ${get('production')}, staging ${get('staging')}`],
  'role.instancesChanged': (get) => [service(get), `${get('slot')} role ${get('role')} (${get('kind')}) instances changed`],
  'image.added': (get) => [`image ${get('image')}`, `added (${get('os')}, generalized)`],
  'disk.added': (get, has) => [`disk ${get('disk')}`, has('sourceImage') ? `copied from image ${get('sourceImage')}` : `added (${get('os')}, specialized)`],
  'disk.leased': (get) => [`disk ${get('disk')}`, `leased by ${get('service')}/${get('vm')}`],
  'disk.released': (get) => [`disk ${get('disk')}`, `lease released by ${get('service')}/${get('vm')}`],
  'disk.deleted': (get) => [`disk ${get('disk')}`, 'deleted'],
  'vm.macAssigned': (get) => [vm(get), `new MAC ${get('mac')}`],
  'endpoint.aclChanged': (get) => [vm(get), `endpoint ${get('endpoint')} ACL replaced`],
  'publicIp.allocated': (get) => [`public ip ${get('ip')}`, `allocated to ${get('owner')}`],
  'vm.created': (get, has) => [vm(get), `created (${get('size')}, ${get('os')})${has('vnet') ? ` in ${get('vnet')}/${get('subnet')}` : ''}`],
  'vm.stateChanged': (get) => [vm(get), change(get)],
  'vm.deleted': (get) => [vm(get), 'deleted'],
  'dip.allocated': (get, has) => [vm(get), `dip ${get('ip')} allocated${get('static') === 'true' ? ' (static)' : ''}${has('subnet') ? ` in ${get('vnet')}/${get('subnet')}` : ''}`],
  'dip.released': (get) => [vm(get), `dip ${get('ip')} released`],
  'endpoint.added': (get, has) => [vm(get),
    `endpoint ${has('endpoint') ? get('endpoint') : get('name')}${has('publicPort') ? ` ${get('protocol')} public ${get('publicPort')} → private ${get('privatePort')}` : ' added'}`],
  'endpoint.removed': (get, has) => [vm(get), `endpoint ${has('endpoint') ? get('endpoint') : get('name')} removed`],
  'gateway.stateChanged': (get, has) => [`gateway ${get('vnet')}`, `${change(get)}${has('publicIp') ? `  ip ${get('publicIp')}` : ''}`],
  'gateway.operation': (get) => [`gateway ${get('vnet')}`, `${get('operation')} ${get('operationStatus')}: ${get('message')}`],
  'connection.added': (get) => [tunnel(get), "site joined the gateway's connections"],
  'connection.removed': (get) => [tunnel(get), "site left the gateway's connections"],
  // The key stays in the raw fields; the line only says who set it.
  'connection.sharedKeySet': (get) => [tunnel(get), get('generated') === 'true' ? 'shared key generated by Azure' : 'shared key set'],
  'connection.deviceChanged': (get) => [`device ${get('site')}`, get('up') === 'false' ? 'down' : 'up'],
  'connection.ike': (get) => [tunnel(get), `IKE ${get('exchange')}: ${get('detail')}`],
  'connection.stateChanged': (get, has) => {
    const reason = has('reason') ? ` [${get('reason')}]` : '';
    // A retry keeps the last failure on the connection (Get-AzureVNetConnection), so only the reason is repeated.
    if (get('retry') === 'true') return [tunnel(get), `${change(get)}${reason}: retrying`];
    const what = get('from') === get('to') ? (get('to') === 'NotConnected' ? 'not started' : `still ${get('to')}`) : change(get);
    return [tunnel(get), `${what}${reason}${has('message') ? `: ${get('message')}` : ''}`];
  },
};

/** Tells one event for people. */
export function narrateEvent(event: VizEvent): EventLine {
  const record = event as unknown as Record<string, unknown>;
  const has = (name: string): boolean => record[name] !== undefined && record[name] !== null;
  const get = (name: string): string => showValue(record[name]);
  const tell = TELLERS[event.type];
  const [subject, text] = tell === undefined ? [event.type, formatEventFields(event)] : tell(get, has);
  return { clock: formatClock(event.time), subject, text };
}

/** The event's payload as `key=value` pairs: the raw fields behind a narrated line. */
export function formatEventFields(event: VizEvent): string {
  return Object.entries(event as unknown as Record<string, unknown>)
    .filter(([key]) => key !== 'seq' && key !== 'time' && key !== 'type')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/** Simulated ms as `hh:mm:ss`, days in front when there are any (the CLI's clock format). */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(totalSeconds / 3600) % 24)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

function showValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.map(showValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
