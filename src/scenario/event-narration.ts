import type { EventType, SimEvent, SimEventOf } from '../sim/index.js';
import { formatClock } from '../input/index.js';
import { CONNECT_NARRATIONS } from './connect-narration.js';

/** Width of the subject column, so the "what happened" column lines up for the usual names. */
const SUBJECT_WIDTH = 22;

/** One event told for people: who it happened to, and what happened. */
interface Narration {
  subject: string;
  text: string;
}

/** DIPs the narrator has seen allocated and not yet released, by service then VM name. */
type HeldDips = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** One sentence per event type of the catalogue: adding a type to the catalogue asks for its sentence here. */
type Narrations = { [K in EventType]: (event: SimEventOf<K>, dips: HeldDips) => Narration };

interface VmNamed { service: string; vm: string }
interface TunnelNamed { vnet: string; site: string }
interface Placed { vnet?: string; subnet?: string }

const vm = (e: VmNamed): string => `vm ${e.service}/${e.vm}`;
const service = (e: { service: string }): string => `service ${e.service}`;
const tunnel = (e: TunnelNamed): string => `tunnel ${e.vnet} ↔ ${e.site}`;
const place = (e: Placed): string => (e.vnet !== undefined ? ` in ${e.vnet}${e.subnet !== undefined ? `/${e.subnet}` : ''}` : '');
const list = (values: readonly string[]): string => values.join(', ');
/** An absent or null field, as the timeline shows it. */
const show = (value: string | null | undefined): string => value ?? '(none)';

const NARRATIONS: Narrations = {
  ...CONNECT_NARRATIONS,
  'world.started': (e) => ({ subject: 'world', text: `started (seed ${e.seed}, era ${e.era})` }),
  'localSite.defined': (e) => ({
    subject: `site ${e.site}`,
    text: `defined: ${list(e.addressPrefixes)}${e.vpnGatewayAddress !== undefined ? `, VPN device ${e.vpnGatewayAddress}` : ''}`,
  }),
  'command.refused': (e) => ({
    subject: `command ${e.command}`,
    text: `refused ${e.code}: ${e.message}${e.at !== undefined ? `  (${e.at})` : ''}`,
  }),
  'affinityGroup.created': (e) => ({ subject: `affinity group ${e.affinityGroup}`, text: `created in ${e.region}` }),
  'affinityGroup.deleted': (e) => ({ subject: `affinity group ${e.affinityGroup}`, text: 'deleted' }),
  'vnet.removed': (e) => ({ subject: `vnet ${e.vnet}`, text: 'removed from the network configuration' }),
  'localSite.removed': (e) => ({ subject: `site ${e.site}`, text: 'removed from the network configuration' }),
  'vnet.defined': (e) => ({
    subject: `vnet ${e.vnet}`,
    text: `defined: ${list(e.addressSpace)} in ${e.affinityGroup !== undefined ? `affinity group ${e.affinityGroup}` : show(e.region)}`,
  }),
  'service.created': (e) => ({
    subject: service(e),
    text: `created ${e.dnsName} in ${e.affinityGroup !== undefined ? `${e.affinityGroup} (${e.region})` : e.region}`,
  }),
  'service.deleted': (e) => ({ subject: service(e), text: 'deleted' }),
  'service.kindSet': (e) => ({
    subject: service(e),
    text: e.kind !== null ? `is now ${e.kind}` : 'has no deployment: neither IaaS nor PaaS again',
  }),
  'deployment.created': (e) => ({
    subject: service(e),
    text: `${e.slot} deployment ${e.name} created (${e.kind}${e.vnet !== undefined ? `, vnet ${e.vnet}` : ''})`,
  }),
  'deployment.statusChanged': (e) => ({ subject: service(e), text: `${e.slot} deployment ${e.from} → ${e.to}` }),
  'deployment.deleted': (e) => ({ subject: service(e), text: `${e.slot} deployment ${e.name} deleted` }),
  'vip.assigned': (e) => ({ subject: service(e), text: `VIP ${e.ip} assigned (${e.slot})` }),
  'vip.released': (e) => ({ subject: service(e), text: `VIP ${e.ip} released (${e.slot})` }),
  'vip.swapped': (e) => ({ subject: service(e), text: `VIPs swapped: production ${show(e.production)}, staging ${show(e.staging)}` }),
  'publicIp.allocated': (e) => ({ subject: `public ip ${e.ip}`, text: `allocated to ${e.owner}` }),
  'reservedIp.created': (e) => ({ subject: `reserved ip ${e.name}`, text: `${e.ip} reserved in ${e.location}` }),
  'reservedIp.deleted': (e) => ({ subject: `reserved ip ${e.name}`, text: `${e.ip} released to the pool` }),
  'internalLoadBalancer.added': (e) => ({ subject: service(e), text: `internal load balancer ${e.name} at ${e.ip}${e.subnet === undefined ? '' : ` in ${e.vnet ?? ''}/${e.subnet}`}` }),
  'internalLoadBalancer.removed': (e) => ({ subject: service(e), text: `internal load balancer ${e.name} removed (${e.ip} freed)` }),
  'image.added': (e) => ({ subject: `image ${e.image}`, text: `added (${e.os}, generalized)` }),
  'disk.added': (e) => ({
    subject: `disk ${e.disk}`,
    text: e.sourceImage !== undefined ? `copied from image ${e.sourceImage}` : `added (${e.os}, specialized)`,
  }),
  'disk.leased': (e) => ({ subject: `disk ${e.disk}`, text: `leased by ${e.service}/${e.vm}` }),
  'disk.released': (e) => ({ subject: `disk ${e.disk}`, text: `lease released by ${e.service}/${e.vm}` }),
  'disk.deleted': (e) => ({ subject: `disk ${e.disk}`, text: 'deleted' }),
  'vm.created': (e) => {
    const from = 'image' in e.source ? `image ${e.source.image}` : `disk ${e.source.disk}`;
    return { subject: vm(e), text: `created from ${from} (${e.size}, ${e.os})${place(e)}` };
  },
  'vm.macAssigned': (e) => ({ subject: vm(e), text: `new MAC ${e.mac}` }),
  'vm.reconfigured': (e) => ({ subject: vm(e), text: `now ${e.size}${e.subnet === undefined ? '' : ` in subnet ${e.subnet}`}` }),
  'dip.allocated': (e) => ({ subject: vm(e), text: `dip ${e.ip} allocated${e.static ? ' (static)' : ''}${place(e)}` }),
  'dip.released': (e) => ({ subject: vm(e), text: `dip ${e.ip} released${e.static ? ' (static)' : ''}` }),
  'vm.stateChanged': (e, dips) => {
    const dip = dips.get(e.service)?.get(e.vm);
    return { subject: vm(e), text: `${e.from} → ${e.to}${dip === undefined ? '' : `  dip ${dip}`}` };
  },
  'vm.deleted': (e) => ({ subject: vm(e), text: 'deleted' }),
  'endpoint.added': (e) => ({
    subject: vm(e),
    text: `endpoint ${e.endpoint} ${e.protocol} public ${e.publicPort} → private ${e.privatePort}`,
  }),
  'endpoint.removed': (e) => ({ subject: vm(e), text: `endpoint ${e.endpoint} removed` }),
  'endpoint.aclChanged': (e) => ({ subject: vm(e), text: `endpoint ${e.endpoint} ACL replaced` }),
  'role.instancesChanged': (e) => ({
    subject: service(e),
    text: `${e.slot} role ${e.role} (${e.kind}): ${e.instances.length} instance(s)`,
  }),
  'gateway.stateChanged': (e) => ({
    subject: `gateway ${e.vnet}`,
    text: `${e.from} → ${e.to}${e.publicIp !== undefined ? `  ip ${e.publicIp}` : ''}`,
  }),
  'gateway.operation': (e) => ({ subject: `gateway ${e.vnet}`, text: `${e.operation} ${e.operationStatus}: ${e.message}` }),
  'connection.added': (e) => ({
    subject: tunnel(e),
    text: `site joined the gateway's connections (${list(e.addressPrefixes)}, device ${e.vpnGatewayAddress})`,
  }),
  'connection.removed': (e) => ({ subject: tunnel(e), text: "site left the gateway's connections" }),
  // The key itself stays in the JSON log; the timeline only says who set it.
  'connection.sharedKeySet': (e) => ({
    subject: tunnel(e),
    text: e.generated ? 'shared key generated by Azure' : 'shared key set (Set-AzureVNetGatewayKey)',
  }),
  'connection.deviceChanged': (e) => ({ subject: `device ${e.site}`, text: `${e.up ? 'up' : 'down'}: ${describeDevice(e.settings)}` }),
  'connection.ike': (e) => ({ subject: tunnel(e), text: `IKE ${e.exchange}: ${e.detail}` }),
  'connection.stateChanged': (e) => ({ subject: tunnel(e), text: describeConnectivityChange(e) }),
};

/**
 * A tunnel's state change. A retry keeps the last failure on the connection, so it names the reason without
 * repeating the message; a re-report in the same state (a tunnel refused before it started, a new reason while
 * connecting) says so instead of showing a non-change like "NotConnected → NotConnected".
 */
function describeConnectivityChange(e: SimEventOf<'connection.stateChanged'>): string {
  const reason = e.reason !== undefined ? ` [${e.reason}]` : '';
  if (e.retry === true) return `${e.from} → ${e.to}${reason}: retrying; the connection still shows the last failure`;
  if (e.from !== e.to) return `${e.from} → ${e.to}${reason}: ${e.message}`;
  const change = e.to === 'NotConnected' ? 'not started' : `still ${e.to}`;
  return `${change}${reason}: ${e.message}`;
}

/**
 * Returns a narrator that turns events, in log order, into timeline lines such as
 * `00:15:00  vm web/web1            Provisioning → ReadyRole  dip 10.1.1.4`. It follows DIPs as they are allocated
 * and released so a state change can say which address the VM holds.
 */
export function createEventNarrator(): (event: SimEvent) => string {
  const dips = new Map<string, Map<string, string>>();
  // events come in bursts at one time (a VNet's 2,048 VMs at 0s): its clock text is formatted once per burst
  let clockTime = -1;
  let clockColumn = '';
  return (event) => {
    if (event.type === 'dip.allocated') dipsOf(dips, event.service).set(event.vm, event.ip);
    if (event.type === 'dip.released' || event.type === 'vm.deleted') dips.get(event.service)?.delete(event.vm);
    const { subject, text } = narrate(event, dips);
    if (event.time !== clockTime) {
      clockTime = event.time;
      clockColumn = `${formatClock(event.time)}${COLUMN_GAP}`;
    }
    return clockColumn + subjectColumn(subject) + text;
  };
}

/** The DIPs held in one cloud service, made on first use. */
function dipsOf(dips: Map<string, Map<string, string>>, serviceName: string): Map<string, string> {
  let held = dips.get(serviceName);
  if (held === undefined) dips.set(serviceName, (held = new Map()));
  return held;
}

/** The spaces between two columns of a timeline line. */
const COLUMN_GAP = '  ';
/**
 * What follows a subject of each length up to the column's width: its padding and the gap, one string, so a line is
 * three concatenations (`padEnd` would copy the subject, and each piece is one more to join when the text is written).
 */
const SUBJECT_ENDINGS = Array.from({ length: SUBJECT_WIDTH + 1 }, (_, length) => ' '.repeat(SUBJECT_WIDTH - length) + COLUMN_GAP);

/** `subject` padded with spaces to the subject column's width, then the gap; a longer subject is not cut. */
function subjectColumn(subject: string): string {
  return subject + (SUBJECT_ENDINGS[subject.length] ?? COLUMN_GAP);
}

function narrate<K extends EventType>(event: SimEventOf<K>, dips: HeldDips): Narration {
  const tell: Narrations[K] = NARRATIONS[event.type];
  return tell(event, dips);
}

/** A device's settings in words, without its key (the JSON log keeps every field). */
function describeDevice(settings: SimEventOf<'connection.deviceChanged'>['settings']): string {
  const versions = settings.ikeVersions.map((v) => `IKEv${v}`).join('/');
  const reachable = settings.reachable === false ? ', unreachable' : '';
  const peer = settings.gatewayAddress === undefined ? '' : `, Azure peer ${settings.gatewayAddress}`;
  return `${settings.routing} ${versions}, public IP ${settings.publicIp}${peer}${reachable}`;
}
