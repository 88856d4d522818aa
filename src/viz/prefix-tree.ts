import {
  AZURE_CLASSIC_RESERVED, FreeSpaceIndex, containsAddress4, containsPrefix, formatIPv4, formatPrefix, parseIPv4, parsePrefix4,
  prefixLast4, utilisation, type Prefix4,
} from '../ipam/index.js';
import { compareNatural } from './natural-order.js';
import { gatewayOf, type View, type VmView, type VnetView } from './view-model.js';

/**
 * The address plan as NetBox's prefix view shows it: one row per prefix, sorted by address and nested (a VNet's
 * address space, then its subnets and free blocks), each with its size and utilisation, so a /24 inside a /16 is a
 * row like any other instead of a sliver. Free blocks come from the same FreeSpaceIndex as `vnetsim free`; reserved
 * addresses follow the platform's policy (src/ipam/reserved-policy.ts). Pure: the page draws what this returns.
 */

/** What a row of the tree is: a VNet's address space, a subnet, a free block in a space, or an on-premises prefix. */
export type PrefixRowKind = 'space' | 'subnet' | 'free' | 'site';

/** One prefix of the tree. */
export interface PrefixRow {
  kind: PrefixRowKind;
  /** 0 for address spaces and site prefixes, 1 for what lies inside a space. */
  depth: 0 | 1;
  /** CIDR text, canonical (`10.1.1.0/24`). */
  prefix: string;
  /** The VNet (or on-premises site) the row belongs to. */
  owner: string;
  /** The subnet's name; empty on other rows. */
  subnet: string;
  /** Number of addresses. */
  size: number;
  /** Share in use, 0–1: subnets over a space, held addresses over a subnet's usable ones; `null` where it means nothing. */
  utilisation: number | null;
  /** One line on what fills it (`12 of 251 usable held`, `3 subnets`). */
  detail: string;
}

/** A run of addresses inside a subnet and who holds it. */
export interface AddressRow {
  kind: 'reserved' | 'held' | 'free';
  first: string;
  /** Last address of the run; equal to `first` for one address. */
  last: string;
  count: number;
  /** Who holds it: a VM (`web/web1`), the platform's use of a reserved address, the gateway, or nothing when free. */
  holder: string;
}

/** What the platform keeps each address at a subnet's start for (azure-classic.md §2.3); the rest of the head is "reserved". */
const RESERVED_HEAD_ROLES = ['network address', 'default gateway', 'Azure DNS', 'Azure DNS'];

/** The subnet a classic VNet's gateway lives in (azure-classic.md §3). */
const GATEWAY_SUBNET = 'GatewaySubnet';

/** Every address space and on-premises prefix of the world with what lies inside, sorted by address. */
export function buildPrefixTree(view: View): PrefixRow[] {
  const groups: { top: PrefixRow; network: number; length: number; children: PrefixRow[] }[] = [];
  const holders = indexHolders(view);
  for (const vnet of Object.values(view.vnets)) {
    const subnets = readSubnets(vnet);
    for (const text of vnet.addressSpace) {
      const space = readPrefix(text);
      if (space === undefined) continue;
      const inside = subnets.filter((s) => containsPrefix(space, s.prefix));
      const free = new FreeSpaceIndex([space], inside.map((s) => s.prefix)).freePrefixes();
      const used = utilisation([space], inside.map((s) => s.prefix));
      const top: PrefixRow = {
        kind: 'space', depth: 0, prefix: formatPrefix(space), owner: vnet.name, subnet: '', size: sizeOf(space),
        utilisation: used.ratio, detail: `VNet ${vnet.name}: ${count(inside.length, 'subnet')}, ${count(free.length, 'free block')}`,
      };
      // Sorted on the numbers, not the text: parsing each CIDR again per comparison was most of a large plan's cost.
      const children = [
        ...inside.map((s) => ({ at: s.prefix, row: subnetRow(view, vnet, s.name, s.prefix, holders.get(`${vnet.name}/${s.name}`) ?? []) })),
        ...free.map((p) => ({ at: p, row: freeRow(vnet.name, p) })),
      ].sort((a, b) => a.at.network - b.at.network || a.at.length - b.at.length).map((c) => c.row);
      groups.push({ top, network: space.network, length: space.length, children });
    }
  }
  for (const site of Object.values(view.sites)) {
    for (const text of site.addressPrefixes) {
      const prefix = readPrefix(text);
      if (prefix === undefined) continue;
      const top: PrefixRow = {
        kind: 'site', depth: 0, prefix: formatPrefix(prefix), owner: site.name, subnet: '', size: sizeOf(prefix), utilisation: null,
        detail: `on-premises site ${site.name}`,
      };
      groups.push({ top, network: prefix.network, length: prefix.length, children: [] });
    }
  }
  groups.sort((a, b) => a.network - b.network || a.length - b.length || compareNatural(a.top.owner, b.top.owner));
  return groups.flatMap((g) => [g.top, ...g.children]);
}

/**
 * The addresses of one subnet in order: the reserved head and tail, each held DIP with its VM, the gateway on the
 * gateway subnet, and the free runs between them (one row per run, so a /16 lists its holders, not 65,536 lines).
 */
export function listSubnetAddresses(view: View, vnetName: string, subnetName: string): AddressRow[] {
  const vnet = view.vnets[vnetName];
  const subnet = vnet === undefined ? undefined : readSubnets(vnet).find((s) => s.name === subnetName);
  if (vnet === undefined || subnet === undefined) return [];
  const first = subnet.prefix.network;
  const last = prefixLast4(subnet.prefix);
  const { reservedAtStart, reservedAtEnd } = AZURE_CLASSIC_RESERVED;
  const usableFirst = first + reservedAtStart;
  const usableLast = last - reservedAtEnd;
  const rows: AddressRow[] = [];
  for (let ip = first; ip < usableFirst && ip <= last; ip++) {
    rows.push(single('reserved', ip, `${RESERVED_HEAD_ROLES[ip - first] ?? 'reserved'} (reserved)`));
  }
  if (subnetName === GATEWAY_SUBNET && gatewayOf(view, vnet.name) !== null) {
    rows.push(run('held', usableFirst, usableLast, describeGateway(view, vnet)));
  } else {
    let cursor = usableFirst;
    for (const { ip, vm } of indexHolders(view).get(`${vnetName}/${subnetName}`) ?? []) {
      if (ip < cursor || ip > usableLast) continue;
      if (ip > cursor) rows.push(run('free', cursor, ip - 1, ''));
      rows.push(single('held', ip, `${keyOf(vm)}${vm.isStaticIp ? ' (static)' : ''} · ${vm.state}`));
      cursor = ip + 1;
    }
    if (cursor <= usableLast) rows.push(run('free', cursor, usableLast, ''));
  }
  for (let ip = Math.max(usableLast + 1, usableFirst); ip <= last; ip++) rows.push(single('reserved', ip, 'broadcast address (reserved)'));
  return rows;
}

function freeRow(owner: string, prefix: Prefix4): PrefixRow {
  return { kind: 'free', depth: 1, prefix: formatPrefix(prefix), owner, subnet: '', size: sizeOf(prefix), utilisation: 0, detail: 'free' };
}

function subnetRow(view: View, vnet: VnetView, name: string, prefix: Prefix4, holders: readonly Holder[]): PrefixRow {
  const base = { kind: 'subnet' as const, depth: 1 as const, prefix: formatPrefix(prefix), owner: vnet.name, subnet: name, size: sizeOf(prefix) };
  if (name === GATEWAY_SUBNET && gatewayOf(view, vnet.name) !== null) {
    return { ...base, utilisation: null, detail: `${name}: ${describeGateway(view, vnet)}` };
  }
  const usable = Math.max(0, sizeOf(prefix) - AZURE_CLASSIC_RESERVED.reservedAtStart - AZURE_CLASSIC_RESERVED.reservedAtEnd);
  const held = holders.filter((h) => containsAddress4(prefix, h.ip)).length;
  return { ...base, utilisation: usable === 0 ? null : held / usable, detail: `${name}: ${held} of ${usable} usable held` };
}

/** A VM holding an address. */
interface Holder {
  ip: number;
  vm: VmView;
}

/**
 * Each VM record's DIP as a number, parsed once: a view shares every record an event did not touch with the view
 * before it, and parsing 2,000 DIPs per frame was most of a large plan's cost.
 */
const parsedDips = new WeakMap<VmView, number | null>();

function dipOf(vm: VmView): number | null {
  let dip = parsedDips.get(vm);
  if (dip === undefined) {
    const parsed = vm.ip === null ? undefined : parseIPv4(vm.ip);
    dip = parsed?.ok === true ? parsed.value : null;
    parsedDips.set(vm, dip);
  }
  return dip;
}

/** The VMs holding a DIP, by `vnet/subnet`, each list by address (two holders of one address are both listed). */
function indexHolders(view: View): Map<string, Holder[]> {
  const bySubnet = new Map<string, Holder[]>();
  for (const vm of Object.values(view.vms)) {
    const ip = dipOf(vm);
    if (vm.vnet === null || vm.subnet === null || ip === null) continue;
    const key = `${vm.vnet}/${vm.subnet}`;
    const list = bySubnet.get(key);
    const holder = { ip, vm };
    if (list === undefined) bySubnet.set(key, [holder]);
    else list.push(holder);
  }
  for (const list of bySubnet.values()) list.sort((a, b) => a.ip - b.ip || compareNatural(keyOf(a.vm), keyOf(b.vm)));
  return bySubnet;
}

function keyOf(vm: VmView): string {
  return `${vm.service}/${vm.name}`;
}

function describeGateway(view: View, vnet: VnetView): string {
  const gateway = gatewayOf(view, vnet.name);
  return gateway === null ? '' : `held by the ${vnet.name} gateway (${gateway.state}${gateway.publicIp === undefined ? '' : `, VIP ${gateway.publicIp}`})`;
}

function readSubnets(vnet: VnetView): { name: string; prefix: Prefix4 }[] {
  return vnet.subnets.flatMap((s) => {
    const prefix = readPrefix(s.prefix);
    return prefix === undefined ? [] : [{ name: s.name, prefix }];
  });
}

/** An IPv4 prefix of the plan; anything else was refused by the plan's rules before it reached a world. */
function readPrefix(text: string): Prefix4 | undefined {
  const parsed = parsePrefix4(text.trim());
  return parsed.ok ? parsed.value : undefined;
}

function sizeOf(prefix: Prefix4): number {
  return 2 ** (32 - prefix.length);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function single(kind: AddressRow['kind'], ip: number, holder: string): AddressRow {
  return run(kind, ip, ip, holder);
}

function run(kind: AddressRow['kind'], first: number, last: number, holder: string): AddressRow {
  return { kind, first: formatIPv4(first), last: formatIPv4(last), count: last - first + 1, holder };
}
