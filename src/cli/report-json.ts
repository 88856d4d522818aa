import type { RunReport } from '../scenario/index.js';

/** What `JSON.stringify(…, null, 2)` indents each level by. */
const INDENT = '  ';

/**
 * `JSON.stringify(report, null, 2)` and a newline, byte for byte, in chunks: the events are written one at a time, so
 * a run of millions of events is never one string (V8 caps a string at about 512 MB; the full-size world's is 415 MB).
 */
export function* reportJsonText(report: RunReport): Generator<string, void, undefined> {
  // JSON.stringify leaves out fields whose value is undefined (an absent pendingTimers).
  const fields = Object.entries(report).filter(([, value]) => value !== undefined);
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  let separator = `{\n${INDENT}`;
  for (const [key, value] of fields) {
    yield `${separator}${JSON.stringify(key)}: `;
    separator = `,\n${INDENT}`;
    if (key === 'events') yield* arrayText(report.events);
    else yield indentNested(JSON.stringify(value, null, 2), INDENT);
  }
  yield '\n}\n';
}

/** Events written by one JSON.stringify call: ~16k characters of text, a chunk as the rest of the output is. */
const EVENTS_PER_BATCH = 64;

/**
 * The array's items two levels deep, as JSON.stringify writes them: `[[item, …]]` stringified, less its first two
 * lines (`[`, `  [`) and its last two (`  ]`, `]`). Each item then sits at the indentation the report's array gives it,
 * written by the engine's own serializer, with no per-item call nor a copy re-indenting its lines.
 */
const WRAPPER_HEAD = `[\n${INDENT}[\n`;
const WRAPPER_TAIL = `\n${INDENT}]\n]`;

/**
 * An array one level inside the report, as JSON.stringify with two-space indentation writes it, in chunks of a batch
 * of items each; the event log is read a batch at a time (the engine's store rebuilds each event as it is reached).
 */
function* arrayText(items: { readonly length: number; slice(start: number, end: number): unknown[] }): Generator<string, void, undefined> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  let separator = '[\n';
  for (let start = 0; start < items.length; start += EVENTS_PER_BATCH) {
    // An item JSON cannot express (undefined, a function) is null in an array, as JSON.stringify writes it.
    const text = JSON.stringify([items.slice(start, start + EVENTS_PER_BATCH)], null, 2);
    yield separator;
    yield text.slice(WRAPPER_HEAD.length, text.length - WRAPPER_TAIL.length);
    separator = ',\n';
  }
  yield `\n${INDENT}]`;
}

/** A value's JSON text placed at `indent`: every line after its first indented by that much more. */
function indentNested(text: string, indent: string): string {
  return text.replaceAll('\n', `\n${indent}`);
}
