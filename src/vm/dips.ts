import {
  AZURE_CLASSIC_RESERVED, containsAddress4, formatIPv4, parseIPv4, parsePrefix4, prefixLast4, SubnetAllocator, type Prefix4, type StaticIpTest,
} from '../ipam/index.js';
import type { DipHolder, DipPool } from './model.js';
import { vmKey } from './vm-table.js';

/**
 * DIP allocation over a subnet or fabric range whose allocations live in the world as a DipPool (holders by address
 * offset, so the fold rebuilds them). Classic reserves 5 addresses per subnet: the network address, .1–.3 (default
 * gateway, Azure DNS) and the broadcast address, so the first VM gets x.x.x.4 (azure-classic.md §2.3; ipam's
 * AZURE_CLASSIC_RESERVED policy).
 *
 * Next-free and the static-IP test answer from an ipam SubnetAllocator (a bitmap with a summary level: O(1) amortised
 * per DIP instead of a scan from the subnet's first address) kept beside each pool. The pool stays the truth; the index
 * is built from it on first use (a copied pool, e.g. a trial run's structuredClone, gets its own) and kept in step by
 * recordDip/forgetDip, the only writers of a pool: a pool written any other way is not seen.
 */

/** Why a requested static DIP cannot be used. */
export type StaticDipProblem = 'dip-outside-subnet' | 'dip-reserved' | 'dip-in-use' | 'dip-invalid';

const POLICY = AZURE_CLASSIC_RESERVED;

/** Parses a pool prefix the plan already validated; a malformed one is a programming error. */
export function parsePoolPrefix(prefixText: string): Prefix4 {
  const parsed = parsePrefix4(prefixText);
  if (!parsed.ok) throw new RangeError(`not an IPv4 prefix: ${prefixText}`);
  return parsed.value;
}

/** Number of DIPs a subnet can hand out (its size minus the 5 reserved addresses). */
export function countUsableDips(prefixText: string): number {
  const prefix = parsePoolPrefix(prefixText);
  return Math.max(0, prefixLast4(prefix) - prefix.network + 1 - POLICY.reservedAtStart - POLICY.reservedAtEnd);
}

/** True for the network address, .1–.3 and the broadcast address of the subnet. */
export function isReservedDip(prefixText: string, ip: string): boolean {
  const prefix = parsePoolPrefix(prefixText);
  const address = parseIPv4(ip);
  if (!address.ok || !containsAddress4(prefix, address.value)) return false;
  return address.value < prefix.network + POLICY.reservedAtStart || address.value > prefixLast4(prefix) - POLICY.reservedAtEnd;
}

/** True when `ip` is an IPv4 address inside `prefixText`. */
export function isDipInPool(prefixText: string, ip: string): boolean {
  const address = parseIPv4(ip);
  return address.ok && containsAddress4(parsePoolPrefix(prefixText), address.value);
}

/** A pool's index and the prefix it was built for (a pool copied for a what-if gets an index of its own). */
interface DipIndex {
  prefixText: string;
  allocator: SubnetAllocator;
}

const indexes = new WeakMap<DipPool, DipIndex>();

/**
 * The address findFreeDip handed out last, with its pool's allocator: New-AzureVM picks it and the fold records it
 * right after, so recording that very string marks its bit and files its holder without parsing it back.
 */
const lastPicked: { pool: DipPool | undefined; allocator: SubnetAllocator | undefined; ip: string; address: number } = {
  pool: undefined, allocator: undefined, ip: '', address: 0,
};

/** An empty pool for a range (a subnet's prefix, a deployment's fabric prefix, or null/'' when it has none). */
export function createDipPool(prefixText: string | null): DipPool {
  const parsed = prefixText === null ? undefined : parsePrefix4(prefixText);
  return { network: parsed?.ok === true ? parsed.value.network : 0, holders: new Map() };
}

/** A copy of a pool that can be written without touching the original (a what-if's scratch pool). */
export function copyDipPool(pool: DipPool): DipPool {
  return { network: pool.network, holders: new Map(pool.holders) };
}

/** The owner name of a holder: `service/vm` for a VM, the recorded name otherwise. */
export function nameDipHolder(holder: DipHolder): string {
  return typeof holder === 'string' ? holder : vmKey(holder.service, holder.name);
}

/** Who holds `ip` in a pool (its owner name), or undefined when it is free. */
export function findDipHolder(pool: DipPool, ip: string): string | undefined {
  const address = parseIPv4(ip);
  if (!address.ok) return undefined;
  const holder = pool.holders.get(address.value - pool.network);
  return holder === undefined ? undefined : nameDipHolder(holder);
}

/** Who holds the address `address` (a number) in a pool, or undefined when it is free. */
export function findDipHolderAt(pool: DipPool, address: number): DipHolder | undefined {
  return pool.holders.get(address - pool.network);
}

/** Every DIP of a pool with its holder, in allocation order. */
export function listDipHolders(pool: DipPool): [ip: string, holder: DipHolder][] {
  const listed: [string, DipHolder][] = [];
  for (const [offset, holder] of pool.holders) listed.push([formatIPv4(pool.network + offset), holder]);
  return listed;
}

/** The index of a pool, built from its holders when missing; undefined for a pool the allocator cannot hold. */
function indexOf(prefixText: string, pool: DipPool): SubnetAllocator | undefined {
  const known = indexes.get(pool);
  if (known !== undefined && known.prefixText === prefixText) return known.allocator;
  const prefix = parsePoolPrefix(prefixText);
  if (prefix.length < POLICY.minLength || prefix.length > POLICY.maxLength) return undefined;
  const allocator = new SubnetAllocator(prefix, POLICY);
  for (const offset of pool.holders.keys()) markTaken(allocator, pool.network + offset);
  indexes.set(pool, { prefixText, allocator });
  if (lastPicked.pool === pool) lastPicked.pool = undefined;
  return allocator;
}

/** Records that `holder` holds `ip` (the fold and what-if copies write only through here). */
export function recordDip(pool: DipPool, ip: string, holder: DipHolder): void {
  if (lastPicked.pool === pool && lastPicked.ip === ip) {
    const { allocator, address } = lastPicked;
    lastPicked.pool = undefined;
    pool.holders.set(address - pool.network, holder);
    if (allocator !== undefined && !allocator.isAllocated(address)) allocator.reserve(address);
    return;
  }
  const address = parseIPv4(ip);
  if (!address.ok) return;
  pool.holders.set(address.value - pool.network, holder);
  const allocator = indexes.get(pool)?.allocator;
  if (allocator !== undefined) markTaken(allocator, address.value);
}

/** Sets an address's bit unless it is set; addresses an allocator cannot hold (outside the pool, reserved) have none. */
function markTaken(allocator: SubnetAllocator, address: number): void {
  if (!containsAddress4(allocator.prefix, address)) return;
  if (!allocator.isReserved(address) && !allocator.isAllocated(address)) allocator.reserve(address);
}

/** Removes `ip` from a pool, keeping its index in step. */
export function forgetDip(pool: DipPool, ip: string): void {
  const address = parseIPv4(ip);
  if (!address.ok || !pool.holders.delete(address.value - pool.network)) return;
  if (lastPicked.pool === pool) lastPicked.pool = undefined;
  indexes.get(pool)?.allocator.release(address.value);
}

/** The lowest free usable DIP (Azure DHCP hands out the lowest free address), or undefined when the pool is full. */
export function findFreeDip(prefixText: string, pool: DipPool): string | undefined {
  const allocator = indexOf(prefixText, pool);
  if (allocator === undefined) return scanFreeDip(prefixText, pool);
  // The index alone answers: recordDip/forgetDip, the pool's only writers, keep the two in step.
  const address = allocator.peekLowestFree();
  if (address === undefined) return undefined;
  const ip = formatIPv4(address);
  lastPicked.pool = pool;
  lastPicked.allocator = allocator;
  lastPicked.ip = ip;
  lastPicked.address = address;
  return ip;
}

/** The lowest free DIP by scanning from the first usable address, for pools outside the allocator's /8–/29. */
function scanFreeDip(prefixText: string, pool: DipPool): string | undefined {
  const prefix = parsePoolPrefix(prefixText);
  const last = prefixLast4(prefix) - POLICY.reservedAtEnd;
  for (let address = prefix.network + POLICY.reservedAtStart; address <= last; address++) {
    if (!pool.holders.has(address - pool.network)) return formatIPv4(address);
  }
  return undefined;
}

/**
 * Test-AzureStaticVNetIP: whether `ip` is free in the pool and, when it is not, the free addresses nearest to it.
 * Undefined for a pool the allocator cannot hold (outside /8–/29).
 */
export function testStaticDip(prefixText: string, pool: DipPool, ip: number): StaticIpTest | undefined {
  return indexOf(prefixText, pool)?.testStaticIp(ip);
}

/** Checks a static DIP request (Set-AzureStaticVNetIP); `owner` may already hold it. */
export function checkStaticDip(
  prefixText: string,
  pool: DipPool,
  ip: string,
  owner: string,
): StaticDipProblem | undefined {
  const address = parseIPv4(ip);
  if (!address.ok || formatIPv4(address.value) !== ip) return 'dip-invalid';
  if (!containsAddress4(parsePoolPrefix(prefixText), address.value)) return 'dip-outside-subnet';
  if (isReservedDip(prefixText, ip)) return 'dip-reserved';
  const holder = pool.holders.get(address.value - pool.network);
  return holder !== undefined && nameDipHolder(holder) !== owner ? 'dip-in-use' : undefined;
}
