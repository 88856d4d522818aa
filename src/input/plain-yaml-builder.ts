import { MappingLayouts } from './plain-yaml-layouts.js';
import { indexOfKey, isPlainNode, type PlainMap, type PlainNode, type PlainSeq, type PlainValue } from './plain-yaml-tree.js';

/**
 * Builds the plain reader's tree (plain-yaml-tree.ts) as collections open, fill and close, lean in memory: the offsets
 * of a collection's entries wait on one stack while it is open and move to the document's offsets when it closes
 * (collections close in the reverse order they open), and a mapping written with the same keys as the one before it
 * at its depth shares that mapping's key array.
 */
export class PlainTreeBuilder {
  // Offsets are below MAX_INPUT_FILE_BYTES, so 32-bit arrays hold them: copied in a tight loop, and 4 bytes each.
  private offsets = new Uint32Array(INITIAL_OFFSETS);
  private offsetsTop = 0;
  private pending = new Uint32Array(INITIAL_OFFSETS);
  private pendingTop = 0;
  private open = 0;
  /**
   * The values of the open mappings' entries, on one stack (a mapping's are on top when it closes, its nested
   * collections having closed before it): its data is built from them in one go (plain-yaml-layouts.ts).
   */
  private readonly values: unknown[] = [];
  private valuesTop = 0;
  private readonly layouts = new MappingLayouts();
  /** At each depth, the keys of the last mapping read there: the next one there most likely has the same. */
  private readonly keysAtDepth: string[][] = [];
  /**
   * While set, collections are read for their keys only (duplicates still leave the subset): no data, no offsets.
   * A loader that reads a few sections of a large document leaves the others so (their data is an empty mapping
   * or list).
   */
  discarding = false;

  openMap(start: number): PlainMap {
    const keys = (this.keysAtDepth[this.open] ??= []);
    this.open++;
    return { kind: 'map', start, data: this.discarding ? NO_MAP_DATA : UNBUILT_MAP_DATA, keys, size: 0, first: this.pendingTop, children: undefined };
  }

  openSeq(start: number): PlainSeq {
    this.open++;
    return { kind: 'seq', start, data: this.discarding ? NO_SEQ_DATA : [], size: 0, first: this.pendingTop, children: undefined, leaves: undefined };
  }

  /** Closes the collection opened last: its entries' offsets join the document's, a mapping's values its data. */
  close(node: PlainNode): void {
    if (node.kind === 'map' && node.data === UNBUILT_MAP_DATA) {
      this.valuesTop -= node.size;
      node.data = this.layouts.build(node.keys, node.size, this.values, this.valuesTop);
    }
    const base = node.first;
    const count = this.pendingTop - base;
    if (this.offsetsTop + count > this.offsets.length) this.offsets = grown(this.offsets, this.offsetsTop + count);
    const { offsets, pending } = this;
    node.first = this.offsetsTop;
    for (let i = 0; i < count; i++) offsets[node.first + i] = pending[base + i]!;
    this.offsetsTop += count;
    this.pendingTop = base;
    this.open--;
  }

  /** The offsets of every closed collection's entries (see PlainNode's `first`). */
  documentOffsets(): Uint32Array {
    return this.offsets.subarray(0, this.offsetsTop);
  }

  /** The key a mapping most likely has next (the one its predecessor at its depth had there), if any. */
  expectedKey(map: PlainMap): string | undefined {
    return map.keys[map.size];
  }

  /** Adds an entry to the mapping opened last; false if the key is already there (the library reports that). */
  addEntry(map: PlainMap, key: string, keyStart: number, valueStart: number, value: PlainValue): boolean {
    // The key the predecessor had here needs no duplicate check: a key array holds each key once, so it is not among
    // the keys before it. Any other key is looked for among them, then recorded.
    if (map.keys[map.size] !== key) {
      if (indexOfKey(map, key) >= 0) return false;
      if (map.keys.length === map.size) {
        // past the shared array's end: the mappings that share it use only the keys before
        map.keys.push(key);
      } else {
        // keys differ from the shared array's: this mapping gets its own, and the next ones at its depth follow it
        const keys = map.keys.slice(0, map.size);
        keys.push(key);
        map.keys = keys;
        this.keysAtDepth[this.open - 1] = keys;
      }
    }
    if (this.discarding) {
      map.size++;
      return true;
    }
    this.push(keyStart);
    this.push(valueStart);
    if (isPlainNode(value)) {
      (map.children ??= [])[map.size] = value;
      this.values[this.valuesTop++] = value.data;
    } else {
      this.values[this.valuesTop++] = value;
    }
    map.size++;
    return true;
  }

  /** Adds an item to the sequence opened last. */
  addItem(seq: PlainSeq, start: number, value: PlainValue): void {
    if (this.discarding) {
      seq.size++;
      return;
    }
    this.push(start);
    if (isPlainNode(value)) {
      if (value.kind === 'map' && value.children === undefined && value.start === start) {
        // a mapping of scalars: its node is dropped, entryOf makes it again from these
        const leaves = (seq.leaves ??= { firsts: [], keys: [], sizes: [] });
        leaves.firsts[seq.size] = value.first;
        leaves.keys[seq.size] = value.keys;
        leaves.sizes[seq.size] = value.size;
      } else {
        (seq.children ??= [])[seq.size] = value;
      }
      seq.data.push(value.data);
    } else {
      seq.data.push(value);
    }
    seq.size++;
  }

  private push(offset: number): void {
    if (this.pendingTop === this.pending.length) this.pending = grown(this.pending, this.pendingTop + 1);
    this.pending[this.pendingTop++] = offset;
  }
}

/** The data of a mapping still open: built when it closes. */
const UNBUILT_MAP_DATA: Record<string, unknown> = Object.freeze({});
/** The data of every collection read while discarding: nothing, and nothing may be added. */
const NO_MAP_DATA: Record<string, unknown> = Object.freeze({});
const NO_SEQ_DATA: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Room for the offsets of a small document; a large one doubles it a few times. */
const INITIAL_OFFSETS = 4096;

/** A copy of `array` with room for at least `needed` offsets (the reader grows its line starts alike). */
export function grown(array: Uint32Array<ArrayBuffer>, needed: number): Uint32Array<ArrayBuffer> {
  const copy = new Uint32Array(Math.max(needed, 2 * array.length));
  copy.set(array);
  return copy;
}
