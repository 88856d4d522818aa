import { containsAddress4, formatIPv4, makePrefix4, parseIPv4, type Prefix4 } from '../ipam/index.js';
import type { FlowEnd, FlowSource } from './flow-end.js';
import { isInPrefixes, traceGatewayRoute } from './gateway-route.js';
import type { FlowProtocol, TopoLocalSite, TopoVm } from './model.js';
import { keyOfVm } from './model.js';
import { findNearNames } from '../common/index.js';
import type { TopologyIndex } from './topology-index.js';

/** Stable codes for query text that names nothing usable. */
export type EndpointErrorCode = 'unknown-name' | 'ambiguous-name' | 'ambiguous-address' | 'vip-needs-port' | 'outside-model';

/** Why a `from`/`to` text could not be resolved, with the names the user probably meant. */
export interface EndpointError {
  code: EndpointErrorCode;
  message: string;
  suggestions: string[];
}

/** A resolved value, or an error that says what was wrong and what would work. */
export type ResolveResult<T> = { ok: true; value: T } | { ok: false; error: EndpointError };

/**
 * Addresses that are never on the public Internet: RFC 1918 private space, shared CGN space, loopback, link-local,
 * "this network", multicast and reserved; an unmatched address in them names nothing in the world.
 */
const NON_INTERNET_PREFIXES: readonly Prefix4[] = [
  makePrefix4(0x0a000000, 8), makePrefix4(0xac100000, 12), makePrefix4(0xc0a80000, 16), makePrefix4(0x64400000, 10),
  makePrefix4(0x7f000000, 8), makePrefix4(0xa9fe0000, 16), makePrefix4(0x00000000, 8), makePrefix4(0xe0000000, 3),
];

const VIP_PORT_PATTERN = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
/** Only dotted quads go to the address parser: names are far more common in queries and never parse. */
const DOTTED_QUAD_PATTERN = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SITE_PREFIX = 'site:';

function fail<T>(code: EndpointErrorCode, message: string, suggestions: string[] = []): ResolveResult<T> {
  return { ok: false, error: { code, message, suggestions } };
}

/** A host address inside a local site, standing for "a machine on that on-premises network". */
export function sampleSiteAddress(site: TopoLocalSite): number | undefined {
  const first = site.addressPrefixes[0];
  if (first === undefined) return undefined;
  return first.length >= 31 ? first.network : (first.network + 1) >>> 0;
}

/**
 * Resolves the start of a flow: a VM name (unique), `service:vm` or `service/vm`, a DIP, `site:NAME`, or an
 * on-premises or Internet address.
 */
export function resolveFlowSource(index: TopologyIndex, text: string): ResolveResult<FlowSource> {
  const resolved = resolveText(index, text.trim(), undefined, undefined);
  if (!resolved.ok) return resolved;
  const end = resolved.value;
  if (end.kind === 'vip-port') {
    return fail('outside-model', `${text} is a VIP: a VIP only receives; name a VM of service ${end.service.name} instead`,
      (index.vmsByService.get(end.service.name) ?? []).slice(0, 5).map((vm) => `${vm.service}:${vm.name}`));
  }
  return { ok: true, value: end };
}

/** Resolves the target of a flow, reading a bare DIP the way the source would (its own service and VNet first). */
export function resolveFlowTarget(
  index: TopologyIndex, text: string, from: FlowSource, protocol: FlowProtocol,
): ResolveResult<FlowEnd> {
  const resolved = resolveText(index, text.trim(), from, protocol);
  if (!resolved.ok) return resolved;
  if (from.kind !== 'vm' && resolved.value.kind !== 'vm' && resolved.value.kind !== 'vip-port') {
    return fail('outside-model', `neither ${text} nor the source is inside Azure; name a VM, a DIP or a VIP:port at one end`);
  }
  return resolved;
}

function resolveText(
  index: TopologyIndex, text: string, from: FlowSource | undefined, protocol: FlowProtocol | undefined,
): ResolveResult<FlowEnd> {
  // Addresses start with a digit; most queries name VMs, which then skip both address patterns.
  if (isDigit(text.charCodeAt(0))) {
    const vipPort = VIP_PORT_PATTERN.exec(text);
    if (vipPort !== null) return resolveVipPort(index, vipPort[1] ?? '', Number(vipPort[2]), protocol ?? 'tcp');
    const address = DOTTED_QUAD_PATTERN.test(text) ? parseIPv4(text) : undefined;
    if (address?.ok === true) return resolveAddress(index, address.value, from);
  }
  if (text.startsWith(SITE_PREFIX)) return resolveSite(index, text.slice(SITE_PREFIX.length));
  return resolveVmName(index, text);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function resolveVipPort(index: TopologyIndex, vipText: string, port: number, protocol: FlowProtocol): ResolveResult<FlowEnd> {
  const vip = parseIPv4(vipText);
  const service = vip.ok ? index.servicesByVip.get(vip.value) : undefined;
  if (!vip.ok || service === undefined) {
    const vips = [...index.servicesByVip.keys()].map((v) => `${formatIPv4(v)} (${index.servicesByVip.get(v)?.name ?? ''})`);
    return fail('unknown-name', `${vipText} is not the VIP of any cloud service`, vips.slice(0, 5));
  }
  return { ok: true, value: { kind: 'vip-port', service, vip: vip.value, protocol, publicPort: port } };
}

function resolveAddress(index: TopologyIndex, address: number, from: FlowSource | undefined): ResolveResult<FlowEnd> {
  const service = index.servicesByVip.get(address);
  if (service !== undefined) {
    const ports = (index.vmsByService.get(service.name) ?? []).flatMap((vm) => vm.endpoints.map((e) => `${formatIPv4(address)}:${e.publicPort}`));
    return fail('vip-needs-port', `${formatIPv4(address)} is the VIP of service ${service.name}: say which public port, as VIP:port`, [...new Set(ports)].slice(0, 5));
  }
  const owners = index.vmsByDip.get(address) ?? [];
  if (owners.length > 0) {
    const chosen = chooseDipOwner(index, owners, from);
    if (chosen === undefined) {
      return fail('ambiguous-address', `${formatIPv4(address)} is the DIP of ${owners.length} VMs in separate networks; name one as service:vm`,
        owners.map((vm) => `${vm.service}:${vm.name}`));
    }
    return { ok: true, value: { kind: 'vm', vm: chosen, via: 'dip' } };
  }
  for (const site of index.sitesByName.values()) {
    if (!index.vnetsBySiteName.has(site.name) && isInPrefixes(site.addressPrefixes, address)) {
      return { ok: true, value: { kind: 'site', site, address } };
    }
  }
  const isInVnet = [...index.vnetsByName.values()].some((vnet) => isInPrefixes(vnet.addressSpace, address));
  const isPrivate = NON_INTERNET_PREFIXES.some((p) => containsAddress4(p, address));
  if (isInVnet) return { ok: true, value: { kind: 'unknown', address } };
  // A private address outside every VNet is on premises: a gateway routes it only if a connected site's prefixes
  // hold it, so the answer is the route and its blocker (prefix-not-in-local-site), not a usage error.
  return { ok: true, value: isPrivate ? { kind: 'site', site: undefined, address } : { kind: 'internet', address } };
}

/**
 * Picks which VM a shared DIP means from the source's point of view: its own service first, then its VNet, then
 * a VNet its gateways route the address to; DIPs repeat across isolated networks, so elsewhere it must be unique.
 */
function chooseDipOwner(index: TopologyIndex, owners: TopoVm[], from: FlowSource | undefined): TopoVm | undefined {
  if (owners.length === 1) return owners[0];
  if (from?.kind !== 'vm') return undefined;
  const service = index.serviceOf(from.vm);
  const vnet = index.vnetOfService(service);
  const tiers: ((vm: TopoVm) => boolean)[] = [
    (vm) => vm.service === service.name,
    (vm) => vnet !== undefined && index.vnetOfService(index.serviceOf(vm)) === vnet,
    (vm) => {
      const target = index.vnetOfService(index.serviceOf(vm));
      if (vnet === undefined || target === undefined) return false;
      const route = traceGatewayRoute(index, vnet, vm.dip, target);
      return route.end.kind === 'vnet';
    },
  ];
  for (const tier of tiers) {
    const matches = owners.filter(tier);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return undefined;
  }
  return undefined;
}

function resolveSite(index: TopologyIndex, name: string): ResolveResult<FlowEnd> {
  const site = index.sitesByName.get(name);
  const address = site === undefined ? undefined : sampleSiteAddress(site);
  if (site === undefined || address === undefined) {
    return fail('unknown-name', `no local network site '${name}' with an address space`,
      findNearNames(name, index.sitesByName.keys()).map((n) => `${SITE_PREFIX}${n}`));
  }
  return { ok: true, value: { kind: 'site', site, address } };
}

function resolveVmName(index: TopologyIndex, text: string): ResolveResult<FlowEnd> {
  if (text.includes(':') || text.includes('/')) {
    const vm = index.findVmByQualifiedName(text);
    if (vm !== undefined) return { ok: true, value: { kind: 'vm', vm, via: 'name' } };
  } else {
    const vms = index.findVmsNamed(text);
    if (vms.length === 1 && vms[0] !== undefined) return { ok: true, value: { kind: 'vm', vm: vms[0], via: 'name' } };
    if (vms.length > 1) {
      return fail('ambiguous-name', `${vms.length} cloud services hold a VM named ${text}; name one as service:vm`,
        vms.map((vm) => `${vm.service}:${vm.name}`));
    }
  }
  const site = findSiteNamed(index, text);
  if (site !== undefined) {
    return fail('unknown-name', `no VM called '${text}': ${site} is a local network site; write it as ${SITE_PREFIX}${site}`,
      [`${SITE_PREFIX}${site}`]);
  }
  const known = [...index.vmsByKey.values()].flatMap((vm) => [vm.name, keyOfVm(vm).replace('/', ':')]);
  return fail('unknown-name', `no VM called '${text}' (use a VM name, service:vm, a DIP, VIP:port, site:NAME or an address)`,
    findNearNames(text, new Set(known)));
}

/** The local site a bare name means (exact, else case-insensitive): users write `HQ` where reach wants `site:HQ`. */
function findSiteNamed(index: TopologyIndex, text: string): string | undefined {
  if (index.sitesByName.has(text)) return text;
  const lower = text.toLowerCase();
  return [...index.sitesByName.keys()].find((name) => name.toLowerCase() === lower);
}
