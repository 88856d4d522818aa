/** The characters of the plain YAML subset the reader (plain-yaml-reader.ts) takes, as char codes and tests. */

/**
 * Characters the subset refuses outside comments: quotes, anchors/aliases, tags, block scalars, directives,
 * reserved indicators, explicit keys, tabs and other control characters (and, by charCode, anything beyond
 * printable ASCII). Keys, scalars and the spaces between them are each checked as they are read, so every
 * character outside comments is looked at once, in the loop that reads it.
 */
const REFUSED_CHARACTERS = new Uint8Array(0x7f);
for (let c = 0; c < 0x20; c++) REFUSED_CHARACTERS[c] = 1;
for (const c of '\'"&*!|>%@`?\\#') REFUSED_CHARACTERS[c.charCodeAt(0)] = 1;
/**
 * What a comment may hold: any printable character (plans quote docs with dashes and arrows), but no control
 * characters, byte order marks or line/paragraph separators, which some readers treat as line breaks.
 */
export const COMMENT_TEXT = /^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
/** Keys the core schema does not keep as text, and the one plain data would turn into a prototype. */
export const REFUSED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/* Character codes: the reader looks at characters as numbers (charCodeAt), never as one-character strings. */
export const SPACE = 0x20;
export const NEWLINE = 0x0a;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const DASH = 0x2d;
export const PLUS = 0x2b;
export const DOT = 0x2e;
export const TILDE = 0x7e;
export const UNDERSCORE = 0x5f;
export const OPEN_SQUARE = 0x5b;
export const CLOSE_SQUARE = 0x5d;
export const OPEN_CURLY = 0x7b;
export const CLOSE_CURLY = 0x7d;

/**
 * The characters a scalar of the subset may not hold: the refused ones and the flow indicators, in one table, so the
 * check of each character of a scalar is one look-up (a million scalars in a large estate).
 */
const NOT_IN_SCALAR = REFUSED_CHARACTERS.slice();
for (const c of ',[]{}') NOT_IN_SCALAR[c.charCodeAt(0)] = 1;

/** A character no scalar of the subset holds: refused, or a flow indicator. */
export const isNotInScalar = (c: number): boolean => c > 0x7e || NOT_IN_SCALAR[c] === 1;
/** ASCII letter. */
export const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** ASCII digit. */
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** A character the subset refuses outside comments. */
export const isRefused = (c: number): boolean => c > 0x7e || REFUSED_CHARACTERS[c] === 1;
/** `,` `[` `]` `{` `}`. */
export const isFlowIndicator = (c: number): boolean => c === COMMA || c === OPEN_SQUARE || c === CLOSE_SQUARE || c === OPEN_CURLY || c === CLOSE_CURLY;
/** A character of a key the subset accepts after its first ([A-Za-z_][A-Za-z0-9_-]*). */
export const isKeyCharacter = (c: number): boolean => isLetter(c) || isDigit(c) || c === UNDERSCORE || c === DASH;

/**
 * Whether `text` holds `part` at `offset`. The reader compares short names (keys, repeated values) millions of times:
 * a loop of character codes costs a fraction of String.prototype.startsWith's call into the runtime.
 */
export function isTextAt(text: string, part: string, offset: number): boolean {
  const length = part.length;
  if (offset + length > text.length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(offset + i) !== part.charCodeAt(i)) return false;
  return true;
}

/** Strings this long or longer that are cut out of a text are views of it in V8 (sliced strings); shorter are copies. */
const SLICED_LENGTH = 13;

/**
 * The text from `start` to `end` as a string of its own. A value or key kept from a 34 MB document would otherwise be
 * a view of the whole text and keep it alive as long as the value lives (a scenario's commands, a whole run); a
 * flattened concatenation is a copy.
 */
export function cutOut(text: string, start: number, end: number): string {
  const part = text.slice(start, end);
  return part.length < SLICED_LENGTH ? part : (' ' + part).slice(1);
}
