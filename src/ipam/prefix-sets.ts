import { ARITH4, ARITH6, type AddressArith, type AddressRange } from './address-arith.js';
import {
  countRangeAddresses,
  intersectRanges,
  prefixesToRanges,
  rangesToPrefixes,
  subtractRanges,
} from './interval-set.js';
import type { Prefix, Prefix4, Prefix6 } from './prefix.js';

// Every set operation splits its input by family, works on sorted interval lists, and returns IPv4 prefixes then
// IPv6 prefixes, each ascending: the minimal CIDR list for the resulting set of addresses.

/** How much of an address space is used: counts in addresses (bigint, IPv6 sized) and the used share 0–1. */
export interface Utilisation {
  total: bigint;
  used: bigint;
  ratio: number;
}

/** Merges prefixes into the minimal ascending CIDR list covering the same addresses. */
export function collapsePrefixes(prefixes: readonly Prefix[]): Prefix[] {
  const [v4, v6] = splitFamilies(prefixes);
  return [...rangesToPrefixes(prefixesToRanges(v4, ARITH4), ARITH4), ...rangesToPrefixes(prefixesToRanges(v6, ARITH6), ARITH6)];
}

/** The addresses of `from` not covered by `remove`, as the minimal ascending CIDR list. */
export function subtractPrefixes(from: readonly Prefix[], remove: readonly Prefix[]): Prefix[] {
  return combineByFamily(from, remove, subtractRanges);
}

/** The addresses covered by both `a` and `b`, as the minimal ascending CIDR list. */
export function intersectPrefixes(a: readonly Prefix[], b: readonly Prefix[]): Prefix[] {
  return combineByFamily(a, b, intersectRanges);
}

/** How many addresses of `space` are covered by `used` (overlaps inside either list are counted once). */
export function utilisation(space: readonly Prefix[], used: readonly Prefix[]): Utilisation {
  const [space4, space6] = splitFamilies(space);
  const [used4, used6] = splitFamilies(used);
  const spaceRanges4 = prefixesToRanges(space4, ARITH4);
  const spaceRanges6 = prefixesToRanges(space6, ARITH6);
  const total = countRangeAddresses(spaceRanges4, ARITH4) + countRangeAddresses(spaceRanges6, ARITH6);
  const usedCount =
    countRangeAddresses(intersectRanges(spaceRanges4, prefixesToRanges(used4, ARITH4), ARITH4), ARITH4) +
    countRangeAddresses(intersectRanges(spaceRanges6, prefixesToRanges(used6, ARITH6), ARITH6), ARITH6);
  return { total, used: usedCount, ratio: total === 0n ? 0 : Number(usedCount) / Number(total) };
}

/** Splits a mixed list into its IPv4 and IPv6 prefixes. */
function splitFamilies(prefixes: readonly Prefix[]): [Prefix4[], Prefix6[]] {
  const v4: Prefix4[] = [];
  const v6: Prefix6[] = [];
  for (const p of prefixes) {
    if (p.family === 4) v4.push(p);
    else v6.push(p);
  }
  return [v4, v6];
}

type RangeCombiner = <A, P extends Prefix>(
  a: readonly AddressRange<A>[],
  b: readonly AddressRange<A>[],
  arith: AddressArith<A, P>,
) => AddressRange<A>[];

/** Applies a two-list range operation per family and joins the results. */
function combineByFamily(a: readonly Prefix[], b: readonly Prefix[], combine: RangeCombiner): Prefix[] {
  const [a4, a6] = splitFamilies(a);
  const [b4, b6] = splitFamilies(b);
  const v4 = combine(prefixesToRanges(a4, ARITH4), prefixesToRanges(b4, ARITH4), ARITH4);
  const v6 = combine(prefixesToRanges(a6, ARITH6), prefixesToRanges(b6, ARITH6), ARITH6);
  return [...rangesToPrefixes(v4, ARITH4), ...rangesToPrefixes(v6, ARITH6)];
}
