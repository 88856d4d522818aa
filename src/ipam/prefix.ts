/** An IPv4 prefix: a uint32 network address whose host bits are zero, and a length 0–32. */
export interface Prefix4 {
  readonly family: 4;
  readonly network: number;
  readonly length: number;
}

/** An IPv6 address as four uint32 words, most significant first. */
export type Words6 = readonly [number, number, number, number];

/** An IPv6 prefix: four uint32 big-endian words whose host bits are zero, and a length 0–128. */
export interface Prefix6 {
  readonly family: 6;
  readonly words: Words6;
  readonly length: number;
}

/** An IPv4 or IPv6 prefix. */
export type Prefix = Prefix4 | Prefix6;

/** Stable codes for rejected address and prefix text. */
export type IpamErrorCode = 'cidr-invalid' | 'cidr-host-bits' | 'address-invalid';

/** The outcome of parsing user text: a value, or a code plus a message that says what is wrong and how to fix it. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: IpamErrorCode; message: string };

/** Number of address bits per family. */
export const IPV4_BITS = 32;
/** Number of address bits per family. */
export const IPV6_BITS = 128;

/** MASK4[n] is the int32 netmask of an IPv4 /n (index 0–32); int32 so V8 keeps it unboxed. */
export const MASK4: Int32Array = (() => {
  const masks = new Int32Array(IPV4_BITS + 1);
  for (let n = 1; n <= IPV4_BITS; n++) masks[n] = (0xffffffff << (IPV4_BITS - n)) | 0;
  return masks;
})();

/** The netmask of an IPv4 /length as a uint32 (255.255.255.0 is 0xffffff00 for /24). */
export function maskOfLength4(length: number): number {
  return (MASK4[length] ?? 0) >>> 0;
}

/** Builds an IPv4 prefix, clearing any host bits of `network`. */
export function makePrefix4(network: number, length: number): Prefix4 {
  return { family: 4, network: (network & (MASK4[length] ?? 0)) >>> 0, length };
}

/** The bits of word `index` (0–3) kept by an IPv6 /length mask, as int32. */
export function maskWord6(length: number, index: number): number {
  const bits = length - 32 * index;
  return bits <= 0 ? 0 : bits >= 32 ? -1 : (MASK4[bits] ?? 0);
}

/** Builds an IPv6 prefix, clearing any host bits of `words`. */
export function makePrefix6(words: Words6, length: number): Prefix6 {
  return {
    family: 6,
    words: [
      (words[0] & maskWord6(length, 0)) >>> 0,
      (words[1] & maskWord6(length, 1)) >>> 0,
      (words[2] & maskWord6(length, 2)) >>> 0,
      (words[3] & maskWord6(length, 3)) >>> 0,
    ],
    length,
  };
}

/** The first address of an IPv4 prefix (its network address). */
export function prefixFirst4(p: Prefix4): number {
  return p.network;
}

/** The last address of an IPv4 prefix (its broadcast address). */
export function prefixLast4(p: Prefix4): number {
  return (p.network | ~(MASK4[p.length] ?? 0)) >>> 0;
}

/** The first address of an IPv6 prefix. */
export function prefixFirst6(p: Prefix6): Words6 {
  return p.words;
}

/** The last address of an IPv6 prefix. */
export function prefixLast6(p: Prefix6): Words6 {
  const w = p.words;
  const l = p.length;
  return [
    (w[0] | ~maskWord6(l, 0)) >>> 0,
    (w[1] | ~maskWord6(l, 1)) >>> 0,
    (w[2] | ~maskWord6(l, 2)) >>> 0,
    (w[3] | ~maskWord6(l, 3)) >>> 0,
  ];
}

/** The number of addresses in a prefix; bigint because an IPv6 /0 holds 2^128. */
export function prefixSize(p: Prefix): bigint {
  const bits = p.family === 4 ? IPV4_BITS : IPV6_BITS;
  return 1n << BigInt(bits - p.length);
}

/** Whether two prefixes are the same family, network and length. */
export function isSamePrefix(a: Prefix, b: Prefix): boolean {
  if (a.family === 4) return b.family === 4 && a.network === b.network && a.length === b.length;
  if (b.family !== 6 || a.length !== b.length) return false;
  const x = a.words;
  const y = b.words;
  return x[0] === y[0] && x[1] === y[1] && x[2] === y[2] && x[3] === y[3];
}
