import { compileLiteralBuilder, type LiteralEntry } from '../common/index.js';
import type { EventBody, EventType, SimEvent } from './events.js';

/**
 * One layout of a logged event: its type and its payload's keys in the order they were recorded, with the three ways
 * the log moves such an event compiled for it. A type's events nearly always share one layout, so ~100 layouts cover
 * a 1.7M-event log; an event built key by key (`event[key] = body[key]` for each key) costs a transitioning keyed store
 * per key, ~300 ns an event, where one object literal of known keys costs a tenth of that.
 */
export interface EventLayout {
  /** Its number among the layouts of its registry, from 0 (the store keeps it per event in 16 bits). */
  readonly id: number;
  readonly type: EventType;
  /** The payload's keys, `type` not among them, in the order the body had them. */
  readonly keys: readonly string[];
  /** The logged event of a body of this layout: a new object keyed seq, time, type, then the payload in this order. */
  readonly build: (seq: number, time: number, body: EventBody) => SimEvent;
  /** Writes a body's payload values into `values` from `offset` on, in this layout's order. */
  readonly copyValues: (body: EventBody, values: unknown[], offset: number) => void;
  /** The logged event rebuilt from its payload values, read from `values[offset]` on; a new object each call. */
  readonly rebuild: (seq: number, time: number, values: readonly unknown[], offset: number) => SimEvent;
}

/** A layout's compiled functions. */
type CompiledLayout = Pick<EventLayout, 'build' | 'copyValues' | 'rebuild'>;

/**
 * Compiled functions by layout (type and keys), shared by every registry in the process: they are pure, so sharing
 * them changes nothing but cost (each layout compiled once per process, not once per log), and two logs of the same
 * events stay deep-equal, functions included.
 */
const COMPILED = new Map<string, CompiledLayout>();

/** Layouts one registry may number: the event store keeps a layout id per event in a Uint16Array. */
const MAX_LAYOUTS = 0x10000;

/**
 * The layouts seen so far, each compiled once: {@link EventLayouts.of} finds a body's layout by walking the body's keys
 * against the type's latest layout (no key list is built per event) and compiles a new one for a key order not seen.
 */
export class EventLayouts {
  private readonly layouts: EventLayout[] = [];
  // The layouts seen per type, the most recently used first: a type's events nearly always share one.
  private readonly byType = new Map<string, EventLayout[]>();

  /** How many layouts the registry holds. */
  get size(): number {
    return this.layouts.length;
  }

  /** The layout numbered `id` (0 ≤ id < size). */
  byId(id: number): EventLayout {
    return this.layouts[id]!;
  }

  /** The layout of `body`: its type and its payload's keys in the body's order (compiled on first sight). */
  of(body: EventBody): EventLayout {
    const seen = this.byType.get(body.type);
    if (seen !== undefined && hasPayloadKeys(body, seen[0]!.keys)) return seen[0]!;
    const keys = payloadKeysOf(body);
    const known = seen?.findIndex((layout) => sameKeys(layout.keys, keys)) ?? -1;
    if (seen !== undefined && known >= 0) {
      const layout = seen[known]!;
      seen.copyWithin(1, 0, known)[0] = layout;
      return layout;
    }
    if (this.layouts.length === MAX_LAYOUTS) throw new Error(`the event log holds more event layouts than it can number (${MAX_LAYOUTS})`);
    const layout: EventLayout = { id: this.layouts.length, type: body.type, keys, ...compiledLayout(body.type, keys) };
    this.layouts.push(layout);
    if (seen === undefined) this.byType.set(body.type, [layout]);
    else seen.unshift(layout);
    return layout;
  }
}

/** True when the body's keys other than `type` are exactly `keys`, in that order. */
function hasPayloadKeys(body: EventBody, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in body) {
    if (key === 'type') continue;
    if (keys[count] !== key) return false;
    count++;
  }
  return count === keys.length;
}

function payloadKeysOf(body: EventBody): string[] {
  const keys: string[] = [];
  for (const key in body) if (key !== 'type') keys.push(key);
  return keys;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, k) => key === b[k]);
}

/** The compiled functions of a layout, compiled on first use in the process. */
function compiledLayout(type: EventType, keys: readonly string[]): CompiledLayout {
  const signature = JSON.stringify([type, keys]);
  let compiled = COMPILED.get(signature);
  if (compiled === undefined) {
    compiled = compileLayout(type, keys);
    COMPILED.set(signature, compiled);
  }
  return compiled;
}

/**
 * Compiles a layout's three functions from its keys (generated code: the keys are known only at run time, and they come
 * from the engine's own event bodies, the catalogue's payload fields). The two builders are object literals; the copier
 * is one assignment per key, each key a JSON string literal in its source as in the literals'.
 */
function compileLayout(type: EventType, keys: readonly string[]): CompiledLayout {
  // The type is bound as a constant (the same string for every event of the layout), not read from each body.
  const envelope: LiteralEntry[] = [{ key: 'seq', value: 'seq' }, { key: 'time', value: 'time' }, { key: 'type', value: 'type' }];
  const quoted = keys.map((key) => JSON.stringify(key));
  const fromBody = keys.map((key, k) => ({ key, value: `body[${quoted[k]}]` }));
  const fromValues = keys.map((key, k) => ({ key, value: `values[offset + ${k}]` }));
  const copies = quoted.map((key, k) => `values[offset + ${k}] = body[${key}];`);
  return {
    build: compileLiteralBuilder(['seq', 'time', 'body'], [...envelope, ...fromBody], { type }),
    copyValues: new Function('body', 'values', 'offset', copies.join(' ')) as CompiledLayout['copyValues'],
    rebuild: compileLiteralBuilder(['seq', 'time', 'values', 'offset'], [...envelope, ...fromValues], { type }),
  };
}
