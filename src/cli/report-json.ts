import type { RunReport } from '../scenario/index.js';

/** What `JSON.stringify(…, null, 2)` indents each level by. */
const INDENT = '  ';
/** Characters gathered before a chunk is handed out. */
const CHUNK_CHARS = 1 << 14;

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

/**
 * An array one level inside the report, as JSON.stringify with two-space indentation writes it, in chunks; the event
 * log is read item by item (the engine's store rebuilds each event as it is reached).
 */
function* arrayText(items: { readonly length: number; at(index: number): unknown }): Generator<string, void, undefined> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const itemIndent = INDENT + INDENT;
  let chunk = '[';
  for (let index = 0; index < items.length; index++) {
    // An item JSON cannot express (undefined, a function) is null in an array, as JSON.stringify writes it.
    const text = JSON.stringify(items.at(index), null, 2) as string | undefined;
    chunk += `${index === 0 ? '\n' : ',\n'}${itemIndent}${indentNested(text ?? 'null', itemIndent)}`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n${INDENT}]`;
}

/** A value's JSON text placed at `indent`: every line after its first indented by that much more. */
function indentNested(text: string, indent: string): string {
  return text.replaceAll('\n', `\n${indent}`);
}
