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

/** Characters after which a quote or a bracket starts a scalar or a flow collection (not text inside a scalar). */
const VALUE_START = new Set([':', '-', '?', ',', '[', '{']);
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
  let quote: string | null = null;
  let entries = 0;
  let blockScalarIndent = -1;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    line++;
    let i = start;
    while (i < end && text[i] === ' ') i++;
    const indent = i - start;
    const isBlank = i >= end || text[i] === '\r';
    if (blockScalarIndent >= 0 && (isBlank || indent > blockScalarIndent)) {
      start = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    let depth = indents.length + flowDepth;
    if (quote === null && flowDepth === 0 && !isBlank && text[i] !== '#') {
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      // An item's content sits at the column after its `- `: a level of its own (the mapping of `- key: …`, or the
      // next list of compact items `- - - x`), which later, deeper lines nest under.
      while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === end) && indents.length <= MAX_NESTING_DEPTH) {
        entries++;
        const dash = i;
        i += 2;
        while (i < end && text[i] === ' ') i++;
        indents.push(i - start);
        if (indents.length > MAX_NESTING_DEPTH) i = dash;
      }
      depth = indents.length;
    }
    if (depth > MAX_NESTING_DEPTH) return { entries, tooDeepAt: { line, column: i - start + 1 } };
    // the last character of the line that was not blank: a quote or bracket right after the start or an indicator opens
    let previous: string | undefined;
    for (; i < end; i++) {
      const c = text[i]!;
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = null;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && text[i + 1] === "'") i++;
        else if (c === "'") quote = null;
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      const startsValue = previous === undefined || VALUE_START.has(previous);
      if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && startsValue) {
        quote = c;
      } else if ((c === '[' || c === '{') && (flowDepth > 0 || startsValue)) {
        flowDepth++;
        entries++;
        if (depth + flowDepth > MAX_NESTING_DEPTH) return { entries, tooDeepAt: { line, column: i - start + 1 } };
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
      } else if (c === ',' && flowDepth > 0) {
        entries++;
      } else if (c === ':' && (i + 1 === end || text[i + 1] === ' ' || flowDepth > 0)) {
        entries++;
      } else if ((c === '|' || c === '>') && flowDepth === 0 && startsValue && BLOCK_SCALAR_HEADER.test(text.slice(i, end))) {
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
