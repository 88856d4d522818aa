/*
 * A block sequence of flat mappings, read straight from the text: every item written as `- key: value` then one
 * `key: value` line per key, all items with the same keys in the same order, every value a plain one-line scalar. A
 * generated estate writes its 200k VMs so (1.4M lines): the general reader pays a node, an offsets entry and a mapping
 * object per item and a few calls per line; this reads such a list in one loop over its lines, handing each item's
 * values to a sink (which builds what it needs straight from them) or, for a section read for its keys only, just
 * checking that the text is what the general reader would accept. Anything else (another key, a comment, a blank
 * line, a flow collection, a value that is not text …) declines the list, and the general reader reads it from its
 * first line as before, so what this accepts is exactly a part of what that accepts, with the same values.
 */

import { resolveCoreScalar, startsPlainText } from './core-scalar.js';
import {
  COLON, DASH, DOT, NEWLINE, PLUS, REFUSED_KEYS, SPACE, TILDE, UNDERSCORE, isDigit, isKeyCharacter, isLetter, isNotInScalar, isTextAt, cutOut,
} from './plain-yaml-chars.js';

/** Takes the items of a flat list as they are read; either method may decline the list (the general reader reads it). */
export interface FlatListSink {
  /** The keys every item has, in written order; false declines the list. */
  begin(keys: readonly string[]): boolean;
  /**
   * One item's values (`values[i]` for `keys[i]`, the array reused for the next item) and where its first key is
   * written (line and column from 1, as the item's position in a diagnostic); false declines the list.
   */
  item(values: readonly string[], line: number, column: number): boolean;
}

/** A list read whole: where the first line after it starts and how many items and keys it held. */
export interface FlatListEnd {
  end: number;
  items: number;
  keys: number;
}

/** `#`, which starts a comment after a space or at a line's start. */
const HASH = 0x23;
/** Keys a flat item may have: more is not a generated layout. */
const MAX_FLAT_KEYS = 32;

/**
 * Reads the block sequence whose first `- ` is at column `dashIndent` of the line starting at `start`; each line's
 * start is appended through `addLine`. Undefined when the list is not flat (or the sink declined it): nothing was
 * appended then that the caller keeps (it rewinds its lines), and the general reader reads the list.
 */
export function readFlatList(
  text: string, start: number, dashIndent: number, firstLine: number, sink: FlatListSink | undefined, lines: LineStarts,
): FlatListEnd | undefined {
  const keyColumn = dashIndent + 2;
  const keys = itemKeys(text, start, dashIndent);
  if (keys === undefined) return undefined;
  if (sink === undefined) return skimFlatList(text, start, dashIndent, keys, lines);
  if (!sink.begin(keys)) return undefined;
  const count = keys.length;
  const values = new Array<string>(count).fill('');
  // per key, where the last value read afresh starts and its length (0: none to compare with): most values repeat
  // the item before's, and one that does is the same text, already checked, so it is only compared
  const lastStarts = new Array<number>(count).fill(0);
  const lastLengths = new Array<number>(count).fill(0);
  const length = text.length;
  let line = start;
  let lineNumber = firstLine;
  let items = 0;
  for (;;) {
    // the item's first line: `- key: value` at the list's indent
    if (!hasIndent(text, line, dashIndent) || text.charCodeAt(line + dashIndent) !== DASH || text.charCodeAt(line + dashIndent + 1) !== SPACE) {
      return isListEnd(text, line, dashIndent) ? { end: line, items, keys: items * count } : undefined;
    }
    const itemLine = lineNumber;
    for (let k = 0; k < count; k++) {
      if (k > 0 && !hasIndent(text, line, keyColumn)) return undefined;
      const key = keys[k]!;
      const colon = line + keyColumn + key.length;
      if (!isTextAt(text, key, line + keyColumn) || text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) return undefined;
      let valueStart = colon + 2;
      while (text.charCodeAt(valueStart) === SPACE) valueStart++;
      const lastLength = lastLengths[k]!;
      let lineEnd = valueStart + lastLength;
      if (lastLength === 0 || text.charCodeAt(lineEnd) !== NEWLINE || !isSameText(text, lastStarts[k]!, valueStart, lastLength)) {
        lineEnd = scalarLineEnd(text, valueStart);
        if (lineEnd < 0) return undefined;
        let valueEnd = lineEnd;
        while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
        if (valueEnd <= valueStart || !startsScalar(text, valueStart, valueEnd)) return undefined;
        if (sink !== undefined) {
          const value = valueAt(text, valueStart, valueEnd);
          if (value === undefined) return undefined;
          values[k] = value;
        }
        lastStarts[k] = valueStart;
        lastLengths[k] = valueEnd === lineEnd ? valueEnd - valueStart : 0;
      }
      lines.add(line);
      lineNumber++;
      line = lineEnd + 1;
      if (line > length && k + 1 < count) return undefined;
    }
    if (sink !== undefined && !sink.item(values, itemLine, keyColumn + 1)) return undefined;
    items++;
    if (line >= length) return { end: line, items, keys: items * count };
  }
}

/** Items a skim matches at a time: a pattern repeated without end would stack a backtrack entry per character. */
const ITEMS_PER_MATCH = 256;

/**
 * {@link readFlatList} of a list whose values nothing keeps: each run of items is matched by one pattern of the
 * list's layout (the engine's regular expressions check characters a few times faster than a loop of charCodeAt),
 * then the lines it covered are recorded. The pattern takes only what the general reader takes (see VALUE); an item
 * it does not match ends the list where the general reader would end it too, or declines it.
 */
function skimFlatList(text: string, start: number, dashIndent: number, keys: readonly string[], lines: LineStarts): FlatListEnd | undefined {
  const lineOf = (indent: number, key: string) => ` {${indent}}${key}: +${VALUE}(?:\n|$)`;
  const item = keys.map((key, k) => (k === 0 ? lineOf(dashIndent, `- ${key}`) : lineOf(dashIndent + 2, key))).join('');
  const run = new RegExp(`(?:${item}){1,${ITEMS_PER_MATCH}}`, 'y');
  let end = start;
  for (;;) {
    run.lastIndex = end;
    if (!run.test(text)) break;
    end = run.lastIndex;
    if (end >= text.length) break;
  }
  if (end === start || (end < text.length && !isListEnd(text, end, dashIndent))) return undefined;
  let lineCount = 0;
  for (let line = start; line < end; line = text.indexOf('\n', line) + 1 || text.length + 1) {
    lines.add(line);
    lineCount++;
  }
  const items = lineCount / keys.length;
  // a list at the end of a text without a final line break ends past it, as the general reader's last line does
  return { end: text.charCodeAt(end - 1) === NEWLINE ? end : text.length + 1, items, keys: items * keys.length };
}

/**
 * A plain scalar of the subset to the end of its line, as the general reader checks one: it starts as a scalar may
 * (a letter, digit or `~`, or `-`, `+` or `.` before one of those or a dot), and holds no refused character, flow
 * indicator, control character or anything past printable ASCII; a `:` must be followed by a character that is not a
 * space (no `: ` inside, no `:` at its end, trailing spaces aside). Trailing spaces are part of the line.
 */
const VALUE = "(?=[A-Za-z0-9~]|[-+.][A-Za-z0-9.])(?:[^\\x00-\\x1f\\x7f-\\uffff'\"&*!|>%@`?\\\\#,\\[\\]{}:]|:(?=[^ \\n]))*";

/** Whether the `length` characters at `first` and at `second` are the same. */
function isSameText(text: string, first: number, second: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(first + i) !== text.charCodeAt(second + i)) return false;
  return true;
}

/** Where line starts are kept: the reader's growing array. */
export interface LineStarts {
  add(start: number): void;
}

/** The keys of the item at `start` (its `- key:` line and the `key:` lines below at its key column), if it is flat. */
function itemKeys(text: string, start: number, dashIndent: number): string[] | undefined {
  const keyColumn = dashIndent + 2;
  if (!hasIndent(text, start, dashIndent) || text.charCodeAt(start + dashIndent) !== DASH || text.charCodeAt(start + dashIndent + 1) !== SPACE) return undefined;
  const keys: string[] = [];
  for (let line = start; line < text.length && (line === start || hasIndent(text, line, keyColumn)); ) {
    const keyStart = line + keyColumn;
    const first = text.charCodeAt(keyStart);
    if (!(isLetter(first) || first === UNDERSCORE)) break;
    let colon = keyStart + 1;
    while (isKeyCharacter(text.charCodeAt(colon))) colon++;
    if (text.charCodeAt(colon) !== COLON) break;
    const key = cutOut(text, keyStart, colon);
    if (REFUSED_KEYS.has(key) || keys.includes(key) || keys.length === MAX_FLAT_KEYS) return undefined;
    keys.push(key);
    const newline = text.indexOf('\n', colon);
    if (newline < 0) break;
    line = newline + 1;
  }
  return keys.length === 0 ? undefined : keys;
}

/** Whether the line at `line` starts with `indent` spaces. */
function hasIndent(text: string, line: number, indent: number): boolean {
  for (let i = 0; i < indent; i++) if (text.charCodeAt(line + i) !== SPACE) return false;
  return true;
}

/**
 * Whether the list ends at the line starting at `line` for the general reader too: the next line of content (past
 * blank and comment lines, which that reader skips) is less indented than the list's dashes, or at their indent but
 * not an item, or there is none.
 */
function isListEnd(text: string, line: number, dashIndent: number): boolean {
  for (let start = line; start < text.length; ) {
    let i = start;
    while (text.charCodeAt(i) === SPACE) i++;
    const first = text.charCodeAt(i);
    if (i < text.length && first !== NEWLINE && first !== HASH) {
      if (i - start !== dashIndent) return i - start < dashIndent;
      const next = text.charCodeAt(i + 1);
      return !(first === DASH && (next === SPACE || next === NEWLINE || i + 1 === text.length));
    }
    const newline = text.indexOf('\n', i);
    if (newline < 0) return true;
    start = newline + 1;
  }
  return true;
}

/**
 * The end of the line whose scalar starts at `start`, or -1 if a character there is not one a plain scalar of the
 * subset may hold (as the general reader checks it: no refused character or flow indicator, no `: ` and no `:` at
 * its end, trailing spaces aside).
 */
function scalarLineEnd(text: string, start: number): number {
  const length = text.length;
  let i = start;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) break;
    if (isNotInScalar(c)) return -1;
    if (c === COLON) {
      let next = i + 1;
      while (text.charCodeAt(next) === SPACE) next++;
      if (next === i + 1 ? next === length || text.charCodeAt(next) === NEWLINE : true) return -1;
    }
  }
  return i;
}

/** Whether a plain scalar may start as the one from `start` to `end` does (as the general reader's `scalar` tests). */
function startsScalar(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const second = start + 1 < end ? text.charCodeAt(start + 1) : -1;
  return isLetter(first) || isDigit(first) || first === TILDE ||
    ((first === DASH || first === PLUS || first === DOT) && (isLetter(second) || isDigit(second) || second === DOT));
}

/**
 * The text of the scalar from `start` to `end`, or undefined when the core schema reads it as anything but text (a
 * number, a boolean, null).
 */
function valueAt(text: string, start: number, end: number): string | undefined {
  const raw = cutOut(text, start, end);
  const value = startsPlainText(text.charCodeAt(start)) ? raw : resolveCoreScalar(raw);
  return typeof value === 'string' ? value : undefined;
}
