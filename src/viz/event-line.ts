import type { EventType, SimEvent, SimEventOf } from '../sim/index.js';
import { CONNECT_TELLERS } from './connect-event-lines.js';

/**
 * The timeline's words for an event, in the style of `vnetsim run`'s narration (src/scenario/event-narration.ts):
 * `00:16:00  tunnel CorpVNet ↔ HQ  Connecting → Connected: …`. The page bundles only src/viz (it imports the event
 * catalogue's types, never its schemas), so it tells events itself; it is stateless (the list shows a window of the
 * log), so unlike the CLI a VM's state change does not repeat its DIP.
 */
export interface EventLine {
  /** Simulated time as `hh:mm:ss`, with `Nd ` in front after the first day. */
  clock: string;
  /** Who it happened to: `vm web/web1`, `gateway CorpVNet`, `tunnel CorpVNet ↔ HQ` … */
  subject: string;
  /** What happened. */
  text: string;
}

/** One sentence per event type of the catalogue: adding a type to the catalogue asks for its words here. */
type Tellers = { [K in EventType]: (event: SimEventOf<K>) => [subject: string, text: string] };

const vm = (e: { service: string; vm: string }): string => `vm ${e.service}/${e.vm}`;
const service = (e: { service: string }): string => `service ${e.service}`;
const tunnel = (e: { vnet: string; site: string }): string => `tunnel ${e.vnet} ↔ ${e.site}`;
const change = (e: { from: string; to: string }): string => `${e.from} → ${e.to}`;
const list = (values: readonly string[]): string => values.join(', ');
/** An absent or null field, as the timeline shows it. */
const show = (value: string | null | undefined): string => value ?? '(none)';

const TELLERS: Tellers = {
  ...CONNECT_TELLERS,
  'world.started': (e) => ['world', `started (seed ${e.seed}, era ${e.era})`],
  'command.refused': (e) => [`command ${e.command}`, `refused ${e.code}: ${e.message}${e.at !== undefined ? ` (${e.at})` : ''}`],
  'affinityGroup.created': (e) => [`affinity group ${e.affinityGroup}`, `created in ${e.region}`],
  'affinityGroup.deleted': (e) => [`affinity group ${e.affinityGroup}`, 'deleted'],
  'vnet.removed': (e) => [`vnet ${e.vnet}`, 'removed from the network configuration'],
  'localSite.removed': (e) => [`site ${e.site}`, 'removed from the network configuration'],
  'vnet.defined': (e) => [`vnet ${e.vnet}`,
    `defined: ${list(e.addressSpace)} in ${e.affinityGroup !== undefined ? `affinity group ${e.affinityGroup}` : show(e.region)}`],
  'localSite.defined': (e) => [`site ${e.site}`,
    `defined: ${list(e.addressPrefixes)}${e.vpnGatewayAddress !== undefined ? `, VPN device ${e.vpnGatewayAddress}` : ''}`],
  'service.created': (e) => [service(e), `created in ${e.affinityGroup !== undefined ? `affinity group ${e.affinityGroup}` : e.region}`],
  'service.deleted': (e) => [service(e), 'deleted'],
  'service.kindSet': (e) => [service(e), e.kind !== null ? `is now ${e.kind}` : 'has no deployment: neither IaaS nor PaaS again'],
  'deployment.statusChanged': (e) => [service(e), `${e.slot} deployment ${change(e)}`],
  'vip.assigned': (e) => [service(e), `VIP ${e.ip} assigned`],
  'vip.released': (e) => [service(e), `VIP ${e.ip} released`],
  'deployment.created': (e) => [service(e), `${e.slot} deployment ${e.name} created (${e.kind})`],
  'deployment.deleted': (e) => [service(e), `${e.slot} deployment ${e.name} deleted`],
  'vip.swapped': (e) => [service(e), `VIPs swapped: production ${show(e.production)}, staging ${show(e.staging)}`],
  'role.instancesChanged': (e) => [service(e), `${e.slot} role ${e.role} (${e.kind}) instances changed`],
  'image.added': (e) => [`image ${e.image}`, `added (${e.os}, generalized)`],
  'disk.added': (e) => [`disk ${e.disk}`, e.sourceImage !== undefined ? `copied from image ${e.sourceImage}` : `added (${e.os}, specialized)`],
  'disk.leased': (e) => [`disk ${e.disk}`, `leased by ${e.service}/${e.vm}`],
  'disk.released': (e) => [`disk ${e.disk}`, `lease released by ${e.service}/${e.vm}`],
  'disk.deleted': (e) => [`disk ${e.disk}`, 'deleted'],
  'vm.macAssigned': (e) => [vm(e), `new MAC ${e.mac}`],
  'vm.reconfigured': (e) => [vm(e), `now ${e.size}${e.subnet === undefined ? '' : ` in subnet ${e.subnet}`}`],
  'endpoint.aclChanged': (e) => [vm(e), `endpoint ${e.endpoint} ACL replaced`],
  'publicIp.allocated': (e) => [`public ip ${e.ip}`, `allocated to ${e.owner}`],
  'reservedIp.created': (e) => [`reserved ip ${e.name}`, `${e.ip} reserved in ${e.location}`],
  'reservedIp.deleted': (e) => [`reserved ip ${e.name}`, `${e.ip} released`],
  'internalLoadBalancer.added': (e) => [service(e), `internal load balancer ${e.name} at ${e.ip}`],
  'internalLoadBalancer.removed': (e) => [service(e), `internal load balancer ${e.name} removed`],
  'vm.created': (e) => [vm(e), `created (${e.size}, ${e.os})${e.vnet !== undefined ? ` in ${e.vnet}/${show(e.subnet)}` : ''}`],
  'vm.stateChanged': (e) => [vm(e), change(e)],
  'vm.deleted': (e) => [vm(e), 'deleted'],
  'dip.allocated': (e) => [vm(e), `dip ${e.ip} allocated${e.static ? ' (static)' : ''}${e.subnet !== undefined ? ` in ${show(e.vnet)}/${e.subnet}` : ''}`],
  'dip.released': (e) => [vm(e), `dip ${e.ip} released`],
  'endpoint.added': (e) => [vm(e), `endpoint ${e.endpoint} ${e.protocol} public ${e.publicPort} → private ${e.privatePort}`],
  'endpoint.removed': (e) => [vm(e), `endpoint ${e.endpoint} removed`],
  'gateway.stateChanged': (e) => [`gateway ${e.vnet}`, `${change(e)}${e.publicIp !== undefined ? `  ip ${e.publicIp}` : ''}`],
  'gateway.operation': (e) => [`gateway ${e.vnet}`, `${e.operation} ${e.operationStatus}: ${e.message}`],
  'connection.added': (e) => [tunnel(e), "site joined the gateway's connections"],
  'connection.removed': (e) => [tunnel(e), "site left the gateway's connections"],
  // The key stays in the raw fields; the line only says who set it.
  'connection.sharedKeySet': (e) => [tunnel(e), e.generated ? 'shared key generated by Azure' : 'shared key set'],
  'connection.deviceChanged': (e) => [`device ${e.site}`, e.up ? 'up' : 'down'],
  'connection.ike': (e) => [tunnel(e), `IKE ${e.exchange}: ${e.detail}`],
  'connection.stateChanged': (e) => {
    const reason = e.reason !== undefined ? ` [${e.reason}]` : '';
    // A retry keeps the last failure on the connection (Get-AzureVNetConnection), so only the reason is repeated.
    if (e.retry === true) return [tunnel(e), `${change(e)}${reason}: retrying`];
    const what = e.from === e.to ? (e.to === 'NotConnected' ? 'not started' : `still ${e.to}`) : change(e);
    return [tunnel(e), `${what}${reason}: ${e.message}`];
  },
};

/** Tells one event for people. */
export function narrateEvent(event: SimEvent): EventLine {
  const [subject, text] = tell(event);
  return { clock: formatClock(event.time), subject, text };
}

function tell<K extends EventType>(event: SimEventOf<K>): [subject: string, text: string] {
  const teller: Tellers[K] = TELLERS[event.type];
  return teller(event);
}

/** The event's payload as `key=value` pairs: the raw fields behind a narrated line. */
export function formatEventFields(event: SimEvent): string {
  return Object.entries(event)
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
