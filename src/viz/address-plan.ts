import { formatIpv4, parseIpv4, parseIpv4Prefix } from './ipv4.js';
import type { View } from './view-model.js';

/** Addresses classic Azure keeps in every subnet at the start: network, .1 (gateway), .2 and .3 (DNS) — azure-classic.md §2.3. */
const RESERVED_AT_START = 4;
/** …and at the end: the broadcast address. */
const RESERVED_AT_END = 1;

/** What a stretch of addresses is used for; `unassigned` is address space no subnet covers. */
export type BlockKind = 'space' | 'subnet' | 'unassigned' | 'reserved' | 'allocated' | 'free';

/** One cell of the icicle: a contiguous run of addresses on one row. */
export interface AddressBlock {
  kind: BlockKind;
  /** Row: 0 address space, 1 subnets and unassigned gaps, 2 addresses inside a subnet. */
  depth: 0 | 1 | 2;
  /** Position on the VNet's axis: address spaces are laid side by side in the order declared. */
  offset: number;
  size: number;
  /** First address, dotted quad. */
  first: string;
  label: string;
}

/** A VNet's address plan as icicle rows over one axis of `totalSize` addresses. */
export interface AddressPlan {
  vnet: string;
  totalSize: number;
  blocks: AddressBlock[];
}

/** Lays out a VNet's IPv4 address space: subnets, gaps, and inside each subnet the reserved, allocated and free runs. */
export function planAddressBlocks(view: View, vnetName: string): AddressPlan {
  const vnet = view.vnets[vnetName];
  const blocks: AddressBlock[] = [];
  if (vnet === undefined) return { vnet: vnetName, totalSize: 0, blocks };
  const dipsBySubnet = new Map<string, { ip: number; label: string }[]>();
  for (const vm of Object.values(view.vms)) {
    if (vm.vnet !== vnetName || vm.subnet === null || vm.ip === null) continue;
    const ip = parseIpv4(vm.ip);
    if (ip === null) continue;
    const list = dipsBySubnet.get(vm.subnet) ?? [];
    list.push({ ip, label: `${vm.ip} ${vm.service}/${vm.name}${vm.isStaticIp ? ' (static)' : ''}` });
    dipsBySubnet.set(vm.subnet, list);
  }

  let axis = 0;
  for (const spaceText of vnet.addressSpace) {
    const space = parseIpv4Prefix(spaceText);
    if (space === null) continue;
    const at = (address: number): number => axis + address - space.start;
    blocks.push({ kind: 'space', depth: 0, offset: axis, size: space.size, first: formatIpv4(space.start), label: spaceText });
    const subnets = vnet.subnets
      .map((s) => ({ subnet: s, range: parseIpv4Prefix(s.prefix) }))
      .filter((s) => s.range !== null && s.range.start >= space.start && s.range.start + s.range.size <= space.start + space.size)
      .sort((a, b) => a.range!.start - b.range!.start);
    let cursor = space.start;
    for (const { subnet, range } of subnets) {
      const r = range!;
      // Overlapping subnets are a plan error reported by `check`; here the later one is drawn from where the first ended.
      const start = Math.max(r.start, cursor);
      if (start > cursor) blocks.push(gap(at(cursor), start - cursor, cursor));
      if (r.start + r.size <= cursor) continue;
      blocks.push({ kind: 'subnet', depth: 1, offset: at(start), size: r.start + r.size - start, first: formatIpv4(start), label: `${subnet.name} ${subnet.prefix}` });
      // A loop, not push(...cells): a big subnet's cells may outnumber the arguments a call takes.
      for (const c of subnetCells(r.start, r.size, dipsBySubnet.get(subnet.name) ?? [])) {
        if (c.start >= start) blocks.push({ kind: c.kind, depth: 2, offset: at(c.start), size: c.size, first: formatIpv4(c.start), label: c.label });
      }
      cursor = r.start + r.size;
    }
    if (cursor < space.start + space.size) blocks.push(gap(at(cursor), space.start + space.size - cursor, cursor));
    axis += space.size;
  }
  return { vnet: vnetName, totalSize: axis, blocks };
}

function gap(offset: number, size: number, first: number): AddressBlock {
  return { kind: 'unassigned', depth: 1, offset, size, first: formatIpv4(first), label: `${size} unassigned` };
}

interface Cell {
  kind: 'reserved' | 'allocated' | 'free';
  start: number;
  size: number;
  label: string;
}

function subnetCells(start: number, size: number, dips: { ip: number; label: string }[]): Cell[] {
  const end = start + size;
  const reservedHead = Math.min(RESERVED_AT_START, size);
  const reservedTail = size > RESERVED_AT_START ? RESERVED_AT_END : 0;
  const cells: Cell[] = [{ kind: 'reserved', start, size: reservedHead, label: `${reservedHead} reserved` }];
  let cursor = start + reservedHead;
  const usableEnd = end - reservedTail;
  const inside = dips.filter((d) => d.ip >= cursor && d.ip < usableEnd).sort((a, b) => a.ip - b.ip);
  for (const dip of inside) {
    if (dip.ip < cursor) continue;
    if (dip.ip > cursor) cells.push({ kind: 'free', start: cursor, size: dip.ip - cursor, label: `${dip.ip - cursor} free` });
    cells.push({ kind: 'allocated', start: dip.ip, size: 1, label: dip.label });
    cursor = dip.ip + 1;
  }
  if (usableEnd > cursor) cells.push({ kind: 'free', start: cursor, size: usableEnd - cursor, label: `${usableEnd - cursor} free` });
  if (reservedTail > 0) cells.push({ kind: 'reserved', start: usableEnd, size: reservedTail, label: 'broadcast (reserved)' });
  return cells;
}
