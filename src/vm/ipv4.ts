/** IPv4 address arithmetic for DIP and VIP handling; addresses are unsigned 32-bit integers. */

/** A parsed IPv4 prefix: first address and prefix length. */
export interface Ipv4Prefix {
  base: number;
  length: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad text; undefined when it is not an IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Formats an unsigned 32-bit address as dotted quad. */
export function formatIpv4(address: number): string {
  return `${(address >>> 24) & 255}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** Parses `a.b.c.d/len`; undefined when malformed or when host bits are set. */
export function parseIpv4Prefix(text: string): Ipv4Prefix | undefined {
  const [addressText, lengthText, extra] = text.split('/');
  if (addressText === undefined || lengthText === undefined || extra !== undefined) return undefined;
  if (!/^\d{1,2}$/.test(lengthText)) return undefined;
  const base = parseIpv4(addressText);
  const length = Number(lengthText);
  if (base === undefined || length > 32) return undefined;
  return base % prefixSize({ base, length }) === 0 ? { base, length } : undefined;
}

/** Number of addresses in a prefix. */
export function prefixSize(prefix: Ipv4Prefix): number {
  return 2 ** (32 - prefix.length);
}

/** True when `address` lies inside `prefix`. */
export function isInPrefix(prefix: Ipv4Prefix, address: number): boolean {
  return address >= prefix.base && address < prefix.base + prefixSize(prefix);
}
