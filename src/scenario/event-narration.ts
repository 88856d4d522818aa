import type { EventType, SimEvent, SimEventOf } from '../sim/index.js';
import { formatClock } from '../input/index.js';
import { CONNECT_NARRATIONS } from './connect-narration.js';
import { NarratorMemory } from './narrator-memory.js';
import { COLUMN_GAP, told } from './timeline-columns.js';

/** The clock column's unit: it shows whole seconds. */
const MS_PER_SECOND = 1_000;

/**
 * One sentence per event type of the catalogue, as the line after its clock (see {@link told}): adding a type to the
 * catalogue asks for its sentence here.
 */
type Narrations = { [K in EventType]: (event: SimEventOf<K>, memory: NarratorMemory) => string };

interface TunnelNamed { vnet: string; site: string }
interface Placed { vnet?: string; subnet?: string }

const service = (e: { service: string }): string => `service ${e.service}`;
const tunnel = (e: TunnelNamed): string => `tunnel ${e.vnet} ↔ ${e.site}`;
const place = (e: Placed): string => (e.vnet !== undefined ? ` in ${e.vnet}${e.subnet !== undefined ? `/${e.subnet}` : ''}` : '');
const list = (values: readonly string[]): string => values.join(', ');
/** An absent or null field, as the timeline shows it. */
const show = (value: string | null | undefined): string => value ?? '(none)';

const NARRATIONS: Narrations = {
  ...CONNECT_NARRATIONS,
  'world.started': (e) => told('world', `started (seed ${e.seed}, era ${e.era})`),
  'localSite.defined': (e) => told(
    `site ${e.site}`,
    `defined: ${list(e.addressPrefixes)}${e.vpnGatewayAddress !== undefined ? `, VPN device ${e.vpnGatewayAddress}` : ''}`,
  ),
  'command.refused': (e) => told(
    `command ${e.command}`,
    `refused ${e.code}: ${e.message}${e.at !== undefined ? `  (${e.at})` : ''}`,
  ),
  'affinityGroup.created': (e) => told(`affinity group ${e.affinityGroup}`, `created in ${e.region}`),
  'affinityGroup.deleted': (e) => told(`affinity group ${e.affinityGroup}`, 'deleted'),
  'vnet.removed': (e) => told(`vnet ${e.vnet}`, 'removed from the network configuration'),
  'localSite.removed': (e) => told(`site ${e.site}`, 'removed from the network configuration'),
  'vnet.defined': (e) => told(
    `vnet ${e.vnet}`,
    `defined: ${list(e.addressSpace)} in ${e.affinityGroup !== undefined ? `affinity group ${e.affinityGroup}` : show(e.region)}`,
  ),
  'service.created': (e) => told(
    service(e),
    `created ${e.dnsName} in ${e.affinityGroup !== undefined ? `${e.affinityGroup} (${e.region})` : e.region}`,
  ),
  'service.deleted': (e) => told(service(e), 'deleted'),
  'service.kindSet': (e) => told(
    service(e),
    e.kind !== null ? `is now ${e.kind}` : 'has no deployment: neither IaaS nor PaaS again',
  ),
  'deployment.created': (e) => told(
    service(e),
    `${e.slot} deployment ${e.name} created (${e.kind}${e.vnet !== undefined ? `, vnet ${e.vnet}` : ''})`,
  ),
  'deployment.statusChanged': (e) => told(service(e), `${e.slot} deployment ${e.from} → ${e.to}`),
  'deployment.deleted': (e) => told(service(e), `${e.slot} deployment ${e.name} deleted`),
  'vip.assigned': (e) => told(service(e), `VIP ${e.ip} assigned (${e.slot})`),
  'vip.released': (e) => told(service(e), `VIP ${e.ip} released (${e.slot})`),
  'vip.swapped': (e) => told(service(e), `VIPs swapped: production ${show(e.production)}, staging ${show(e.staging)}`),
  'publicIp.allocated': (e) => told(`public ip ${e.ip}`, `allocated to ${e.owner}`),
  'reservedIp.created': (e) => told(`reserved ip ${e.name}`, `${e.ip} reserved in ${e.location}`),
  'reservedIp.deleted': (e) => told(`reserved ip ${e.name}`, `${e.ip} released to the pool`),
  'internalLoadBalancer.added': (e) => told(service(e), `internal load balancer ${e.name} at ${e.ip}${e.subnet === undefined ? '' : ` in ${e.vnet ?? ''}/${e.subnet}`}`),
  'internalLoadBalancer.removed': (e) => told(service(e), `internal load balancer ${e.name} removed (${e.ip} freed)`),
  'image.added': (e) => told(`image ${e.image}`, `added (${e.os}, generalized)`),
  'disk.added': (e) => told(
    `disk ${e.disk}`,
    e.sourceImage !== undefined ? `copied from image ${e.sourceImage}` : `added (${e.os}, specialized)`,
  ),
  'disk.leased': (e) => told(`disk ${e.disk}`, `leased by ${e.service}/${e.vm}`),
  'disk.released': (e) => told(`disk ${e.disk}`, `lease released by ${e.service}/${e.vm}`),
  'disk.deleted': (e) => told(`disk ${e.disk}`, 'deleted'),
  'vm.created': (e, m) => {
    const from = 'image' in e.source ? `image ${e.source.image}` : `disk ${e.source.disk}`;
    return m.toldOfVm(e, `created from ${from} (${e.size}, ${e.os})${place(e)}`);
  },
  'vm.macAssigned': (e, m) => m.toldOfVm(e, `new MAC ${e.mac}`),
  'vm.reconfigured': (e, m) => m.toldOfVm(e, `now ${e.size}${e.subnet === undefined ? '' : ` in subnet ${e.subnet}`}`),
  'dip.allocated': (e, m) => m.toldOfVm(e, `dip ${e.ip} allocated${e.static ? ' (static)' : ''}${place(e)}`),
  'dip.released': (e, m) => m.toldOfVm(e, `dip ${e.ip} released${e.static ? ' (static)' : ''}`),
  'vm.stateChanged': (e, m) => {
    const dip = m.dipOf(e);
    return m.toldOfVm(e, `${e.from} → ${e.to}${dip === undefined ? '' : `  dip ${dip}`}`);
  },
  'vm.deleted': (e, m) => m.toldOfVm(e, 'deleted'),
  'endpoint.added': (e, m) => m.toldOfVm(
    e,
    `endpoint ${e.endpoint} ${e.protocol} public ${e.publicPort} → private ${e.privatePort}`,
  ),
  'endpoint.removed': (e, m) => m.toldOfVm(e, `endpoint ${e.endpoint} removed`),
  'endpoint.aclChanged': (e, m) => m.toldOfVm(e, `endpoint ${e.endpoint} ACL replaced`),
  'role.instancesChanged': (e) => told(
    service(e),
    `${e.slot} role ${e.role} (${e.kind}): ${e.instances.length} instance(s)`,
  ),
  'gateway.stateChanged': (e) => told(
    `gateway ${e.vnet}`,
    `${e.from} → ${e.to}${e.publicIp !== undefined ? `  ip ${e.publicIp}` : ''}`,
  ),
  'gateway.operation': (e) => told(`gateway ${e.vnet}`, `${e.operation} ${e.operationStatus}: ${e.message}`),
  'connection.added': (e) => told(
    tunnel(e),
    `site joined the gateway's connections (${list(e.addressPrefixes)}, device ${e.vpnGatewayAddress})`,
  ),
  'connection.removed': (e) => told(tunnel(e), "site left the gateway's connections"),
  // The key itself stays in the JSON log; the timeline only says who set it.
  'connection.sharedKeySet': (e) => told(
    tunnel(e),
    e.generated ? 'shared key generated by Azure' : 'shared key set (Set-AzureVNetGatewayKey)',
  ),
  'connection.deviceChanged': (e) => told(`device ${e.site}`, `${e.up ? 'up' : 'down'}: ${describeDevice(e.settings)}`),
  'connection.ike': (e) => told(tunnel(e), `IKE ${e.exchange}: ${e.detail}`),
  'connection.stateChanged': (e) => told(tunnel(e), describeConnectivityChange(e)),
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
  const memory = new NarratorMemory();
  // Events come in bursts within one second (a VNet's 2,048 VMs at 0s, boots a few ms apart): the clock shows whole
  // seconds, so its text is formatted once per second that has events.
  let clockSecond = -1;
  let clockColumn = '';
  return (event) => {
    memory.follow(event);
    const told = narrate(event, memory);
    const second = Math.floor(event.time / MS_PER_SECOND);
    if (second !== clockSecond) {
      clockSecond = second;
      clockColumn = `${formatClock(event.time)}${COLUMN_GAP}`;
    }
    return clockColumn + told;
  };
}

function narrate<K extends EventType>(event: SimEventOf<K>, memory: NarratorMemory): string {
  const tell: Narrations[K] = NARRATIONS[event.type];
  return tell(event, memory);
}

/** A device's settings in words, without its key (the JSON log keeps every field). */
function describeDevice(settings: SimEventOf<'connection.deviceChanged'>['settings']): string {
  const versions = settings.ikeVersions.map((v) => `IKEv${v}`).join('/');
  const reachable = settings.reachable === false ? ', unreachable' : '';
  const peer = settings.gatewayAddress === undefined ? '' : `, Azure peer ${settings.gatewayAddress}`;
  return `${settings.routing} ${versions}, public IP ${settings.publicIp}${peer}${reachable}`;
}
