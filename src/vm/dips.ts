import { formatIpv4, isInPrefix, parseIpv4, parseIpv4Prefix, prefixSize, type Ipv4Prefix } from './ipv4.js';

/**
 * DIP allocation inside a subnet or a fabric range. Classic reserves 5 addresses per subnet: the network address,
 * .1–.3 (default gateway and the Azure DNS mapping) and the broadcast address, so the first VM gets x.x.x.4
 * (azure-classic.md §2.3).
 */

/** Addresses reserved at the start of every subnet: network, .1, .2, .3. */
export const RESERVED_LEADING_ADDRESSES = 4;

/** Why a requested static DIP cannot be used. */
export type StaticDipProblem = 'dip-outside-subnet' | 'dip-reserved' | 'dip-in-use' | 'dip-invalid';

function parsePool(prefixText: string): Ipv4Prefix {
  const prefix = parseIpv4Prefix(prefixText);
  if (prefix === undefined) throw new RangeError(`not an IPv4 prefix: ${prefixText}`);
  return prefix;
}

/** Number of DIPs a subnet can hand out (its size minus the 5 reserved addresses). */
export function countUsableDips(prefixText: string): number {
  return Math.max(0, prefixSize(parsePool(prefixText)) - RESERVED_LEADING_ADDRESSES - 1);
}

/** True for the network address, .1–.3 and the broadcast address of the subnet. */
export function isReservedDip(prefixText: string, ip: string): boolean {
  const prefix = parsePool(prefixText);
  const address = parseIpv4(ip);
  if (address === undefined || !isInPrefix(prefix, address)) return false;
  const offset = address - prefix.base;
  return offset < RESERVED_LEADING_ADDRESSES || offset === prefixSize(prefix) - 1;
}

/** The lowest free usable DIP (Azure DHCP hands out the lowest free address), or undefined when the subnet is full. */
export function findFreeDip(prefixText: string, allocations: Readonly<Record<string, string>>): string | undefined {
  const prefix = parsePool(prefixText);
  const last = prefix.base + prefixSize(prefix) - 2;
  for (let address = prefix.base + RESERVED_LEADING_ADDRESSES; address <= last; address++) {
    const ip = formatIpv4(address);
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
  const address = parseIpv4(ip);
  if (address === undefined) return 'dip-invalid';
  if (!isInPrefix(parsePool(prefixText), address)) return 'dip-outside-subnet';
  if (isReservedDip(prefixText, ip)) return 'dip-reserved';
  const holder = allocations[ip];
  return holder !== undefined && holder !== owner ? 'dip-in-use' : undefined;
}
