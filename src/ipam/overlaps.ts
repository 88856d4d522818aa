import { compareWords6 } from './address-arith.js';
import type { Prefix } from './prefix.js';
import { containsPrefix } from './prefix-predicates.js';

/** A prefix with the caller's key, as given to findOverlaps. */
export interface KeyedPrefix<K> {
  prefix: Prefix;
  key: K;
}

/**
 * Every pair of overlapping prefixes, each pair once with the earlier item first, ordered by the earlier item's
 * position then the later's. O(n log n + pairs): one sort, then a sweep with a stack.
 */
export function findOverlaps<K>(items: readonly KeyedPrefix<K>[]): Array<[K, K]> {
  const n = items.length;
  const prefixes = items.map((item) => item.prefix);
  // Pair (i, j), i < j, is coded as i·n + j: one double per pair (exact while n² < 2^53), sorted natively.
  const codes: number[] = [];
  // Two prefixes are nested or disjoint, so the prefixes covering the sweep position form a chain: a stack. In
  // (family, first address, shorter length) order, an item overlaps exactly the stacked prefixes that contain it.
  const stack: number[] = [];
  for (const index of sortForSweep(prefixes)) {
    const prefix = prefixes[index] as Prefix;
    while (stack.length > 0 && !containsPrefix(prefixes[stack[stack.length - 1] as number] as Prefix, prefix)) stack.pop();
    for (const outer of stack) codes.push(outer < index ? outer * n + index : index * n + outer);
    stack.push(index);
  }
  const sorted = Float64Array.from(codes).sort();
  const pairs = new Array<[K, K]>(sorted.length);
  for (let k = 0; k < sorted.length; k++) {
    const code = sorted[k] as number;
    const i = Math.floor(code / n);
    pairs[k] = [(items[i] as KeyedPrefix<K>).key, (items[code - i * n] as KeyedPrefix<K>).key];
  }
  return pairs;
}

/** Positions sorted by family, first address, then length (containers before what they contain), then position. */
function sortForSweep(prefixes: readonly Prefix[]): Uint32Array {
  // an IPv4 prefix's order key network·64 + length is exact in a double and spares the comparator object reads
  const keys4 = Float64Array.from(prefixes, (p) => (p.family === 4 ? p.network * 64 + p.length : -1));
  const order = Uint32Array.from(prefixes, (_, i) => i);
  return order.sort((i, j) => {
    const a = keys4[i] as number;
    const b = keys4[j] as number;
    if (a >= 0 && b >= 0) return a - b || i - j;
    if (a >= 0 || b >= 0) return a >= 0 ? -1 : 1;
    const x = prefixes[i] as Prefix & { family: 6 };
    const y = prefixes[j] as Prefix & { family: 6 };
    return compareWords6(x.words, y.words) || x.length - y.length || i - j;
  });
}
