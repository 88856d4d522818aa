import { MASK4, maskWord6, type Prefix, type Prefix4, type Prefix6, type Words6 } from './prefix.js';

// Prefixes are aligned blocks, so two of them are either nested or disjoint: comparing the network bits under the
// shorter mask answers both containment and overlap in a few integer operations, with no allocation.

/** Whether `ip` (uint32) lies inside the IPv4 prefix `p`. */
export function containsAddress4(p: Prefix4, ip: number): boolean {
  return ((ip ^ p.network) & (MASK4[p.length] ?? 0)) === 0;
}

/** Whether the IPv6 address `words` lies inside the IPv6 prefix `p`. */
export function containsAddress6(p: Prefix6, words: Words6): boolean {
  return haveSameBits6(p.words, words, p.length);
}

/** Whether `outer` contains every address of `inner` (a prefix contains itself); false across families. */
export function containsPrefix(outer: Prefix, inner: Prefix): boolean {
  if (inner.length < outer.length) return false;
  if (outer.family === 4) {
    return inner.family === 4 && ((inner.network ^ outer.network) & (MASK4[outer.length] ?? 0)) === 0;
  }
  return inner.family === 6 && haveSameBits6(outer.words, inner.words, outer.length);
}

/** Whether two prefixes share at least one address; false across families. */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  const length = a.length < b.length ? a.length : b.length;
  if (a.family === 4) return b.family === 4 && ((a.network ^ b.network) & (MASK4[length] ?? 0)) === 0;
  return b.family === 6 && haveSameBits6(a.words, b.words, length);
}

/** Whether two IPv6 word tuples agree on their first `length` bits. */
function haveSameBits6(x: Words6, y: Words6, length: number): boolean {
  return (
    ((x[0] ^ y[0]) & maskWord6(length, 0)) === 0 &&
    ((x[1] ^ y[1]) & maskWord6(length, 1)) === 0 &&
    ((x[2] ^ y[2]) & maskWord6(length, 2)) === 0 &&
    ((x[3] ^ y[3]) & maskWord6(length, 3)) === 0
  );
}
