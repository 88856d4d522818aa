/**
 * The little IPv4 arithmetic the gateway needs (tunnel peers and site prefixes are IPv4 in classic Azure): parse,
 * overlap, containment. Kept local because src/ipam exposes no public face yet; swap for it when it does.
 */

/** An IPv4 prefix as an inclusive range of 32-bit addresses. */
export interface Ipv4Range {
  first: number;
  last: number;
}

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad IPv4 text to an unsigned 32-bit number, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const match = IPV4_PATTERN.exec(text.trim());
  if (!match) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Parses `a.b.c.d/n` into its address range (host bits ignored), or undefined when malformed. */
export function parsePrefix(text: string): Ipv4Range | undefined {
  const [address, lengthText, extra] = text.trim().split('/');
  if (address === undefined || lengthText === undefined || extra !== undefined || !/^\d{1,2}$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  const base = parseIpv4(address);
  if (base === undefined || length > 32) return undefined;
  const size = 2 ** (32 - length);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

/** True when two ranges share at least one address. */
export function isOverlapping(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** True when any prefix of one list overlaps any prefix of the other (malformed prefixes are ignored). */
export function hasOverlap(left: readonly string[], right: readonly string[]): boolean {
  const rightRanges = right.map(parsePrefix).filter((r): r is Ipv4Range => r !== undefined);
  return left.some((text) => {
    const range = parsePrefix(text);
    return range !== undefined && rightRanges.some((other) => isOverlapping(range, other));
  });
}

/** True when the address lies inside one of the prefixes. */
export function isAddressInPrefixes(address: string, prefixes: readonly string[]): boolean {
  const value = parseIpv4(address);
  if (value === undefined) return false;
  return prefixes.some((text) => {
    const range = parsePrefix(text);
    return range !== undefined && range.first <= value && value <= range.last;
  });
}

/** True when both lists cover exactly the same set of ranges (order and duplicates ignored). */
export function isSamePrefixSet(left: readonly string[], right: readonly string[]): boolean {
  const key = (list: readonly string[]): string =>
    [...new Set(list.map((text) => {
      const range = parsePrefix(text);
      return range === undefined ? `?${text}` : `${range.first}-${range.last}`;
    }))].sort().join(',');
  return key(left) === key(right);
}
