/*
 * A one-pass reader for the plain subset of YAML that large generated plans are written in: block mappings and
 * sequences nested by spaces, one-line flow collections ({ k: v }, [a, b]) and plain one-line scalars. The `yaml`
 * library spends ~1 µs per character on such text (a 100k-subnet plan: 5.4 s of a 6.5 s check); this reads it in a
 * fraction of that. Comments (a `#` at a line's start or after a space) are skipped. Anything outside the subset
 * (quotes, anchors, tags, tabs, block scalars, empty values, a `#` inside a scalar, duplicate keys, keys that are not
 * plain names …) makes it give up, and the caller reads the text with the `yaml` library instead, so every error and
 * its position still comes from one place. Where it accepts, its values and node offsets are the library's (the test
 * compares both on generated and edited documents).
 */

/** A node the reader built: its start offset (where the `yaml` library's range starts) and its content. */
export type PlainNode = PlainScalar | PlainMap | PlainSeq;

/** A plain scalar, already resolved by the YAML 1.2 core schema. */
export interface PlainScalar {
  kind: 'scalar';
  start: number;
  value: unknown;
}

/** A mapping: keys in written order with the offset of each key. */
export interface PlainMap {
  kind: 'map';
  start: number;
  entries: Map<string, { keyStart: number; value: PlainNode }>;
}

/** A sequence. */
export interface PlainSeq {
  kind: 'seq';
  start: number;
  items: PlainNode[];
}

/** What the reader read: the root mapping and the offset where each line starts. */
export interface PlainDocument {
  root: PlainMap;
  lineStarts: number[];
}

/** Thrown inside the reader when the text leaves the subset; never escapes readPlainYaml. */
class OutsideSubset extends Error {}

// Characters the subset refuses outside comments: quotes, anchors/aliases, tags, block scalars, directives,
// reserved indicators, explicit keys, tabs, carriage returns and anything beyond printable ASCII.
const REFUSED_CHARACTERS = /['"&*!|>%@`?\t\r\\]|[^\x20-\x7e]/;
// Comments may hold any printable character (plans quote docs with dashes and arrows), but no control characters,
// byte order marks or line/paragraph separators, which some readers treat as line breaks.
const COMMENT_TEXT = /^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
// A key the subset accepts: a name that the core schema keeps as text (null/true/false are refused by addEntry).
const KEY_NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const KEY_PATTERN = new RegExp(`^${KEY_NAME}$`);
// A block sequence item that opens a mapping (`- key: value` or `- key:`) rather than holding a scalar.
const MAP_ENTRY_START = new RegExp(`^${KEY_NAME}:(?: |$)`);
// A plain scalar: starts with a character no YAML indicator can be mistaken for; flow indicators end it.
const SCALAR_START = /[A-Za-z0-9~]|[-+.][A-Za-z0-9.]/y;
const SCALAR_BODY = /[^,[\]{}]*/y;

/** The document as plain nodes, or undefined when the text is outside the subset (read it with the library). */
export function readPlainYaml(text: string): PlainDocument | undefined {
  // YAML also breaks lines at a lone carriage return, which would hide a line inside what looks like a comment
  if (text.includes('\r')) return undefined;
  try {
    return new LineReader(text).readDocument();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** Plain JavaScript data of a node, as the library's `toJS()` gives it. */
export function plainDataOf(node: PlainNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainDataOf);
  const data: Record<string, unknown> = {};
  for (const [key, entry] of node.entries) data[key] = plainDataOf(entry.value);
  return data;
}

/** A first character that begins no null (n, N, ~), boolean (t, T, f, F), number (digits, signs, .) or special float. */
const STARTS_PLAIN_TEXT = /^[A-EG-MO-SU-Za-eg-mo-su-z_]/;

/** Resolves a plain scalar the way the YAML 1.2 core schema does (null, booleans, integers, floats, else text). */
export function resolveCoreScalar(text: string): unknown {
  // Most scalars of a large plan are names (svc12-3, West US): a letter that starts no null, boolean, number or
  // special float is text whatever follows, and the patterns below need not run for them.
  if (STARTS_PLAIN_TEXT.test(text)) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  return text;
}

/** Walks the text line by line; each block reads the lines at its own indent and stops at a shallower one. */
class LineReader {
  private readonly lines: string[];
  private readonly lineStarts: number[] = [];
  /** Each line's indent, -1 for a blank (or comment-only) line: measured once, asked several times per line. */
  private readonly indents: number[] = [];
  private line = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
    let offset = 0;
    for (const [index, line] of this.lines.entries()) {
      this.lineStarts.push(offset);
      offset += line.length + 1;
      const content = withoutComment(line);
      this.lines[index] = content;
      this.indents.push(content.search(/[^ ]/));
    }
  }

  readDocument(): PlainDocument {
    this.skipBlankLines();
    if (this.atEnd() || this.indentOf(this.line) !== 0) throw new OutsideSubset();
    const root = this.readBlockMap(0, 0);
    this.skipBlankLines();
    if (!this.atEnd()) throw new OutsideSubset();
    return { root, lineStarts: this.lineStarts };
  }

  private atEnd(): boolean {
    return this.line >= this.lines.length;
  }

  private skipBlankLines(): void {
    while (!this.atEnd() && this.indentOf(this.line) < 0) this.line++;
  }

  private indentOf(line: number): number {
    return this.indents[line] ?? -1;
  }

  /** The indent of the next non-blank line, or -1 at the end of the text. */
  private nextIndent(): number {
    this.skipBlankLines();
    return this.atEnd() ? -1 : this.indentOf(this.line);
  }

  /** A block mapping whose keys sit at `indent`; its first key starts at `column` of the current line. */
  private readBlockMap(indent: number, column: number): PlainMap {
    const map: PlainMap = { kind: 'map', start: this.lineStarts[this.line]! + column, entries: new Map() };
    this.readMapEntry(map, indent, column);
    while (this.nextIndent() === indent) this.readMapEntry(map, indent, indent);
    if (this.nextIndent() > indent) throw new OutsideSubset();
    return map;
  }

  private readMapEntry(map: PlainMap, indent: number, column: number): void {
    const text = this.lines[this.line]!;
    const lineStart = this.lineStarts[this.line]!;
    const colon = text.indexOf(':', column);
    if (colon < 0) throw new OutsideSubset();
    const key = text.slice(column, colon);
    const keyStart = lineStart + column;
    const rest = text.slice(colon + 1);
    if (rest.trim() === '') {
      // `key:` then the value on the lines below: a deeper block, or a sequence at the key's own indent
      this.line++;
      const below = this.nextIndent();
      const startsSequence = below >= 0 && this.isSequenceLine(this.line, below);
      if (below > indent || (below === indent && startsSequence)) {
        addEntry(map, key, keyStart, this.readBlockNode(below));
        return;
      }
      throw new OutsideSubset();
    }
    if (rest[0] !== ' ') throw new OutsideSubset();
    const valueColumn = colon + 1 + (rest.length - rest.trimStart().length);
    addEntry(map, key, keyStart, this.readInlineValue(valueColumn));
    this.line++;
  }

  private isSequenceLine(line: number, indent: number): boolean {
    const text = this.lines[line] ?? '';
    return text[indent] === '-' && (text[indent + 1] === ' ' || text.length === indent + 1);
  }

  /** The block node starting on the current line at `indent`: a sequence (`- `) or a mapping. */
  private readBlockNode(indent: number): PlainNode {
    return this.isSequenceLine(this.line, indent) ? this.readBlockSeq(indent) : this.readBlockMap(indent, indent);
  }

  private readBlockSeq(indent: number): PlainSeq {
    const seq: PlainSeq = { kind: 'seq', start: this.lineStarts[this.line]! + indent, items: [] };
    do {
      const afterDash = this.lines[this.line]!.slice(indent + 1);
      if (afterDash.trim() === '') throw new OutsideSubset();
      seq.items.push(this.readSeqItem(indent + 1 + afterDash.length - afterDash.trimStart().length));
    } while (this.nextIndent() === indent && this.isSequenceLine(this.line, indent));
    if (this.nextIndent() > indent) throw new OutsideSubset();
    return seq;
  }

  /** A sequence item whose content starts at `column`: a flow collection or scalar, or a mapping `- key: value`. */
  private readSeqItem(column: number): PlainNode {
    const text = this.lines[this.line]!;
    if (text[column] === '{' || text[column] === '[' || !MAP_ENTRY_START.test(text.slice(column))) {
      const node = this.readInlineValue(column);
      this.line++;
      return node;
    }
    return this.readBlockMap(column, column);
  }

  /** The value written on the rest of the current line from `column`: a flow collection or a plain scalar. */
  private readInlineValue(column: number): PlainNode {
    const text = this.lines[this.line]!;
    const lineStart = this.lineStarts[this.line]!;
    if (text[column] === '{' || text[column] === '[') {
      const flow = new FlowReader(text, lineStart);
      const node = flow.readValue(column);
      if (text.slice(flow.position).trim() !== '') throw new OutsideSubset();
      return node;
    }
    const raw = text.slice(column).trimEnd();
    if (!isPlainScalar(raw) || /[[\]{}]|: /.test(raw) || raw.endsWith(':')) throw new OutsideSubset();
    return { kind: 'scalar', start: lineStart + column, value: resolveCoreScalar(raw) };
  }
}

/** The line without its comment (YAML starts one at a `#` that begins the line or follows a space), if in the subset. */
function withoutComment(line: string): string {
  const hash = line.indexOf('#');
  const content = hash < 0 ? line : line.slice(0, hash);
  // a `#` inside a scalar (`a#b`) is text to YAML: rare enough in plans to leave to the library
  if (hash > 0 && line[hash - 1] !== ' ') throw new OutsideSubset();
  if (REFUSED_CHARACTERS.test(content) || (hash >= 0 && !COMMENT_TEXT.test(line.slice(hash)))) throw new OutsideSubset();
  return content;
}

/**
 * Adds `key` to a block or flow mapping if the subset accepts it: a plain name the core schema keeps as text (not
 * null/true/false), not `__proto__` (which plain data would turn into a prototype), and not written twice (the
 * library reports duplicates as errors, so they are left to it).
 */
function addEntry(map: PlainMap, key: string, keyStart: number, value: PlainNode): void {
  if (!KEY_PATTERN.test(key) || resolveCoreScalar(key) !== key || key === '__proto__' || map.entries.has(key)) {
    throw new OutsideSubset();
  }
  map.entries.set(key, { keyStart, value });
}

function isPlainScalar(raw: string): boolean {
  SCALAR_START.lastIndex = 0;
  return raw !== '' && SCALAR_START.test(raw) && !/,/.test(raw);
}

/** Reads one-line flow collections: `{ key: value, … }` and `[item, …]` of plain scalars and nested collections. */
class FlowReader {
  position = 0;

  constructor(
    private readonly text: string,
    private readonly lineStart: number,
  ) {}

  readValue(column: number): PlainNode {
    this.position = column;
    const char = this.text[column];
    if (char === '{') return this.readMap();
    if (char === '[') return this.readSeq();
    return this.readScalar();
  }

  private skipSpaces(): void {
    while (this.text[this.position] === ' ') this.position++;
  }

  private readSeq(): PlainSeq {
    const seq: PlainSeq = { kind: 'seq', start: this.lineStart + this.position, items: [] };
    this.readItems(']', () => seq.items.push(this.readValue(this.position)));
    return seq;
  }

  private readMap(): PlainMap {
    const map: PlainMap = { kind: 'map', start: this.lineStart + this.position, entries: new Map() };
    this.readItems('}', () => {
      const keyStart = this.position;
      const colon = this.text.indexOf(':', keyStart);
      if (colon < 0 || this.text[colon + 1] !== ' ') throw new OutsideSubset();
      this.position = colon + 1;
      this.skipSpaces();
      addEntry(map, this.text.slice(keyStart, colon), this.lineStart + keyStart, this.readValue(this.position));
    });
    return map;
  }

  /** The comma-separated items after the opening bracket at the current position, through the `close` bracket. */
  private readItems(close: ']' | '}', readItem: () => void): void {
    this.position++;
    this.skipSpaces();
    if (this.text[this.position] !== close) {
      for (;;) {
        readItem();
        this.skipSpaces();
        if (this.text[this.position] === close) break;
        if (this.text[this.position] !== ',') throw new OutsideSubset();
        this.position++;
        this.skipSpaces();
      }
    }
    this.position++;
  }

  private readScalar(): PlainScalar {
    const start = this.position;
    SCALAR_BODY.lastIndex = start;
    SCALAR_BODY.test(this.text);
    this.position = SCALAR_BODY.lastIndex;
    const raw = this.text.slice(start, this.position).trimEnd();
    if (!isPlainScalar(raw) || /: |:$/.test(raw)) throw new OutsideSubset();
    return { kind: 'scalar', start: this.lineStart + start, value: resolveCoreScalar(raw) };
  }
}
