import {
  AZURE_CLASSIC_RESERVED, containsAddress4, formatIPv4, parseIPv4, parsePrefix4, prefixLast4, SubnetAllocator, type Prefix4, type StaticIpTest,
} from '../ipam/index.js';

/**
 * DIP allocation over a subnet or fabric range whose allocations live in the world as `ip → owner` records (plain
 * JSON, so the fold rebuilds them). Classic reserves 5 addresses per subnet: the network address, .1–.3 (default
 * gateway, Azure DNS) and the broadcast address, so the first VM gets x.x.x.4 (azure-classic.md §2.3; ipam's
 * AZURE_CLASSIC_RESERVED policy).
 *
 * Next-free and the static-IP test answer from an ipam SubnetAllocator (a bitmap with a summary level: O(1) amortised
 * per DIP instead of a scan from the subnet's first address) kept beside each record. The record stays the plain-JSON
 * truth; the index is built from it on first use (a copied record, e.g. a trial run's structuredClone, gets its own)
 * and kept in step by recordDip/forgetDip, the only writers of a record: a record written any other way is not seen.
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

/** A record's index and the pool prefix it was built for (a record copied for a what-if gets an index of its own). */
interface DipIndex {
  prefixText: string;
  allocator: SubnetAllocator;
}

const indexes = new WeakMap<Readonly<Record<string, string>>, DipIndex>();

/**
 * The address findFreeDip handed out last, with its record's allocator: New-AzureVM picks it and the fold records it
 * right after, so recording that very string marks its bit without parsing it back or finding the index again.
 */
const lastPicked: { allocations: Readonly<Record<string, string>> | undefined; allocator: SubnetAllocator | undefined; ip: string; address: number } = {
  allocations: undefined, allocator: undefined, ip: '', address: 0,
};

/** The index of a record, built from the record when missing; undefined for a pool the allocator cannot hold. */
function indexOf(prefixText: string, allocations: Readonly<Record<string, string>>): SubnetAllocator | undefined {
  const known = indexes.get(allocations);
  if (known !== undefined && known.prefixText === prefixText) return known.allocator;
  const prefix = parsePoolPrefix(prefixText);
  if (prefix.length < POLICY.minLength || prefix.length > POLICY.maxLength) return undefined;
  const allocator = new SubnetAllocator(prefix, POLICY);
  for (const ip of Object.keys(allocations)) markTaken(allocator, ip);
  indexes.set(allocations, { prefixText, allocator });
  if (lastPicked.allocations === allocations) lastPicked.allocations = undefined;
  return allocator;
}

/** Records `ip → owner` in an allocation record (the fold and what-if copies write only through here). */
export function recordDip(allocations: Record<string, string>, ip: string, owner: string): void {
  allocations[ip] = owner;
  if (lastPicked.allocations === allocations && lastPicked.ip === ip) {
    const { allocator, address } = lastPicked;
    lastPicked.allocations = undefined;
    if (allocator !== undefined && !allocator.isAllocated(address)) allocator.reserve(address);
    return;
  }
  const allocator = indexes.get(allocations)?.allocator;
  if (allocator !== undefined) markTaken(allocator, ip);
}

/**
 * Sets an address's bit unless it is set; addresses a record cannot hold (outside the pool, reserved) have none. The
 * bitmap answers "already taken", so recording a DIP probes its record once (a new address string is costly to look up).
 */
function markTaken(allocator: SubnetAllocator, ip: string): void {
  const address = parseIPv4(ip);
  if (!address.ok || !containsAddress4(allocator.prefix, address.value)) return;
  if (!allocator.isReserved(address.value) && !allocator.isAllocated(address.value)) allocator.reserve(address.value);
}

/** Removes `ip` from an allocation record, keeping its index in step. */
export function forgetDip(allocations: Record<string, string>, ip: string): void {
  if (allocations[ip] === undefined) return;
  delete allocations[ip];
  const address = parseIPv4(ip);
  if (address.ok) indexes.get(allocations)?.allocator.release(address.value);
}

/** The lowest free usable DIP (Azure DHCP hands out the lowest free address), or undefined when the pool is full. */
export function findFreeDip(prefixText: string, allocations: Readonly<Record<string, string>>): string | undefined {
  const allocator = indexOf(prefixText, allocations);
  if (allocator === undefined) return scanFreeDip(prefixText, allocations);
  // The index alone answers: probing the record with the new address string would cost more than the whole pick,
  // and recordDip/forgetDip, the record's only writers, keep the two in step.
  const address = allocator.peekLowestFree();
  if (address === undefined) return undefined;
  const ip = formatIPv4(address);
  lastPicked.allocations = allocations;
  lastPicked.allocator = allocator;
  lastPicked.ip = ip;
  lastPicked.address = address;
  return ip;
}

/** The lowest free DIP by scanning from the first usable address, for pools outside the allocator's /8–/29. */
function scanFreeDip(prefixText: string, allocations: Readonly<Record<string, string>>): string | undefined {
  const prefix = parsePoolPrefix(prefixText);
  const last = prefixLast4(prefix) - POLICY.reservedAtEnd;
  for (let address = prefix.network + POLICY.reservedAtStart; address <= last; address++) {
    const ip = formatIPv4(address);
    if (allocations[ip] === undefined) return ip;
  }
  return undefined;
}

/**
 * Test-AzureStaticVNetIP: whether `ip` is free in the pool and, when it is not, the free addresses nearest to it.
 * Undefined for a pool the allocator cannot hold (outside /8–/29).
 */
export function testStaticDip(prefixText: string, allocations: Readonly<Record<string, string>>, ip: number): StaticIpTest | undefined {
  return indexOf(prefixText, allocations)?.testStaticIp(ip);
}

/** Checks a static DIP request (Set-AzureStaticVNetIP); `owner` may already hold it. */
export function checkStaticDip(
  prefixText: string,
  allocations: Readonly<Record<string, string>>,
  ip: string,
  owner: string,
): StaticDipProblem | undefined {
  const address = parseIPv4(ip);
  if (!address.ok || formatIPv4(address.value) !== ip) return 'dip-invalid';
  if (!containsAddress4(parsePoolPrefix(prefixText), address.value)) return 'dip-outside-subnet';
  if (isReservedDip(prefixText, ip)) return 'dip-reserved';
  const holder = allocations[ip];
  return holder !== undefined && holder !== owner ? 'dip-in-use' : undefined;
}
