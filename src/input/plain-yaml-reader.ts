/*
 * A one-pass reader for the plain subset of YAML that large generated plans are written in: block mappings and
 * sequences nested by spaces, one-line flow collections ({ k: v }, [a, b]) and plain one-line scalars. The `yaml`
 * library spends ~1 µs per character on such text (a 100k-subnet plan: 5.4 s of a 6.5 s check); this reads it in a
 * fraction of that. Comments (a `#` at a line's start or after a space) are skipped. Anything outside the subset
 * (quotes, anchors, tags, tabs, block scalars, empty values, a `#` inside a scalar, duplicate keys, keys that are not
 * plain names …) makes it give up, and the caller reads the text with the `yaml` library instead, so every error and
 * its position still comes from one place. Where it accepts, its values and node offsets are the library's (the test
 * compares both on generated and edited documents).
 *
 * It reads the text in place by offsets (no line array, no substring per line) and builds the plain data as it goes,
 * keeping per collection only the offsets diagnostics need; it also counts the entries and nesting the bounds check
 * (input-bounds.ts) would, so for text it accepts that separate scan of every character need not run. A list of
 * flat mappings that a loader takes item by item, or that nothing keeps (a section read for its keys only), is read
 * by the flat-list reader (plain-yaml-flat-list.ts) in one loop over its lines.
 */

import { MAX_YAML_ENTRIES } from '../common/index.js';
import { resolveCoreScalar, startsPlainText } from './core-scalar.js';
import { PlainTreeBuilder } from './plain-yaml-builder.js';
import { readFlatList, type FlatListSink } from './plain-yaml-flat-list.js';
import { OutsideSubset, PlainLines } from './plain-yaml-lines.js';
import type { PlainDocument, PlainMap, PlainNode, PlainSeq, PlainValue } from './plain-yaml-tree.js';
import {
  CLOSE_CURLY, CLOSE_SQUARE, COLON, COMMA, DASH, DOT, OPEN_CURLY, OPEN_SQUARE, PLUS, REFUSED_KEYS, SPACE,
  TILDE, UNDERSCORE, isDigit, isFlowIndicator, isKeyCharacter, isLetter, isNotInScalar, isRefused, isTextAt, cutOut,
} from './plain-yaml-chars.js';

/** Scalars remembered for reuse (a power of two). */
const RECENT_SCALARS = 256;
/** Nesting the reader follows before giving up (each level is a few stack frames); the bounds check refuses far less. */
const READER_DEPTH_LIMIT = 256;


/** A list a loader takes item by item from the text (plain-yaml-flat-list.ts): the value of `section.key`. */
export interface FlatList {
  section: string;
  key: string;
  sink: FlatListSink;
}

/**
 * The document as plain nodes, or undefined when the text is outside the subset (read it with the library). With
 * `sections`, only those top-level keys' values are kept: the others are read (they must be in the subset too) but
 * hold an empty mapping or list. Each of `flatLists` that is written flat goes to its sink instead of the data (an
 * empty list there); the document names those it took.
 */
export function readPlainYaml(text: string, sections?: ReadonlySet<string>, flatLists: readonly FlatList[] = []): PlainDocument | undefined {
  // YAML also breaks lines at a lone carriage return, which would hide a line inside what looks like a comment
  if (text.includes('\r')) return undefined;
  try {
    return new PlainReader(text, sections, flatLists).readDocument();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** Walks the text line by line; each block reads the lines at its own indent and stops at a shallower one. */
class PlainReader extends PlainLines {
  private readonly tree = new PlainTreeBuilder();
  /**
   * Scalars read lately, by a hash of their length and first and last characters, with their values: a generated
   * estate repeats most of its values (image, VNet, subnet, user …) thousands of times, and a repeat is matched
   * against the text instead of cut out of it and resolved again.
   */
  private readonly recentScalars: string[] = new Array<string>(RECENT_SCALARS);
  private readonly recentValues: PlainValue[] = new Array<PlainValue>(RECENT_SCALARS);
  private entries = 0;
  private depth = 0;
  private maxDepth = 0;
  /** The top-level key whose value is being read. */
  private section = '';
  private readonly takenLists: FlatListSink[] = [];

  constructor(
    text: string,
    private readonly sections: ReadonlySet<string> | undefined,
    private readonly flatLists: readonly FlatList[],
  ) {
    super(text);
  }

  readDocument(): PlainDocument {
    this.skipBlankLines();
    if (this.atEnd() || this.indent !== 0) throw new OutsideSubset();
    const root = this.readBlockMap(0, 0);
    this.skipBlankLines();
    if (!this.atEnd()) throw new OutsideSubset();
    return {
      root, offsets: this.tree.documentOffsets(), lineStarts: this.lineStarts.subarray(0, this.lineCount), entries: this.entries, depth: this.maxDepth,
      takenLists: this.takenLists,
    };
  }

  private enterCollection(): void {
    this.depth++;
    if (this.depth > this.maxDepth) {
      this.maxDepth = this.depth;
      if (this.depth > READER_DEPTH_LIMIT) throw new OutsideSubset();
    }
  }

  /**
   * Counts an entry as the bounds check does; past its limit the reader gives up, so a huge file is not built in
   * memory first (the caller's bounds check then refuses it, at the same count).
   */
  private countEntry(): void {
    if (++this.entries > MAX_YAML_ENTRIES) throw new OutsideSubset();
  }

  /** A block mapping whose keys sit at `indent`; its first key starts at `column` of the current line. */
  private readBlockMap(indent: number, column: number): PlainMap {
    this.enterCollection();
    const map = this.tree.openMap(this.lineStart + column);
    this.readMapEntry(map, indent, column);
    while (this.nextIndent() === indent) this.readMapEntry(map, indent, indent);
    if (this.nextIndent() > indent) throw new OutsideSubset();
    this.leaveCollection(map);
    return map;
  }

  /** The end of the plain key starting at `offset` (the offset of the `:` after it), or -1 if no key starts there. */
  private keyEnd(offset: number): number {
    if (!(isLetter(this.charAt(offset)) || this.charAt(offset) === UNDERSCORE)) return -1;
    let i = offset + 1;
    while (isKeyCharacter(this.charAt(i))) i++;
    return this.charAt(i) === COLON ? i : -1;
  }

  /** The key of the mapping entry at `keyStart` (ending at a `:`), or undefined if no plain key is written there. */
  private readKey(map: PlainMap, keyStart: number): string | undefined {
    // the mappings of a list are usually written with the same keys: the expected one is matched, not cut out
    const expected = this.tree.expectedKey(map);
    if (expected !== undefined && isTextAt(this.text, expected, keyStart) && this.charAt(keyStart + expected.length) === COLON) return expected;
    const colon = this.keyEnd(keyStart);
    if (colon < 0) return undefined;
    const key = cutOut(this.text, keyStart, colon);
    if (REFUSED_KEYS.has(key)) throw new OutsideSubset();
    return key;
  }

  private readMapEntry(map: PlainMap, indent: number, column: number): void {
    const keyStart = this.lineStart + column;
    const key = this.readKey(map, keyStart);
    if (key === undefined) throw new OutsideSubset();
    this.countEntry();
    const colon = keyStart + key.length;
    let valueStart = colon + 1;
    while (this.charAt(valueStart) === SPACE) valueStart++;
    // a top-level section the loader does not read is read for its keys only
    const discards = this.depth === 1 && this.sections !== undefined && !this.sections.has(key);
    if (discards) this.tree.discarding = true;
    if (this.depth === 1) this.section = key;
    if (valueStart >= this.contentEnd) {
      // `key:` then the value on the lines below: a deeper block, or a sequence at the key's own indent
      this.nextLine();
      const below = this.nextIndent();
      const startsSequence = below >= 0 && this.isSequenceLine(below);
      if (below > indent || (below === indent && startsSequence)) {
        const node = (startsSequence ? this.readFlatList(key, below) : undefined) ?? this.readBlockNode(below);
        if (discards) this.tree.discarding = false;
        this.addEntry(map, key, keyStart, node.start, node);
        return;
      }
      throw new OutsideSubset();
    }
    if (valueStart === colon + 1) throw new OutsideSubset();
    const value = this.readInlineValue(valueStart);
    if (discards) this.tree.discarding = false;
    this.addEntry(map, key, keyStart, valueStart, value);
    this.nextLine();
  }

  /** Whether the current line is a sequence item (`- `) at `indent`. */
  private isSequenceLine(indent: number): boolean {
    const dash = this.lineStart + indent;
    return this.charAt(dash) === DASH && (this.charAt(dash + 1) === SPACE || dash + 1 === this.contentEnd);
  }

  /** The block node starting on the current line at `indent`: a sequence (`- `) or a mapping. */
  private readBlockNode(indent: number): PlainNode {
    return this.isSequenceLine(indent) ? this.readBlockSeq(indent) : this.readBlockMap(indent, indent);
  }

  /**
   * The block sequence of `key` starting on the current line at `indent`, read as a flat list if it is one and either
   * a loader takes it (a list of `flatLists`) or nothing keeps its values (a section read for its keys only);
   * undefined otherwise, the current line unchanged.
   */
  private readFlatList(key: string, indent: number): PlainSeq | undefined {
    const taken = this.depth === 2 ? this.flatLists.find((list) => list.section === this.section && list.key === key) : undefined;
    const { discarding } = this.tree;
    if (taken === undefined && !discarding) return undefined;
    const sink = discarding ? undefined : taken?.sink;
    // the list's lines are recorded again from its first, which is current
    const lineCount = this.lineCount;
    this.lineCount--;
    const end = readFlatList(this.text, this.lineStart, indent, lineCount, sink, this);
    if (end === undefined) {
      this.lineCount = lineCount;
      return undefined;
    }
    this.enterCollection();
    const seq = this.tree.openSeq(this.lineStart + indent);
    if (end.items > 0) {
      // its items are mappings one level deeper
      this.enterCollection();
      this.depth--;
    }
    this.entries += end.items + end.keys;
    if (this.entries > MAX_YAML_ENTRIES) throw new OutsideSubset();
    if (sink !== undefined) this.takenLists.push(sink);
    this.leaveCollection(seq);
    this.enterLine(end.end);
    return seq;
  }

  private readBlockSeq(indent: number): PlainSeq {
    this.enterCollection();
    const seq = this.tree.openSeq(this.lineStart + indent);
    do {
      this.countEntry();
      let itemStart = this.lineStart + indent + 1;
      while (this.charAt(itemStart) === SPACE) itemStart++;
      if (itemStart >= this.contentEnd) throw new OutsideSubset();
      const item = this.readSeqItem(itemStart);
      this.tree.addItem(seq, itemStart, item);
    } while (this.nextIndent() === indent && this.isSequenceLine(indent));
    if (this.nextIndent() > indent) throw new OutsideSubset();
    this.leaveCollection(seq);
    return seq;
  }

  /** A sequence item whose content starts at `offset`: a flow collection or scalar, or a mapping `- key: value`. */
  private readSeqItem(offset: number): PlainValue {
    const colon = this.keyEnd(offset);
    if (colon < 0 || (this.charAt(colon + 1) !== SPACE && colon + 1 !== this.contentEnd)) {
      const value = this.readInlineValue(offset);
      this.nextLine();
      return value;
    }
    const column = offset - this.lineStart;
    return this.readBlockMap(column, column);
  }

  /** The value written on the rest of the current line from `offset`: a flow collection or a plain scalar. */
  private readInlineValue(offset: number): PlainValue {
    const first = this.charAt(offset);
    if (first === OPEN_CURLY || first === OPEN_SQUARE) {
      const end = this.readFlowValue(offset);
      for (let i = end.position; i < this.contentEnd; i++) if (this.text.charCodeAt(i) !== SPACE) throw new OutsideSubset();
      return end.value;
    }
    let end = this.contentEnd;
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    return this.scalar(offset, end, true);
  }

  /**
   * The resolved plain scalar written from `start` to `end`, if it is one; `checkCharacters` when its characters
   * are still to be checked (no refused character or flow indicator, no `: ` inside or `:` at the end). A scalar read
   * lately passed those same checks, so a repeat of one skips them.
   */
  private scalar(start: number, end: number, checkCharacters: boolean): PlainValue {
    const first = this.charAt(start);
    const second = this.charAt(start + 1);
    const startsScalar = isLetter(first) || isDigit(first) || first === TILDE ||
      ((first === DASH || first === PLUS || first === DOT) && (isLetter(second) || isDigit(second) || second === DOT));
    if (start >= end || !startsScalar) throw new OutsideSubset();
    // the collections of a section read for its keys only keep no values: checked, never cut out or resolved (a
    // section that is a scalar itself is kept, as its data is)
    if (this.tree.discarding && this.depth > 1) {
      this.checkScalarCharacters(start, end, checkCharacters);
      return null;
    }
    const slot = ((end - start) * 31 + first * 7 + this.text.charCodeAt(end - 1)) & (RECENT_SCALARS - 1);
    const recent = this.recentScalars[slot];
    if (recent !== undefined && recent.length === end - start && isTextAt(this.text, recent, start)) return this.recentValues[slot]!;
    this.checkScalarCharacters(start, end, checkCharacters);
    const raw = cutOut(this.text, start, end);
    const value = startsPlainText(first) ? raw : (resolveCoreScalar(raw) as PlainValue);
    this.recentScalars[slot] = raw;
    this.recentValues[slot] = value;
    return value;
  }

  /** Leaves the subset unless the scalar from `start` to `end` holds no refused character, flow indicator or `: ` and does not end in `:`. */
  private checkScalarCharacters(start: number, end: number, checkCharacters: boolean): void {
    for (let i = start; checkCharacters && i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (isNotInScalar(c) || (c === COLON && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE))) throw new OutsideSubset();
    }
  }

  /** A one-line flow collection (`{ key: value, … }`, `[item, …]`) or plain scalar at `offset`, and where it ends. */
  private readFlowValue(offset: number): { value: PlainValue; position: number } {
    const first = this.charAt(offset);
    if (first === OPEN_CURLY || first === OPEN_SQUARE) return this.readFlowCollection(offset, first === OPEN_CURLY);
    let stop = offset;
    let colons = 0;
    for (let c = this.charAt(stop); c >= 0 && !isFlowIndicator(c); c = this.charAt(++stop)) {
      if (isRefused(c)) throw new OutsideSubset();
      if (c === COLON) colons++;
    }
    let end = stop;
    while (end > offset && this.text.charCodeAt(end - 1) === SPACE) end--;
    for (let i = offset; i < end; i++) {
      if (this.text.charCodeAt(i) === COLON && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE)) throw new OutsideSubset();
    }
    // every `:` inside a flow collection is an entry to the bounds check's count
    for (let i = 0; i < colons; i++) this.countEntry();
    return { value: this.scalar(offset, end, false), position: stop };
  }

  /** The flow mapping or sequence opening at `offset`, through its closing bracket. */
  private readFlowCollection(offset: number, isMap: boolean): { value: PlainNode; position: number } {
    this.enterCollection();
    this.countEntry();
    const close = isMap ? CLOSE_CURLY : CLOSE_SQUARE;
    const node = isMap ? this.tree.openMap(offset) : this.tree.openSeq(offset);
    let position = this.skipSpaces(offset + 1);
    if (this.charAt(position) !== close) {
      for (;;) {
        if (node.kind === 'map') {
          const key = this.readKey(node, position);
          if (key === undefined) throw new OutsideSubset();
          const colon = position + key.length;
          if (this.charAt(colon + 1) !== SPACE) throw new OutsideSubset();
          this.countEntry();
          const valueStart = this.skipSpaces(colon + 1);
          const item = this.readFlowValue(valueStart);
          this.addEntry(node, key, position, valueStart, item.value);
          position = item.position;
        } else {
          const item = this.readFlowValue(position);
          this.tree.addItem(node, position, item.value);
          position = item.position;
        }
        position = this.skipSpaces(position);
        if (this.charAt(position) === close) break;
        if (this.charAt(position) !== COMMA) throw new OutsideSubset();
        this.countEntry();
        position = this.skipSpaces(position + 1);
      }
    }
    this.leaveCollection(node);
    return { value: node, position: position + 1 };
  }

  private leaveCollection(node: PlainNode): void {
    this.tree.close(node);
    this.depth--;
  }

  /** Adds an entry unless its key is written twice in the mapping: the library reports duplicates as errors. */
  private addEntry(map: PlainMap, key: string, keyStart: number, valueStart: number, value: PlainValue): void {
    if (!this.tree.addEntry(map, key, keyStart, valueStart, value)) throw new OutsideSubset();
  }


}
