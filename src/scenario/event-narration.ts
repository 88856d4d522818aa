import type { SimEvent } from '../sim/index.js';
import { formatClock } from './duration.js';

/** Width of the subject column, so the "what happened" column lines up for the usual names. */
const SUBJECT_WIDTH = 22;

/** One event told for people: who it happened to, and what happened. */
interface Narration {
  subject: string;
  text: string;
}

type Narrate = (event: Fields, dips: ReadonlyMap<string, string>) => Narration;

/** An event's payload fields, read as text. */
interface Fields {
  get(name: string): string;
  has(name: string): boolean;
  raw: SimEvent;
}

const vm = (e: Fields): string => `vm ${e.get('service')}/${e.get('vm')}`;
const service = (e: Fields): string => `service ${e.get('service')}`;
const tunnel = (e: Fields): string => `tunnel ${e.get('vnet')} ↔ ${e.get('site')}`;
const place = (e: Fields): string =>
  e.has('vnet') ? ` in ${e.get('vnet')}${e.has('subnet') ? `/${e.get('subnet')}` : ''}` : '';

// One sentence per event type of the catalogue (src/sim/events.ts, src/vm/events.ts, src/gateway).
const NARRATIONS: Record<string, Narrate> = {
  'world.started': (e) => ({ subject: 'world', text: `started (seed ${e.get('seed')}, era ${e.get('era')})` }),
  'localSite.defined': (e) => ({
    subject: `site ${e.get('site')}`,
    text: `defined: ${e.get('addressPrefixes')}${e.has('vpnGatewayAddress') ? `, VPN device ${e.get('vpnGatewayAddress')}` : ''}`,
  }),
  'command.refused': (e) => ({
    subject: `command ${e.get('command')}`,
    text: `refused ${e.get('code')}: ${e.get('message')}${e.has('at') ? `  (${e.get('at')})` : ''}`,
  }),
  'affinityGroup.created': (e) => ({ subject: `affinity group ${e.get('affinityGroup')}`, text: `created in ${e.get('region')}` }),
  'vnet.defined': (e) => ({
    subject: `vnet ${e.get('vnet')}`,
    text: `defined: ${e.get('addressSpace')} in ${e.has('affinityGroup') ? `affinity group ${e.get('affinityGroup')}` : e.get('region')}`,
  }),
  'service.created': (e) => ({
    subject: service(e),
    text: `created ${e.get('dnsName')} in ${e.has('affinityGroup') ? `${e.get('affinityGroup')} (${e.get('region')})` : e.get('region')}`,
  }),
  'service.deleted': (e) => ({ subject: service(e), text: 'deleted' }),
  'service.kindSet': (e) => ({
    subject: service(e),
    text: e.has('kind') ? `is now ${e.get('kind')}` : 'has no deployment: neither IaaS nor PaaS again',
  }),
  'deployment.created': (e) => ({
    subject: service(e),
    text: `${e.get('slot')} deployment ${e.get('name')} created (${e.get('kind')}${e.has('vnet') ? `, vnet ${e.get('vnet')}` : ''})`,
  }),
  'deployment.statusChanged': (e) => ({
    subject: service(e),
    text: `${e.get('slot')} deployment ${e.get('from')} → ${e.get('to')}`,
  }),
  'deployment.deleted': (e) => ({ subject: service(e), text: `${e.get('slot')} deployment ${e.get('name')} deleted` }),
  'vip.assigned': (e) => ({ subject: service(e), text: `VIP ${e.get('ip')} assigned (${e.get('slot')})` }),
  'vip.released': (e) => ({ subject: service(e), text: `VIP ${e.get('ip')} released (${e.get('slot')})` }),
  'vip.swapped': (e) => ({
    subject: service(e),
    text: `VIPs swapped: production ${e.get('production')}, staging ${e.get('staging')}`,
  }),
  'publicIp.allocated': (e) => ({ subject: `public ip ${e.get('ip')}`, text: `allocated to ${e.get('owner')}` }),
  'image.added': (e) => ({ subject: `image ${e.get('image')}`, text: `added (${e.get('os')}, generalized)` }),
  'disk.added': (e) => ({
    subject: `disk ${e.get('disk')}`,
    text: e.has('sourceImage') ? `copied from image ${e.get('sourceImage')}` : `added (${e.get('os')}, specialized)`,
  }),
  'disk.leased': (e) => ({ subject: `disk ${e.get('disk')}`, text: `leased by ${e.get('service')}/${e.get('vm')}` }),
  'disk.released': (e) => ({ subject: `disk ${e.get('disk')}`, text: `lease released by ${e.get('service')}/${e.get('vm')}` }),
  'disk.deleted': (e) => ({ subject: `disk ${e.get('disk')}`, text: 'deleted' }),
  'vm.created': (e) => {
    const source = e.raw['source'] as { image?: string; disk?: string } | undefined;
    const from = source?.image !== undefined ? `image ${source.image}` : `disk ${source?.disk ?? '?'}`;
    return { subject: vm(e), text: `created from ${from} (${e.get('size')}, ${e.get('os')})${place(e)}` };
  },
  'vm.macAssigned': (e) => ({ subject: vm(e), text: `new MAC ${e.get('mac')}` }),
  'dip.allocated': (e) => ({
    subject: vm(e),
    text: `dip ${e.get('ip')} allocated${e.get('static') === 'true' ? ' (static)' : ''}${place(e)}`,
  }),
  'dip.released': (e) => ({ subject: vm(e), text: `dip ${e.get('ip')} released${e.get('static') === 'true' ? ' (static)' : ''}` }),
  'vm.stateChanged': (e, dips) => {
    const dip = dips.get(`${e.get('service')}/${e.get('vm')}`);
    return { subject: vm(e), text: `${e.get('from')} → ${e.get('to')}${dip === undefined ? '' : `  dip ${dip}`}` };
  },
  'vm.deleted': (e) => ({ subject: vm(e), text: 'deleted' }),
  'endpoint.added': (e) => ({
    subject: vm(e),
    text: `endpoint ${e.get('endpoint')} ${e.get('protocol')} public ${e.get('publicPort')} → private ${e.get('privatePort')}`,
  }),
  'endpoint.removed': (e) => ({ subject: vm(e), text: `endpoint ${e.get('endpoint')} removed` }),
  'endpoint.aclChanged': (e) => ({ subject: vm(e), text: `endpoint ${e.get('endpoint')} ACL replaced` }),
  'role.instancesChanged': (e) => ({
    subject: service(e),
    text: `${e.get('slot')} role ${e.get('role')} (${e.get('kind')}): ${instanceCount(e.raw)} instance(s)`,
  }),
  'gateway.stateChanged': (e) => ({
    subject: `gateway ${e.get('vnet')}`,
    text: `${e.get('from')} → ${e.get('to')}${e.has('publicIp') ? `  ip ${e.get('publicIp')}` : ''}`,
  }),
  'gateway.operation': (e) => ({
    subject: `gateway ${e.get('vnet')}`,
    text: `${e.get('operation')} ${e.get('operationStatus')}: ${e.get('message')}`,
  }),
  'connection.added': (e) => ({
    subject: tunnel(e),
    text: `site joined the gateway's connections (${e.get('addressPrefixes')}, device ${e.get('vpnGatewayAddress')})`,
  }),
  'connection.removed': (e) => ({ subject: tunnel(e), text: "site left the gateway's connections" }),
  // The key itself stays in the JSON log; the timeline only says who set it.
  'connection.sharedKeySet': (e) => ({
    subject: tunnel(e),
    text: e.get('generated') === 'true' ? 'shared key generated by Azure' : 'shared key set (Set-AzureVNetGatewayKey)',
  }),
  'connection.deviceChanged': (e) => ({
    subject: `device ${e.get('site')}`,
    text: `${e.get('up') === 'true' ? 'up' : 'down'}: ${describeDevice(e.raw['settings'])}`,
  }),
  'connection.ike': (e) => ({ subject: tunnel(e), text: `IKE ${e.get('exchange')}: ${e.get('detail')}` }),
  'connection.stateChanged': (e) => ({ subject: tunnel(e), text: describeConnectivityChange(e) }),
};

/**
 * A tunnel's state change. A retry keeps the last failure on the connection, so it names the reason without
 * repeating the message; a re-report in the same state (a tunnel refused before it started, a new reason while
 * connecting) says so instead of showing a non-change like "NotConnected → NotConnected".
 */
function describeConnectivityChange(e: Fields): string {
  const reason = e.has('reason') ? ` [${e.get('reason')}]` : '';
  if (e.get('retry') === 'true') return `${e.get('from')} → ${e.get('to')}${reason}: retrying; the connection still shows the last failure`;
  if (e.get('from') !== e.get('to')) return `${e.get('from')} → ${e.get('to')}${reason}: ${e.get('message')}`;
  const change = e.get('to') === 'NotConnected' ? 'not started' : `still ${e.get('to')}`;
  return `${change}${reason}: ${e.get('message')}`;
}

/**
 * Returns a narrator that turns events, in log order, into timeline lines such as
 * `00:15:00  vm web/web1            Provisioning → ReadyRole  dip 10.1.1.4`. It follows DIPs as they are allocated
 * and released so a state change can say which address the VM holds.
 */
export function createEventNarrator(): (event: SimEvent) => string {
  const dips = new Map<string, string>();
  return (event) => {
    const fields = readFields(event);
    const key = `${fields.get('service')}/${fields.get('vm')}`;
    if (event.type === 'dip.allocated') dips.set(key, fields.get('ip'));
    if (event.type === 'dip.released' || event.type === 'vm.deleted') dips.delete(key);
    const narrate = NARRATIONS[event.type] ?? narrateGeneric;
    const { subject, text } = narrate(fields, dips);
    return `${formatClock(event.time)}  ${subject.padEnd(SUBJECT_WIDTH)}  ${text}`;
  };
}

/** Any event type without a sentence of its own (added to the catalogue later): its type and payload as `key=value`. */
function narrateGeneric(e: Fields): Narration {
  const { seq: _seq, time: _time, type, ...payload } = e.raw;
  const parts = Object.keys(payload).map((name) => `${name}=${e.get(name)}`);
  return { subject: type, text: parts.join(' ') };
}

function readFields(event: SimEvent): Fields {
  return {
    raw: event,
    has: (name) => event[name] !== undefined && event[name] !== null,
    get: (name) => showField(event[name]),
  };
}

function showField(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (Array.isArray(value)) return value.map(showField).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function instanceCount(event: SimEvent): number {
  const instances = event['instances'];
  return Array.isArray(instances) ? instances.length : 0;
}

/** A device's settings in words, without its key (the JSON log keeps every field). */
function describeDevice(settings: unknown): string {
  if (settings === null || typeof settings !== 'object') return 'settings unknown';
  const fields = new Map(Object.entries(settings));
  const ikeVersions = fields.get('ikeVersions');
  const versions = Array.isArray(ikeVersions) ? ikeVersions.map((v) => `IKEv${String(v)}`).join('/') : 'IKE ?';
  const reachable = fields.get('reachable') === false ? ', unreachable' : '';
  const gatewayAddress = fields.get('gatewayAddress');
  const peer = gatewayAddress === undefined ? '' : `, Azure peer ${showField(gatewayAddress)}`;
  return `${showField(fields.get('routing'))} ${versions}, public IP ${showField(fields.get('publicIp'))}${peer}${reachable}`;
}
