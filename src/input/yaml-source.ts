import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Pair, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import { InputError, MAX_NESTING_DEPTH, diagnosticAt, findNearestNames, type Diagnostic, type SourceRef } from '../common/index.js';
import { checkLibraryYamlEntries, checkYamlBounds } from './input-bounds.js';
import { findDuplicateKeys } from './yaml-duplicate-keys.js';
import { validateWithLists, valueAt } from './list-validation.js';
import { readPlainYaml, type FlatList } from './plain-yaml-reader.js';
import type { FlatListSink } from './plain-yaml-flat-list.js';
import { entryOf, isPlainNode, type PlainDocument, type PlainEntry, type PlainValue } from './plain-yaml-tree.js';
import { listAllowedKeys } from './schema-keys.js';
import { explainUnionIssue } from './union-issues.js';

/** A path into a YAML document: map keys and sequence indexes, as zod reports them. */
export type YamlPath = readonly PropertyKey[];

/** A parsed YAML document that still knows where every node was written. */
export interface YamlSource {
  file: string;
  tree: YamlTree;
  /** The sinks of the flat lists the loader asked for that took their list (its data is then an empty list). */
  takenLists: readonly FlatListSink[];
}

/**
 * What loaders ask of a parsed document, answered alike by the fast plain-subset reader and by the `yaml` library
 * (which reads everything else): offsets are character offsets into the text, as the library's node ranges give them.
 */
interface YamlTree {
  /** The document's root: a mapping (a plan or scenario), nothing at all, or anything else. */
  rootKind: 'mapping' | 'empty' | 'other';
  /** The document as plain data; throws the library's error for alias bombs and unresolved aliases. */
  toData(): unknown;
  /** Whether a node exists at `path`. */
  has(path: YamlPath): boolean;
  /** Whether `path` holds a value other than null (a section written as `network:` alone holds null). */
  hasValue(path: YamlPath): boolean;
  /** The start of the node at `path`, or of its nearest ancestor that exists. */
  offsetOf(path: YamlPath): number;
  /** The start of the mapping key that is the last element of `path`, if that key is written. */
  keyOffsetOf(path: YamlPath): number | undefined;
  /** Line and column (both from 1) of an offset. */
  linePos(offset: number): { line: number; col: number };
}

/** Code of a diagnostic for text that is not well-formed YAML. */
export const YAML_SYNTAX_RULE = 'yaml-syntax';
/** Code of a diagnostic for a key the schema does not know. */
export const UNKNOWN_KEY_RULE = 'unknown-key';
/** Code of a diagnostic for a value of the wrong type or shape. */
export const INVALID_VALUE_RULE = 'invalid-value';

/** Anchors/aliases beyond this count are refused, so a YAML "billion laughs" cannot expand. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML text with positions; duplicate keys and syntax errors become an InputError listing every problem
 * with its file:line:column. Text in the plain subset large generated plans use is read by a fast one-pass reader
 * (the `yaml` library's parser costs ~1 µs a character: 5.4 s for a 100k-subnet plan); the rest by the library.
 * A loader that reads only some top-level `sections` names them: the plain reader then keeps no data under the
 * others (an empty mapping or list there), though it still reads them whole. Each of `flatLists` written flat (one
 * `key: value` line per key, the same keys in every item) goes item by item to its sink instead of into the data:
 * the source's `takenLists` say which did (none when the library read the text).
 */
export function parseYamlDocument(text: string, file: string, sections?: ReadonlySet<string>, flatLists?: readonly FlatList[]): YamlSource {
  // Depth and size are bounded before the library starts: it recurses per level and is costly per node. The plain
  // reader bounds itself (it gives up past the entry limit or deep nesting) and counts what the bounds check would,
  // so for text it accepts the separate scan of every character runs only when the document nests deeper than
  // SAFE_PLAIN_DEPTH (its depth and the scan's can differ by a level or two per collection).
  const plain = readPlainYaml(text, sections, flatLists);
  if (plain !== undefined && plain.depth <= SAFE_PLAIN_DEPTH) return { file, tree: plainTree(plain), takenLists: plain.takenLists };
  const measure = checkYamlBounds(text, file);
  if (plain !== undefined) return { file, tree: plainTree(plain), takenLists: plain.takenLists };
  checkLibraryYamlEntries(measure, file);
  return { file, tree: libraryTree(text, file), takenLists: [] };
}

/**
 * Nesting of a plain document under which the bounds check cannot find it too deep: that check counts a block
 * level per indent and one more for an item's content, never more than twice the reader's levels plus one.
 */
const SAFE_PLAIN_DEPTH = Math.floor(MAX_NESTING_DEPTH / 2) - 1;

function libraryTree(text: string, file: string): YamlTree {
  const lineCounter = new LineCounter();
  // logLevel 'error': yaml would print its own warnings (e.g. a collection used as a key) on stderr; the schema
  // reports such input as a diagnostic at its position instead
  // uniqueKeys off: the library's check is quadratic in a mapping's keys; findDuplicateKeys does it in one pass
  const doc: Document.Parsed = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false, logLevel: 'error' });
  const problems = [...doc.errors].map((error) => {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    const firstLine = error.message.split('\n')[0] ?? error.code;
    const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
    return diagnosticAt({ file, line: pos.line, column: pos.col }, YAML_SYNTAX_RULE, 'error', message);
  });
  for (const offset of findDuplicateKeys(doc)) {
    const pos = lineCounter.linePos(offset);
    problems.push(diagnosticAt({ file, line: pos.line, column: pos.col }, YAML_SYNTAX_RULE, 'error', 'Map keys must be unique'));
  }
  if (problems.length > 0) throw new InputError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  // Each mapping's keys indexed once: diagnostics look up a key per problem, and a mapping may have many thousands.
  const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: unknown): Pair | undefined => {
    let index = pairIndex.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) if (isScalar(pair.key) && !index.has(pair.key.value)) index.set(pair.key.value, pair);
      pairIndex.set(map, index);
    }
    return index.get(key);
  };
  // the nodes along `path` from the root, stopping where the path leaves the document (as the library's getIn walks)
  const nodesAlong = (path: YamlPath): unknown[] => {
    const nodes: unknown[] = [doc.contents];
    for (const key of path) {
      const node = nodes[nodes.length - 1];
      const index = typeof key === 'string' && key !== '' ? Number(key) : key;
      if (isMap(node) && pairOf(node, key) !== undefined) nodes.push(pairOf(node, key)!.value);
      else if (isSeq(node) && typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < node.items.length) nodes.push(node.items[index]);
      else break;
    }
    return nodes;
  };
  return {
    rootKind: isMap(doc.contents) ? 'mapping' : doc.contents === null ? 'empty' : 'other',
    toData: () => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
    has: (path) => nodesAlong(path).length === path.length + 1,
    hasValue: (path) => {
      const nodes = nodesAlong(path);
      const node = nodes[nodes.length - 1];
      return nodes.length === path.length + 1 && node !== null && !(isScalar(node) && node.value === null);
    },
    offsetOf: (path) => {
      const withRange = nodesAlong(path).filter((node) => isNode(node) && node.range);
      const node = withRange[withRange.length - 1];
      return isNode(node) && node.range ? node.range[0] : 0;
    },
    keyOffsetOf: (path) => {
      const nodes = nodesAlong(path.slice(0, -1));
      const map = nodes.length === path.length ? nodes[nodes.length - 1] : undefined;
      const key = isMap(map) ? pairOf(map, path[path.length - 1])?.key : undefined;
      return isNode(key) && key.range ? key.range[0] : undefined;
    },
    linePos: (offset) => lineCounter.linePos(offset),
  };
}

function plainTree(plain: PlainDocument): YamlTree {
  // One step of a walk: the entry of `value` at `key`, if there is one.
  const step = (value: PlainValue, key: PropertyKey): PlainEntry | undefined => (isPlainNode(value) ? entryOf(plain, value, key) : undefined);
  // The parent of the path walked last, where its walk got to: loaders ask for the entries of one list one after
  // another (a command per VM of 200k), and each walk then takes one step from there.
  let parentKeys: readonly PropertyKey[] = [];
  let parent = { followed: 0, value: plain.root as PlainValue, start: plain.root.start };
  const isLastParent = (path: YamlPath, length: number): boolean => {
    if (length === 0 || length !== parentKeys.length) return false;
    for (let i = 0; i < length; i++) if (path[i] !== parentKeys[i]) return false;
    return true;
  };
  // The deepest value along `path` from the root, stopping where the path leaves the document: how many keys of the
  // path it followed, the value there and where it starts.
  const walk = (path: YamlPath): { followed: number; value: PlainValue; start: number } => {
    const parentLength = path.length - 1;
    let { followed, value, start } = parent;
    if (!isLastParent(path, parentLength)) {
      value = plain.root;
      start = plain.root.start;
      followed = 0;
      while (followed < parentLength) {
        const entry = step(value, path[followed]!);
        if (entry === undefined) break;
        ({ value, start } = entry);
        followed++;
      }
      if (parentLength > 0) {
        parentKeys = path.slice(0, parentLength);
        parent = { followed, value, start };
      }
    }
    const entry = followed === parentLength ? step(value, path[parentLength]!) : undefined;
    if (entry === undefined) return { followed, value, start };
    return { followed: followed + 1, value: entry.value, start: entry.start };
  };
  let lastLine = 0;
  return {
    rootKind: 'mapping',
    toData: () => plain.root.data,
    has: (path) => walk(path).followed === path.length,
    hasValue: (path) => {
      const found = walk(path);
      return found.followed === path.length && found.value !== null;
    },
    offsetOf: (path) => walk(path).start,
    keyOffsetOf: (path) => {
      const parent = walk(path.slice(0, -1));
      if (parent.followed !== path.length - 1 || !isPlainNode(parent.value) || parent.value.kind !== 'map') return undefined;
      return entryOf(plain, parent.value, path[path.length - 1]!)?.keyStart;
    },
    linePos: (offset) => {
      // loaders place the entries of a long list in written order: the line found last is where to look first
      const index = lineIndexAt(plain.lineStarts, offset, lastLine);
      if (index < 0) return { line: 0, col: offset };
      lastLine = index;
      return { line: index + 1, col: offset - plain.lineStarts[index]! + 1 };
    },
  };
}

/** Lines a look-up steps forward from its hint before it searches instead. */
const LINES_STEPPED = 8;

/**
 * The index of the line holding `offset` among strictly increasing line starts (the last start at or before it), or
 * -1 before the first; `near` is tried first. Line index + 1 and offset − start + 1 are then the line and column
 * the `yaml` library's LineCounter gives (it answers line 0, column = offset before the first start).
 */
function lineIndexAt(lineStarts: Uint32Array, offset: number, near: number): number {
  if (near < lineStarts.length && lineStarts[near]! <= offset) {
    let index = near;
    for (let step = 0; step < LINES_STEPPED; step++) {
      if (index + 1 === lineStarts.length || lineStarts[index + 1]! > offset) return index;
      index++;
    }
  }
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The position of the node at `path`, or of its nearest ancestor that exists (e.g. the map missing a key). */
export function positionOf(source: YamlSource, path: YamlPath): SourceRef {
  return refAt(source, source.tree.offsetOf(path));
}

/** The position of a mapping key (not its value) at `path`, e.g. to point at an unknown key itself. */
export function keyPositionOf(source: YamlSource, path: YamlPath): SourceRef {
  const offset = source.tree.keyOffsetOf(path);
  return offset === undefined ? positionOf(source, path) : refAt(source, offset);
}

/** Whether a node exists at `path` (used to tell a missing key from a wrong value). */
export function hasNodeAt(source: YamlSource, path: YamlPath): boolean {
  return source.tree.has(path);
}

/** Whether `path` holds a value other than null, e.g. whether a scenario has a `network:` section worth reading. */
export function hasValueAt(source: YamlSource, path: YamlPath): boolean {
  return source.tree.hasValue(path);
}

/** What the document's root holds: loaders refuse an empty file or a root that is not a mapping. */
export function rootKindOf(source: YamlSource): YamlTree['rootKind'] {
  return source.tree.rootKind;
}

/**
 * The root mapping's keys, in document order; undefined when the root is not a mapping or the document cannot be
 * turned into data (an alias bomb). The data is converted once per document and shared with validateYaml.
 */
export function rootKeysOf(source: YamlSource): string[] | undefined {
  if (source.tree.rootKind !== 'mapping') return undefined;
  try {
    const data = toPlainData(source);
    return data !== null && typeof data === 'object' ? Object.keys(data) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Converts the value at `basePath` (default: the whole document) to plain data and validates it with a zod schema;
 * every issue becomes a diagnostic at the offending node (unknown keys at the key), thrown together as an InputError.
 * `lists` name (from `basePath`) lists of many entries of one shape, validated entry by entry (list-validation.ts).
 */
export function validateYaml<S extends z.ZodType>(source: YamlSource, schema: S, basePath: YamlPath = [], lists: readonly YamlPath[] = []): z.output<S> {
  const value = valueAt(toPlainData(source), basePath);
  const valid = lists.length === 0 ? undefined : validateWithLists(schema, value, lists);
  if (valid !== undefined) return valid.data as z.output<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => diagnosticsOfIssue(source, basePath, issue, value, schema));
  throw new InputError(dropRepeats(problems).sort((a, b) => a.line - b.line || a.column - b.column));
}

/** Each document's plain data, converted once: loaders validate several sections of one document. */
const plainDataCache = new WeakMap<YamlSource, unknown>();

/** The document as plain data (read-only: every validation of the document shares it). */
function toPlainData(source: YamlSource): unknown {
  if (plainDataCache.has(source)) return plainDataCache.get(source);
  try {
    const data: unknown = source.tree.toData();
    plainDataCache.set(source, data);
    return data;
  } catch (error) {
    // yaml throws a ReferenceError for alias bombs and unresolved aliases; both are the user's input.
    const reason = error instanceof Error ? error.message : String(error);
    const message = /excessive alias count/i.test(reason)
      ? `more than ${MAX_ALIAS_COUNT} alias expansions (*name), the shape of a "billion laughs" file that expands ` +
        'until memory runs out; write the repeated values out instead of aliasing them'
      : reason;
    throw new InputError([diagnosticAt(positionOf(source, []), YAML_SYNTAX_RULE, 'error', message)]);
  }
}

function diagnosticsOfIssue(source: YamlSource, basePath: YamlPath, issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): Diagnostic[] {
  const path = [...basePath, ...issue.path];
  if (issue.code === 'invalid_union') {
    const explained = explainUnionIssue(issue, valueAt(data, issue.path));
    if (explained.length !== 1 || explained[0] !== issue) {
      return explained.flatMap((inner) => diagnosticsOfIssue(source, basePath, inner, data, schema));
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = listAllowedKeys(schema, issue.path);
    const hint = allowed.length === 0 ? '' : ` (keys allowed here: ${allowed.join(', ')})`;
    return issue.keys.map((key) => {
      const near = findNearestNames(key, allowed.filter((other) => other !== key));
      // A key another alternative of a union takes (`not` beside `oneOf`) is not misspelt: it is one key too many.
      const fix = allowed.includes(key)
        ? 'it does not go with the other keys of this mapping; keep one of them'
        : near.length === 0 ? 'remove it or check its spelling' : `did you mean ${near.map((k) => `"${k}"`).join(' or ')}?`;
      return diagnosticAt(keyPositionOf(source, [...path, key]), UNKNOWN_KEY_RULE, 'error', `${formatPath([...path, key])}: unknown key "${key}"; ${fix}${hint}`);
    });
  }
  const missing = issue.code === 'invalid_type' && !hasNodeAt(source, path);
  const message = missing
    ? `${formatPath(path)}: required key "${String(path[path.length - 1])}" is missing; add it`
    : `${formatPath(path)}: ${describeIssue(issue, valueAt(data, issue.path))}`;
  return [diagnosticAt(positionOf(source, path), INVALID_VALUE_RULE, 'error', message)];
}

/** Each problem once: a value checked by several schemas (unions, intersections) can be faulted the same way twice. */
function dropRepeats(problems: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.line}:${p.column}:${p.rule}:${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** How YAML spells each kind of value zod expects, with how to write it. */
const YAML_KINDS: Record<string, string> = {
  array: "a list ([a, b], or one '- item' per line)",
  object: 'a mapping (key: value lines, or { key: value })',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * zod's default wording ("Invalid input: expected array, received string") says what is wrong in JavaScript terms;
 * this says it in YAML terms and what to write instead. Messages a schema set itself are kept as they are.
 */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const quoteHint = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean');
    return (
      `expected ${YAML_KINDS[issue.expected] ?? issue.expected}, found ${describeValue(value)}` +
      (quoteHint ? `; put it in quotes to keep it as text, e.g. "${String(value)}"` : '')
    );
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return `is ${describeValue(value)}; use one of: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.minimum === 1 && issue.message.startsWith('Too small')) {
    if (issue.origin === 'string') return 'is empty; give a value';
    if (issue.origin === 'array') return 'is an empty list; give at least one entry';
  }
  return issue.message;
}

/** A user's value in a few words, for "found …". */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function formatPath(path: YamlPath): string {
  return path.length === 0 ? '(document)' : path.map(String).join('.');
}

function refAt(source: YamlSource, offset: number): SourceRef {
  const { line, col } = source.tree.linePos(offset);
  return { file: source.file, line, column: col };
}
