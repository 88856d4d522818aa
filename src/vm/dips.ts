import { AZURE_CLASSIC_RESERVED, containsAddress4, formatIPv4, parseIPv4, parsePrefix4, prefixLast4, type Prefix4 } from '../ipam/index.js';

/**
 * DIP allocation over a subnet or fabric range whose allocations live in the world as `ip → owner` records (plain
 * JSON, so the fold rebuilds them). Classic reserves 5 addresses per subnet: the network address, .1–.3 (default
 * gateway, Azure DNS) and the broadcast address, so the first VM gets x.x.x.4 (azure-classic.md §2.3; ipam's
 * AZURE_CLASSIC_RESERVED policy).
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

/** The lowest free usable DIP (Azure DHCP hands out the lowest free address), or undefined when the pool is full. */
export function findFreeDip(prefixText: string, allocations: Readonly<Record<string, string>>): string | undefined {
  const prefix = parsePoolPrefix(prefixText);
  const last = prefixLast4(prefix) - POLICY.reservedAtEnd;
  for (let address = prefix.network + POLICY.reservedAtStart; address <= last; address++) {
    const ip = formatIPv4(address);
    if (allocations[ip] === undefined) return ip;
  }
  return undefined;
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
