import { InputError, MAX_LIBRARY_YAML_ENTRIES, MAX_NESTING_DEPTH, MAX_YAML_ENTRIES, diagnosticAt, type SourceRef } from '../common/index.js';

/** Code of a diagnostic for input beyond one of vnetsim's documented limits (size, nesting, entries). */
export const INPUT_LIMIT_RULE = 'input-limit';

/** What a look at YAML text found without parsing it. */
export interface YamlMeasure {
  /** List items, mapping keys and flow separators (an upper bound of the nodes a parser would build), counted up to just past MAX_YAML_ENTRIES. */
  entries: number;
  /** Where the nesting first went deeper than the limit, if it did. */
  tooDeepAt: { line: number; column: number } | undefined;
}

// Character codes the measure looks at: it reads every character of files of tens of megabytes, so it compares
// numbers (charCodeAt) instead of building one-character strings.
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const QUESTION = 0x3f;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const PIPE = 0x7c;
const GREATER = 0x3e;
/** No character before this one on the line (a value may start here). */
const LINE_START = -1;

/** Whether a quote or a bracket after this character starts a scalar or a flow collection (not text inside a scalar). */
function isValueStart(previous: number): boolean {
  return previous === LINE_START || previous === COLON || previous === DASH || previous === QUESTION || previous === COMMA ||
    previous === OPEN_SQUARE || previous === OPEN_CURLY;
}

/** The header of a block scalar (`|`, `>-`, `|2` …), after which more-indented lines are text, not structure. */
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * Measures YAML text in one pass without parsing it: how deep its collections nest (block indentation, compact `- -`
 * items and flow brackets, skipping quoted scalars, comments and block scalars) and how many entries it has. Both
 * parsers recurse per level and the `yaml` library keeps ~1.5 KB per node, so this is what lets the loader refuse a
 * `[[[[…` bomb or a million-entry timeline before either parser starts (issue #14, items 5 and 10). It errs on the
 * side of counting more: a file it lets through cannot nest deeper than it says.
 */
export function measureYaml(text: string): YamlMeasure {
  const indents: number[] = [];
  let flowDepth = 0;
  let quote = 0;
  let entries = 0;
  let blockScalarIndent = -1;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const indent = i - start;
    const isBlank = i >= end || text.charCodeAt(i) === CR;
    if (blockScalarIndent >= 0 && (isBlank || indent > blockScalarIndent)) {
      start = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    let depth = indents.length + flowDepth;
    if (quote === 0 && flowDepth === 0 && !isBlank && text.charCodeAt(i) !== HASH) {
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      // An item's content sits at the column after its `- `: a level of its own (the mapping of `- key: …`, or the
      // next list of compact items `- - - x`), which later, deeper lines nest under.
      while (text.charCodeAt(i) === DASH && (text.charCodeAt(i + 1) === SPACE || i + 1 === end) && indents.length <= MAX_NESTING_DEPTH) {
        entries++;
        const dash = i;
        i += 2;
        while (i < end && text.charCodeAt(i) === SPACE) i++;
        indents.push(i - start);
        if (indents.length > MAX_NESTING_DEPTH) i = dash;
      }
      depth = indents.length;
    }
    if (depth > MAX_NESTING_DEPTH) return { entries, tooDeepAt: { line, column: i - start + 1 } };
    // the last character of the line that was not blank: a quote or bracket right after the start or an indicator opens
    let previous = LINE_START;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote === DOUBLE_QUOTE) {
        if (c === BACKSLASH) i++;
        else if (c === DOUBLE_QUOTE) quote = 0;
        continue;
      }
      if (quote === SINGLE_QUOTE) {
        if (c === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
        else if (c === SINGLE_QUOTE) quote = 0;
        continue;
      }
      if (c === SPACE || c === TAB) continue;
      const startsValue = isValueStart(previous);
      if (c === HASH && (i === start || text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) break;
      if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && startsValue) {
        quote = c;
      } else if ((c === OPEN_SQUARE || c === OPEN_CURLY) && (flowDepth > 0 || startsValue)) {
        flowDepth++;
        entries++;
        if (depth + flowDepth > MAX_NESTING_DEPTH) return { entries, tooDeepAt: { line, column: i - start + 1 } };
      } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && flowDepth > 0) {
        flowDepth--;
      } else if (c === COMMA && flowDepth > 0) {
        entries++;
      } else if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || flowDepth > 0)) {
        entries++;
      } else if ((c === PIPE || c === GREATER) && flowDepth === 0 && startsValue && BLOCK_SCALAR_HEADER.test(text.slice(i, end))) {
        blockScalarIndent = indent;
        break;
      }
      previous = c;
    }
    start = end + 1;
    // past the limit the count no longer matters: the file is refused either way, so a huge one is not read to its end
    if (entries > MAX_YAML_ENTRIES) break;
  }
  return { entries, tooDeepAt: undefined };
}

/**
 * Refuses YAML text beyond the documented limits before any parser reads it: nesting deeper than MAX_NESTING_DEPTH
 * (at the place it goes too deep), or more entries than MAX_YAML_ENTRIES. Returns the measure for the next check.
 */
export function checkYamlBounds(text: string, file: string): YamlMeasure {
  const measure = measureYaml(text);
  if (measure.tooDeepAt !== undefined) {
    throw new InputError([
      diagnosticAt({ file, ...measure.tooDeepAt }, INPUT_LIMIT_RULE, 'error',
        `collections nest deeper than ${MAX_NESTING_DEPTH} levels here; a scenario or plan needs about 8: flatten the nesting`),
    ]);
  }
  if (measure.entries > MAX_YAML_ENTRIES) throw tooManyEntries(file, MAX_YAML_ENTRIES, 'split it into several files');
  return measure;
}

/** Refuses text outside the plain subset with more entries than the `yaml` library reads in bounded memory. */
export function checkLibraryYamlEntries(measure: YamlMeasure, file: string): void {
  if (measure.entries <= MAX_LIBRARY_YAML_ENTRIES) return;
  throw tooManyEntries(file, MAX_LIBRARY_YAML_ENTRIES,
    'write it in the plain subset generated plans use (no quotes, anchors, tags or block scalars), which is read up to ' +
      `${MAX_YAML_ENTRIES} entries, or split it`);
}

function tooManyEntries(file: string, limit: number, fix: string): InputError {
  const message = `the file has more than the ${limit} entries (list items, keys) allowed; ${fix}`;
  return new InputError([diagnosticAt({ file, line: 1, column: 1 }, INPUT_LIMIT_RULE, 'error', message)]);
}

/**
 * Refuses XML whose elements nest deeper than MAX_NESTING_DEPTH (a NetworkConfig.xml nests 9 deep), at the start tag
 * that goes too deep, before a parser sees it. Comments, CDATA, declarations and quoted attribute values are skipped;
 * markup that is not well-formed is left for the validator to report.
 */
export function checkXmlDepth(text: string, refAt: (offset: number) => SourceRef): void {
  let depth = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const skipTo = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : undefined;
    if (skipTo !== undefined) {
      i = text.indexOf(skipTo, i);
      if (i < 0) return;
    } else if (text[i + 1] === '/') {
      depth = Math.max(0, depth - 1);
    } else if (text[i + 1] !== '?' && text[i + 1] !== '!') {
      const end = findTagEnd(text, i);
      if (end < 0) return;
      if (text[end - 1] !== '/' && ++depth > MAX_NESTING_DEPTH) {
        throw new InputError([
          diagnosticAt(refAt(i), INPUT_LIMIT_RULE, 'error', `elements nest deeper than ${MAX_NESTING_DEPTH} levels here; a NetworkConfig.xml needs 9: close the elements left open`),
        ]);
      }
      i = end;
    }
  }
}

/** Offset of the `>` that ends the tag starting at `start` (outside quoted attribute values), or -1. */
function findTagEnd(text: string, start: number): number {
  let quote: string | null = null;
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  return -1;
}
