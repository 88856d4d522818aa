/*
 * The document the plain YAML reader builds: the plain data (as the `yaml` library's `toJS()` gives it) and, beside
 * it, only what diagnostics need to point at a value: each collection's start, the key/value offsets of its entries
 * (kept in one array for the whole document) and its nested collections. Scalars are not nodes: a generated
 * 200k-VM scenario has 1.4M of them, and a few bytes each is what keeps its load in memory and off the collector.
 */

import type { FlatListSink } from './plain-yaml-flat-list.js';

/** A collection the reader built: where the `yaml` library's range for it starts, its data, and its entries. */
export type PlainNode = PlainMap | PlainSeq;

/** What a collection holds at a key or index: a nested collection, or a scalar already resolved by the core schema. */
export type PlainValue = PlainNode | string | number | boolean | null;

/** A mapping: keys in written order. */
export interface PlainMap {
  kind: 'map';
  start: number;
  /** The mapping as plain data (nested collections as their own data). */
  data: Record<string, unknown>;
  /** Its keys are keys[0..size): an array shared with the mappings read before it that have the same keys. */
  keys: string[];
  size: number;
  /** Where its offsets begin in the document's: per key, where the key starts, then where its value starts. */
  first: number;
  /** Its nested collections by key position; undefined while it has none. */
  children: PlainNode[] | undefined;
}

/** A sequence. */
export interface PlainSeq {
  kind: 'seq';
  start: number;
  data: unknown[];
  size: number;
  /** Where its offsets begin in the document's: where each item starts. */
  first: number;
  /** Its nested collections by index, but for leaf mappings (see `leaves`); undefined while it has none. */
  children: PlainNode[] | undefined;
  /**
   * Its items that are mappings of scalars, kept without a node: a node per VM of a large estate was most of what the
   * reader kept, and only a diagnostic that points inside an item needs one (entryOf makes it then).
   */
  leaves: LeafMappings | undefined;
}

/** The node fields of a sequence's leaf mappings, by item index (indexes of other items are holes). */
export interface LeafMappings {
  firsts: number[];
  keys: string[][];
  sizes: number[];
}

/** What the reader read: the root mapping, the offset where each line starts, and its measure for the bounds check. */
export interface PlainDocument {
  root: PlainMap;
  /** The offsets of every collection's entries (see `first`). */
  offsets: Uint32Array;
  lineStarts: Uint32Array;
  /** List items, mapping keys, flow collections and flow separators, counted as measureYaml counts them. */
  entries: number;
  /** The sinks of the flat lists read into them rather than into the data (plain-yaml-flat-list.ts). */
  takenLists: readonly FlatListSink[];
  /** How deep collections nest (the root mapping is 1). */
  depth: number;
}

/** Whether a value is a collection the reader built (not a resolved scalar). */
export function isPlainNode(value: PlainValue | undefined): value is PlainNode {
  return typeof value === 'object' && value !== null;
}

/** Mappings with more keys than this get a key index, so duplicate checks and lookups stay O(1) per key. */
const INDEXED_KEYS = 16;
const keyIndexes = new WeakMap<PlainMap, Map<string, number>>();

/** The position of `key` among a mapping's keys, or -1 (asked while the reader still adds keys, too). */
export function indexOfKey(map: PlainMap, key: string): number {
  const { keys, size } = map;
  if (size <= INDEXED_KEYS) {
    for (let i = 0; i < size; i++) if (keys[i] === key) return i;
    return -1;
  }
  let index = keyIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    keyIndexes.set(map, index);
  }
  for (let i = index.size; i < size; i++) index.set(keys[i]!, i);
  return index.get(key) ?? -1;
}

/** The entry of a collection at a key (mapping) or index (sequence), as a path names it; undefined if none. */
export interface PlainEntry {
  value: PlainValue;
  /** Where the value starts. */
  start: number;
  /** Where the key starts (mappings only). */
  keyStart: number | undefined;
}

/** The entry of `node` at `key`; a sequence index may be a number or its text, as zod paths and users write it. */
export function entryOf(document: PlainDocument, node: PlainNode, key: PropertyKey): PlainEntry | undefined {
  if (node.kind === 'map') {
    const index = typeof key === 'string' ? indexOfKey(node, key) : -1;
    if (index < 0) return undefined;
    const at = node.first + 2 * index;
    return { value: node.children?.[index] ?? (node.data[key as string] as PlainValue), start: document.offsets[at + 1]!, keyStart: document.offsets[at] };
  }
  const index = typeof key === 'number' || (typeof key === 'string' && key !== '') ? Number(key) : NaN;
  if (!Number.isInteger(index) || index < 0 || index >= node.size) return undefined;
  const start = document.offsets[node.first + index]!;
  return { value: node.children?.[index] ?? leafMappingAt(node, index, start) ?? (node.data[index] as PlainValue), start, keyStart: undefined };
}

/** The node of a sequence's item kept as a leaf mapping (it starts where the item does), or undefined. */
function leafMappingAt(seq: PlainSeq, index: number, start: number): PlainMap | undefined {
  const first = seq.leaves?.firsts[index];
  if (first === undefined) return undefined;
  const { keys, sizes } = seq.leaves!;
  return { kind: 'map', start, data: seq.data[index] as Record<string, unknown>, keys: keys[index]!, size: sizes[index]!, first, children: undefined };
}
