import fc from 'fast-check';
import { makePrefix4, makePrefix6, type Prefix, type Prefix4, type Prefix6 } from '../../src/ipam/index.js';

/** Base of the small IPv4 world the oracles enumerate: 10.0.0.0/24. */
export const SMALL4_BASE = 0x0a000000;
/** Base words of the small IPv6 world the oracles enumerate: 2001:db8::/120. */
export const SMALL6_BASE = [0x20010db8, 0, 0, 0] as const;

/** A prefix inside 10.0.0.0/24, so every address can be enumerated by an oracle. */
export const smallPrefix4: fc.Arbitrary<Prefix4> = fc
  .record({ offset: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 24, max: 32 }) })
  .map(({ offset, length }) => makePrefix4(SMALL4_BASE + offset, length));

/** A prefix inside 2001:db8::/120, so every address can be enumerated by an oracle. */
export const smallPrefix6: fc.Arbitrary<Prefix6> = fc
  .record({ offset: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 120, max: 128 }) })
  .map(({ offset, length }) => makePrefix6([SMALL6_BASE[0], 0, 0, offset], length));

/** A small prefix of either family. */
export const smallPrefix: fc.Arbitrary<Prefix> = fc.oneof(smallPrefix4, smallPrefix6);

/** Any IPv4 prefix. */
export const anyPrefix4: fc.Arbitrary<Prefix4> = fc
  .record({ network: fc.nat({ max: 0xffffffff }), length: fc.integer({ min: 0, max: 32 }) })
  .map(({ network, length }) => makePrefix4(network, length));

/** Any IPv6 prefix, biased towards addresses that share leading bits. */
export const anyPrefix6: fc.Arbitrary<Prefix6> = fc
  .record({
    words: fc.tuple(
      fc.constantFrom(0, 0x20010db8, 0xffffffff),
      fc.oneof(fc.constant(0), fc.nat({ max: 0xffffffff })),
      fc.oneof(fc.constant(0), fc.nat({ max: 0xffffffff })),
      fc.nat({ max: 0xffffffff }),
    ),
    length: fc.integer({ min: 0, max: 128 }),
  })
  .map(({ words, length }) => makePrefix6(words, length));

/** The set of small-world addresses a prefix covers, as strings like '4:10' or '6:3' for oracle comparisons. */
export function smallAddresses(p: Prefix): Set<string> {
  const out = new Set<string>();
  if (p.family === 4) {
    const size = 2 ** (32 - p.length);
    for (let i = 0; i < size; i++) out.add(`4:${p.network + i - SMALL4_BASE}`);
  } else {
    const size = 2 ** (128 - p.length);
    for (let i = 0; i < size; i++) out.add(`6:${(p.words[3] ?? 0) + i}`);
  }
  return out;
}

/** The union of the small-world addresses of many prefixes. */
export function smallAddressesOf(prefixes: readonly Prefix[]): Set<string> {
  const out = new Set<string>();
  for (const p of prefixes) for (const a of smallAddresses(p)) out.add(a);
  return out;
}
