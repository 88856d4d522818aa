import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError, diagnosticAt, type Diagnostic, type SourceRef } from '../common/index.js';

/** A path into a YAML document: map keys and sequence indexes, as zod reports them. */
export type YamlPath = readonly PropertyKey[];

/** A parsed YAML document that still knows where every node was written. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
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
 * with its file:line:column.
 */
export function parseYamlDocument(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // logLevel 'error': yaml would print its own warnings (e.g. a collection used as a key) on stderr; the schema
  // reports such input as a diagnostic at its position instead
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  const problems = [...doc.errors].map((error) => {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    const firstLine = error.message.split('\n')[0] ?? error.code;
    const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
    return diagnosticAt({ file, line: pos.line, column: pos.col }, YAML_SYNTAX_RULE, 'error', message);
  });
  if (problems.length > 0) throw new InputError(problems);
  return { file, doc, lineCounter };
}

/** The position of the node at `path`, or of its nearest ancestor that exists (e.g. the map missing a key). */
export function positionOf(source: YamlSource, path: YamlPath): SourceRef {
  return refAt(source, offsetOf(source, path));
}

/** The position of a mapping key (not its value) at `path`, e.g. to point at an unknown key itself. */
export function keyPositionOf(source: YamlSource, path: YamlPath): SourceRef {
  const key = path[path.length - 1];
  const map = source.doc.getIn(path.slice(0, -1), true);
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair !== undefined && isNode(pair.key) && pair.key.range) return refAt(source, pair.key.range[0]);
  }
  return positionOf(source, path);
}

/** Whether a node exists at `path` (used to tell a missing key from a wrong value). */
export function hasNodeAt(source: YamlSource, path: YamlPath): boolean {
  return source.doc.hasIn(path);
}

/**
 * Converts the value at `basePath` (default: the whole document) to plain data and validates it with a zod schema;
 * every issue becomes a diagnostic at the offending node (unknown keys at the key), thrown together as an InputError.
 */
export function validateYaml<S extends z.ZodType>(source: YamlSource, schema: S, basePath: YamlPath = []): z.output<S> {
  const value = valueAt(toPlainData(source), basePath);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => diagnosticsOfIssue(source, basePath, issue, value));
  throw new InputError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
}

/** Each document's plain data, converted once: loaders validate several sections of one document. */
const plainDataCache = new WeakMap<YamlSource, unknown>();

/** The document as plain data (read-only: every validation of the document shares it). */
function toPlainData(source: YamlSource): unknown {
  if (plainDataCache.has(source)) return plainDataCache.get(source);
  try {
    const data: unknown = source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function diagnosticsOfIssue(source: YamlSource, basePath: YamlPath, issue: z.core.$ZodIssue, data: unknown): Diagnostic[] {
  const path = [...basePath, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      diagnosticAt(
        keyPositionOf(source, [...path, key]),
        UNKNOWN_KEY_RULE,
        'error',
        `${formatPath([...path, key])}: unknown key "${key}"; remove it or check its spelling`,
      ),
    );
  }
  const missing = issue.code === 'invalid_type' && !hasNodeAt(source, path);
  const message = missing
    ? `${formatPath(path)}: required key "${String(path[path.length - 1])}" is missing; add it`
    : `${formatPath(path)}: ${describeIssue(issue, valueAt(data, issue.path))}`;
  return [diagnosticAt(positionOf(source, path), INVALID_VALUE_RULE, 'error', message)];
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

function offsetOf(source: YamlSource, path: YamlPath): number {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

function refAt(source: YamlSource, offset: number): SourceRef {
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}
