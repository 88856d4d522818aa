import { compareWords6 } from './address-arith.js';
import { prefixLast4, type Prefix, type Prefix4, type Prefix6 } from './prefix.js';
import { containsPrefix } from './prefix-predicates.js';

/** A prefix with the caller's key, as given to findOverlaps. */
export interface KeyedPrefix<K> {
  prefix: Prefix;
  key: K;
}

/** Buckets per radix pass: one byte of the network address. */
const RADIX = 256;
/** Buckets of the prefix-length pass (lengths 0–32). */
const LENGTH_BUCKETS = 33;

/**
 * Every pair of overlapping prefixes, each pair once with the earlier item first, ordered by the earlier item's
 * position then the later's. O(n + pairs) for IPv4 (radix order, then one sweep), O(n log n + pairs) for IPv6.
 */
export function findOverlaps<K>(items: readonly KeyedPrefix<K>[]): Array<[K, K]> {
  const found: FoundPairs = { earlier: [], later: [] };
  const { v4, v6 } = splitByFamily(items);
  sweep4(items, v4, found);
  sweep6(items, v6, found);
  const order = orderPairs(found, items.length);
  const pairs = new Array<[K, K]>(order.length);
  for (let k = 0; k < order.length; k++) {
    const pair = order[k] as number;
    pairs[k] = [(items[found.earlier[pair] as number] as KeyedPrefix<K>).key, (items[found.later[pair] as number] as KeyedPrefix<K>).key];
  }
  return pairs;
}

/** Overlapping pairs as positions, pair p being (earlier[p], later[p]) with earlier < later. */
interface FoundPairs {
  earlier: number[];
  later: number[];
}

/** Records the pair of positions a and b, earlier position first. */
function addPair(found: FoundPairs, a: number, b: number): void {
  found.earlier.push(a < b ? a : b);
  found.later.push(a < b ? b : a);
}

/**
 * Pair slots ordered by earlier then later position: two stable counting passes over positions 0..n-1, linear in
 * n plus the pairs (a native sort of the pairs coded as doubles cost more than the sweep that found them).
 */
function orderPairs(found: FoundPairs, n: number): Uint32Array {
  const count = found.earlier.length;
  const slots = new Uint32Array(count);
  for (let p = 0; p < count; p++) slots[p] = p;
  return countingOrder(countingOrder(slots, found.later, n), found.earlier, n);
}

/** A stable reordering of `slots` by `keyOf[slot]`, keys being positions 0..n-1. */
function countingOrder(slots: Uint32Array, keyOf: readonly number[], n: number): Uint32Array {
  const count = slots.length;
  const starts = new Int32Array(n + 1);
  for (let s = 0; s < count; s++) {
    const next = (keyOf[slots[s] as number] as number) + 1;
    starts[next] = (starts[next] as number) + 1;
  }
  for (let i = 1; i <= n; i++) starts[i] = (starts[i] as number) + (starts[i - 1] as number);
  const out = new Uint32Array(count);
  for (let s = 0; s < count; s++) {
    const slot = slots[s] as number;
    const key = keyOf[slot] as number;
    out[starts[key] as number] = slot;
    starts[key] = (starts[key] as number) + 1;
  }
  return out;
}

/** Positions of the IPv4 items and of the IPv6 items, each in input order. */
function splitByFamily(items: readonly KeyedPrefix<unknown>[]): { v4: Uint32Array; v6: number[] } {
  const v4: number[] = [];
  const v6: number[] = [];
  items.forEach((item, i) => (item.prefix.family === 4 ? v4 : v6).push(i));
  return { v4: Uint32Array.from(v4), v6 };
}

/*
 * Two prefixes are nested or disjoint, so the prefixes covering the sweep position form a chain: a stack. Visited in
 * (first address, shorter length first) order, an item overlaps exactly the stacked prefixes that contain it, and a
 * stacked prefix contains it iff the stacked prefix's last address is not below the item's first.
 */

/** The IPv4 sweep, on typed arrays of first and last addresses in radix-sorted order. */
function sweep4(items: readonly KeyedPrefix<unknown>[], positions: Uint32Array, found: FoundPairs): void {
  const count = positions.length;
  if (count < 2) return;
  const firsts = new Uint32Array(count);
  const lasts = new Uint32Array(count);
  const lengths = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    // splitByFamily put only IPv4 items in `positions`
    const p = (items[positions[k] as number] as KeyedPrefix<unknown>).prefix as Prefix4;
    firsts[k] = p.network;
    lasts[k] = prefixLast4(p);
    lengths[k] = p.length;
  }
  const order = radixOrder4(firsts, lengths);
  const stack = new Uint32Array(count);
  let depth = 0;
  for (let s = 0; s < count; s++) {
    const k = order[s] as number;
    const first = firsts[k] as number;
    while (depth > 0 && (lasts[stack[depth - 1] as number] as number) < first) depth--;
    const index = positions[k] as number;
    for (let d = 0; d < depth; d++) addPair(found, positions[stack[d] as number] as number, index);
    stack[depth++] = k;
  }
}

/**
 * Item slots sorted by first address, then by length (containers before what they contain): a stable LSD radix sort,
 * one counting pass over the length and one per byte of the address, skipping bytes every item shares. A comparator
 * sort of a 10k-block plan spent more time calling the comparator than the whole sweep takes now.
 */
function radixOrder4(firsts: Uint32Array, lengths: Uint8Array): Uint32Array {
  const count = firsts.length;
  let order = new Uint32Array(count);
  let spare = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  const buckets = new Uint32Array(RADIX);
  const digits = new Uint8Array(count);
  for (let pass = -1; pass < 4; pass++) {
    // pass -1 orders by length; passes 0–3 by address byte, least significant first
    const bucketCount = pass < 0 ? LENGTH_BUCKETS : RADIX;
    if (pass < 0) digits.set(lengths);
    else for (let k = 0; k < count; k++) digits[k] = ((firsts[k] as number) >>> (8 * pass)) & (RADIX - 1);
    buckets.fill(0);
    for (let k = 0; k < count; k++) {
      const digit = digits[k] as number;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    if (buckets.includes(count)) continue; // every item shares this digit: the order stands
    for (let b = 0, sum = 0; b < bucketCount; b++) {
      const size = buckets[b] as number;
      buckets[b] = sum;
      sum += size;
    }
    for (let s = 0; s < count; s++) {
      const k = order[s] as number;
      const digit = digits[k] as number;
      spare[buckets[digit] as number] = k;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** The IPv6 sweep: a comparator sort on the four words (IPv6 plans are rare and small), then the same stack. */
function sweep6(items: readonly KeyedPrefix<unknown>[], positions: number[], found: FoundPairs): void {
  if (positions.length < 2) return;
  const prefixOf = (i: number): Prefix6 => (items[i] as KeyedPrefix<unknown>).prefix as Prefix6;
  positions.sort((i, j) => compareWords6(prefixOf(i).words, prefixOf(j).words) || prefixOf(i).length - prefixOf(j).length);
  const stack: number[] = [];
  for (const index of positions) {
    const prefix = prefixOf(index);
    while (stack.length > 0 && !containsPrefix(prefixOf(stack[stack.length - 1] as number), prefix)) stack.pop();
    for (const outer of stack) addPair(found, outer, index);
    stack.push(index);
  }
}
