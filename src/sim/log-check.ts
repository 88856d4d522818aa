import { z } from 'zod';
import { applyEvent } from './apply-event.js';
import { EVENT_SCHEMAS, isEventType, type EventType, type SimEvent } from './events.js';
import { checkInvariants } from './invariants.js';
import { findBrokenReference } from './log-references.js';
import { createWorld, type World } from './world.js';

/** The first line of a log that is not a valid next event: its 1-based number, what is wrong and what to do. */
export interface LogProblem {
  line: number;
  message: string;
}

/** A log read back: every event with the world they fold to, or the first bad line. */
export type LogReading = { ok: true; events: SimEvent[]; world: World } | { ok: false; problem: LogProblem };

/** Said after every refusal: a log is the engine's output, so the fix is to write it again, not to edit it. */
const REWRITE = 'write the log again with `vnetsim run --log`';

// The envelope every line carries before its payload.
const ENVELOPE = { seq: z.number().int().min(1), time: z.number().int().min(0), type: z.string() };

const lineSchemas = new Map<EventType, z.ZodType>();

/** The schema of a whole log line of `type`: its payload's fields beside the envelope, nothing else. */
function lineSchemaOf(type: EventType): z.ZodType {
  let schema = lineSchemas.get(type);
  if (schema === undefined) {
    schema = EVENT_SCHEMAS[type].extend({ ...ENVELOPE, type: z.literal(type) });
    lineSchemas.set(type, schema);
  }
  return schema;
}

/**
 * Reads a JSONL event log (`vnetsim run --log`) and checks each line as it goes: JSON, an event type of the catalogue,
 * exactly that type's fields and value types, `seq` counting up from 1 by one, `time` never going back,
 * `world.started` first, and every object it names existing in the world folded so far. The first bad line ends the
 * reading. The events returned are the lines as written (key order kept), so they stream and re-log unchanged.
 */
export function checkEventLog(text: string): LogReading {
  const world = createWorld();
  const events: SimEvent[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const checked = checkLine(line, events[events.length - 1], world);
    if (typeof checked === 'string') return { ok: false, problem: { line: index + 1, message: checked } };
    events.push(checked);
  }
  if (events.length === 0) return { ok: false, problem: { line: 1, message: `the log holds no event; ${REWRITE}` } };
  const broken = checkInvariants(world);
  if (broken.length > 0) return { ok: false, problem: locateInvariantBreak(lines, events) };
  return { ok: true, events, world };
}

/** One line checked against the catalogue and the world so far: the event (folded into `world`), or what is wrong. */
function checkLine(line: string, previous: SimEvent | undefined, world: World): SimEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `not JSON (${reason}): the line is cut short or damaged; ${REWRITE}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('type' in value) || typeof value.type !== 'string') {
    return `not an event: each line of an event log is one object {seq, time, type, …}; ${REWRITE}`;
  }
  if (!isEventType(value.type)) {
    return `unknown event type '${value.type}': this vnetsim knows ${Object.keys(EVENT_SCHEMAS).length} types (src/sim/events.ts); ${REWRITE} with this version`;
  }
  const parsed = lineSchemaOf(value.type).safeParse(value);
  if (!parsed.success) return `${value.type}: ${describeIssues(parsed.error.issues, value)}; ${REWRITE}`;
  // The schema accepted exactly this object; the original keeps the key order of the written line.
  const event = value as SimEvent;
  const order = checkOrder(event, previous);
  if (order !== undefined) return `${order}; ${REWRITE}`;
  const reference = findBrokenReference(world, event);
  if (reference !== undefined) return `${event.type} (seq ${event.seq}): ${reference} at this point of the log; ${REWRITE}`;
  try {
    applyEvent(world, event);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^fold: /, '') : String(error);
    return `${event.type} (seq ${event.seq}) does not fit the world so far: ${reason}; ${REWRITE}`;
  }
  return event;
}

/** Whether `event` may follow `previous`: seq up by exactly one from 1, time not going back, world.started first and once. */
function checkOrder(event: SimEvent, previous: SimEvent | undefined): string | undefined {
  const expected = (previous?.seq ?? 0) + 1;
  if (event.seq < expected) return `seq ${event.seq} after seq ${expected - 1}: a line is repeated or out of order`;
  if (event.seq > expected) {
    const missing = event.seq - expected;
    return `seq ${event.seq} after seq ${expected - 1}: ${missing} event${missing === 1 ? ' is' : 's are'} missing before this line`;
  }
  if (previous !== undefined && event.time < previous.time) {
    return `time ${event.time} ms goes back from ${previous.time} ms at seq ${previous.seq}: events are logged in time order`;
  }
  if ((event.type === 'world.started') !== (previous === undefined)) return 'a log starts with world.started, once';
  return undefined;
}

/**
 * The schema's findings in words: missing and unknown fields together (a renamed field is both), else the first
 * field whose value is wrong and what it should have been.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], value: object): string {
  const missing = issues.filter((issue) => valueAt(value, issue.path) === undefined).map((issue) => `'${issue.path.join('.')}'`);
  const unknown = issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `'${[...issue.path, key].join('.')}'`) : []));
  const parts = [
    ...(missing.length === 0 ? [] : [`field${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing`]),
    ...(unknown.length === 0 ? [] : [`field${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} not part of this event`]),
  ];
  if (parts.length > 0) return parts.join(', ');
  const [first] = issues;
  return first === undefined ? 'does not match its schema' : `field '${first.path.join('.')}': ${first.message.replace(/^Invalid (input|option): /, '')}`;
}

/** The value at a schema issue's path inside the parsed line, `undefined` when absent. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The line after which the world first breaks an invariant (a DIP outside its subnet, a VIP held twice …). */
function locateInvariantBreak(lines: readonly string[], events: readonly SimEvent[]): LogProblem {
  const world = createWorld();
  let index = -1;
  for (const event of events) {
    do index++; while (lines[index]!.trim() === '');
    applyEvent(world, event);
    const broken = checkInvariants(world);
    if (broken.length > 0) return { line: index + 1, message: `${event.type} (seq ${event.seq}) leaves a world the platform never had: ${broken[0]}; ${REWRITE}` };
  }
  // Unreachable: the whole log broke an invariant, so some prefix of it did.
  return { line: index + 1, message: `the log ends in a world the platform never had; ${REWRITE}` };
}
