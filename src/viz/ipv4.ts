/**
 * Minimal IPv4 arithmetic for drawing address plans. The page bundles this file, so it stays dependency-free;
 * the authoritative address rules live in src/ipam.
 */

/** An IPv4 prefix as a half-open range of 32-bit addresses. */
export interface Ipv4Range {
  /** First address as an unsigned 32-bit integer. */
  start: number;
  /** Number of addresses (2^(32 − length)). */
  size: number;
  length: number;
}

/** Parses dotted-quad IPv4 text into an unsigned integer, or `null` when it is not IPv4. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Formats an unsigned 32-bit integer as dotted-quad text. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n` into its network range (host bits cleared), or `null` for IPv6 or malformed text. */
export function parseIpv4Prefix(text: string): Ipv4Range | null {
  const [address, lengthText, extra] = text.split('/');
  if (address === undefined || lengthText === undefined || extra !== undefined || !/^\d{1,2}$/.test(lengthText)) return null;
  const length = Number(lengthText);
  const base = parseIpv4(address);
  if (base === null || length > 32) return null;
  const size = 2 ** (32 - length);
  return { start: base - (base % size), size, length };
}
