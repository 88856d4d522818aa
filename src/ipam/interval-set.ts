import type { AddressArith, AddressRange } from './address-arith.js';
import type { Prefix } from './prefix.js';

// Sets of addresses are kept as sorted lists of disjoint, non-adjacent inclusive ranges (the go4.org/netipx IPSet
// design): union, difference and intersection are then single linear merges after one sort.

/** Sorts ranges and merges the overlapping and adjacent ones into a sorted disjoint list. */
export function normaliseRanges<A, P extends Prefix>(
  ranges: readonly AddressRange<A>[],
  arith: AddressArith<A, P>,
): AddressRange<A>[] {
  const sorted = [...ranges].sort((x, y) => arith.compare(x.first, y.first));
  const out: AddressRange<A>[] = [];
  let current: AddressRange<A> | undefined;
  for (const range of sorted) {
    if (current === undefined) {
      current = range;
      continue;
    }
    const afterCurrent = arith.next(current.last);
    if (afterCurrent === undefined || arith.compare(range.first, afterCurrent) <= 0) {
      if (arith.compare(range.last, current.last) > 0) current = { first: current.first, last: range.last };
    } else {
      out.push(current);
      current = range;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** The addresses of `from` that are not in `remove`; both inputs sorted and disjoint. */
export function subtractRanges<A, P extends Prefix>(
  from: readonly AddressRange<A>[],
  remove: readonly AddressRange<A>[],
  arith: AddressArith<A, P>,
): AddressRange<A>[] {
  const out: AddressRange<A>[] = [];
  let start = 0;
  for (const range of from) {
    while (start < remove.length && arith.compare((remove[start] as AddressRange<A>).last, range.first) < 0) start++;
    let cursor: A | undefined = range.first;
    for (let k = start; cursor !== undefined && k < remove.length; k++) {
      const cut = remove[k] as AddressRange<A>;
      if (arith.compare(cut.first, range.last) > 0) break;
      if (arith.compare(cut.first, cursor) > 0) out.push({ first: cursor, last: arith.prev(cut.first) as A });
      cursor = arith.compare(cut.last, range.last) >= 0 ? undefined : arith.next(cut.last);
    }
    if (cursor !== undefined) out.push({ first: cursor, last: range.last });
  }
  return out;
}

/** The addresses in both `a` and `b`; both inputs sorted and disjoint. */
export function intersectRanges<A, P extends Prefix>(
  a: readonly AddressRange<A>[],
  b: readonly AddressRange<A>[],
  arith: AddressArith<A, P>,
): AddressRange<A>[] {
  const out: AddressRange<A>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as AddressRange<A>;
    const y = b[j] as AddressRange<A>;
    const first = arith.compare(x.first, y.first) >= 0 ? x.first : y.first;
    const last = arith.compare(x.last, y.last) <= 0 ? x.last : y.last;
    if (arith.compare(first, last) <= 0) out.push({ first, last });
    if (arith.compare(x.last, y.last) < 0) i++;
    else j++;
  }
  return out;
}

/** The minimal ascending prefix list covering exactly the given sorted disjoint ranges. */
export function rangesToPrefixes<A, P extends Prefix>(ranges: readonly AddressRange<A>[], arith: AddressArith<A, P>): P[] {
  const out: P[] = [];
  for (const range of ranges) arith.appendPrefixes(range.first, range.last, out);
  return out;
}

/** The sorted disjoint ranges covered by a list of prefixes. */
export function prefixesToRanges<A, P extends Prefix>(prefixes: readonly P[], arith: AddressArith<A, P>): AddressRange<A>[] {
  return normaliseRanges(
    prefixes.map((p) => arith.rangeOf(p)),
    arith,
  );
}

/** The number of addresses in sorted disjoint ranges. */
export function countRangeAddresses<A, P extends Prefix>(ranges: readonly AddressRange<A>[], arith: AddressArith<A, P>): bigint {
  let total = 0n;
  for (const range of ranges) total += arith.countAddresses(range.first, range.last);
  return total;
}
