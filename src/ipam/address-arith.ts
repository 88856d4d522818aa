import {
  IPV4_BITS,
  IPV6_BITS,
  makePrefix4,
  makePrefix6,
  prefixLast4,
  prefixLast6,
  type Prefix,
  type Prefix4,
  type Prefix6,
  type Words6,
} from './prefix.js';

/** An inclusive range of addresses of one family. */
export interface AddressRange<A> {
  readonly first: A;
  readonly last: A;
}

/** Integer arithmetic on one family's addresses, so the interval algorithms are written once for both families. */
export interface AddressArith<A, P extends Prefix> {
  /** Negative, zero or positive as `a` is below, equal to or above `b`. */
  compare(a: A, b: A): number;
  /** The next address, or undefined past the top of the address space. */
  next(a: A): A | undefined;
  /** The previous address, or undefined below zero. */
  prev(a: A): A | undefined;
  /** The range a prefix covers. */
  rangeOf(p: P): AddressRange<A>;
  /** Appends the minimal list of prefixes covering exactly [first, last], ascending. */
  appendPrefixes(first: A, last: A, out: P[]): void;
  /** How many addresses [first, last] holds; bigint because IPv6 ranges exceed 2^53. */
  countAddresses(first: A, last: A): bigint;
}

const TWO_POW_32 = 2 ** 32;
const MAX_UINT32 = 0xffffffff;

/** Number of trailing zero bits of a non-zero uint32. */
export function countTrailingZeros32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** IPv4 addresses as uint32 numbers. */
export const ARITH4: AddressArith<number, Prefix4> = {
  compare: (a, b) => a - b,
  next: (a) => (a === MAX_UINT32 ? undefined : a + 1),
  prev: (a) => (a === 0 ? undefined : a - 1),
  rangeOf: (p) => ({ first: p.network, last: prefixLast4(p) }),
  appendPrefixes(first, last, out) {
    let at = first;
    while (at <= last) {
      const alignBits = at === 0 ? IPV4_BITS : countTrailingZeros32(at);
      const span = last - at + 1; // up to 2^32, still exact in a double
      const fitBits = span === TWO_POW_32 ? IPV4_BITS : 31 - Math.clz32(span);
      const bits = alignBits < fitBits ? alignBits : fitBits;
      out.push(makePrefix4(at, IPV4_BITS - bits));
      at += 2 ** bits;
    }
  },
  countAddresses: (first, last) => BigInt(last - first + 1),
};

/** Compares two IPv6 word tuples as 128-bit unsigned integers. */
export function compareWords6(a: Words6, b: Words6): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}

/** Adds 2^bits (0–127) to a 128-bit value; undefined when the sum passes the top of the address space. */
export function addPowerOfTwo6(a: Words6, bits: number): Words6 | undefined {
  const out = [a[0], a[1], a[2], a[3]];
  let index = 3 - Math.floor(bits / 32);
  let carry = 2 ** (bits % 32);
  while (carry !== 0) {
    if (index < 0) return undefined;
    const sum = (out[index] ?? 0) + carry;
    out[index] = sum % TWO_POW_32;
    carry = sum >= TWO_POW_32 ? 1 : 0;
    index--;
  }
  return out as unknown as Words6;
}

/** Subtracts b from a (a ≥ b) as 128-bit unsigned integers. */
export function subtractWords6(a: Words6, b: Words6): Words6 {
  const out = [0, 0, 0, 0];
  let borrow = 0;
  for (let i = 3; i >= 0; i--) {
    let diff = (a[i] ?? 0) - (b[i] ?? 0) - borrow;
    borrow = diff < 0 ? 1 : 0;
    if (diff < 0) diff += TWO_POW_32;
    out[i] = diff;
  }
  return out as unknown as Words6;
}

/** The 128-bit value of four words; only for sizes, never on the address hot path. */
export function wordsToBigInt(a: Words6): bigint {
  return (BigInt(a[0]) << 96n) | (BigInt(a[1]) << 64n) | (BigInt(a[2]) << 32n) | BigInt(a[3]);
}

/** Number of trailing zero bits of a 128-bit value (128 for zero). */
function countTrailingZeros6(a: Words6): number {
  for (let i = 3; i >= 0; i--) {
    const word = a[i] ?? 0;
    if (word !== 0) return (3 - i) * 32 + countTrailingZeros32(word);
  }
  return IPV6_BITS;
}

/** Index of the highest set bit of a non-zero 128-bit value (0–127). */
function highestBit6(a: Words6): number {
  for (let i = 0; i < 4; i++) {
    const word = a[i] ?? 0;
    if (word !== 0) return (3 - i) * 32 + 31 - Math.clz32(word);
  }
  return -1;
}

const ALL_ONES6: Words6 = [MAX_UINT32, MAX_UINT32, MAX_UINT32, MAX_UINT32];
const ZERO6: Words6 = [0, 0, 0, 0];

/** IPv6 addresses as four uint32 words. */
export const ARITH6: AddressArith<Words6, Prefix6> = {
  compare: compareWords6,
  next: (a) => addPowerOfTwo6(a, 0),
  prev: (a) => (compareWords6(a, ZERO6) === 0 ? undefined : subtractWords6(a, [0, 0, 0, 1])),
  rangeOf: (p) => ({ first: p.words, last: prefixLast6(p) }),
  appendPrefixes(first, last, out) {
    let at: Words6 | undefined = first;
    while (at !== undefined && compareWords6(at, last) <= 0) {
      const alignBits = countTrailingZeros6(at);
      const span = subtractWords6(last, at); // span + 1 addresses remain
      const fitBits = compareWords6(span, ALL_ONES6) === 0 ? IPV6_BITS : highestBit6(addPowerOfTwo6(span, 0) ?? ALL_ONES6);
      const bits = alignBits < fitBits ? alignBits : fitBits;
      out.push(makePrefix6(at, IPV6_BITS - bits));
      at = bits === IPV6_BITS ? undefined : addPowerOfTwo6(at, bits);
    }
  },
  countAddresses: (first, last) => wordsToBigInt(last) - wordsToBigInt(first) + 1n,
};
