import { z } from 'zod';
import type { YamlPath } from './yaml-source.js';

/*
 * A large estate writes one list of many entries of the same shape (204,800 VMs of 7 fields): zod validates each
 * field of each entry and copies each entry into a new object, a third of the load. Such a list can be validated
 * entry by entry against the same zod schema at a fraction of that: each distinct field value is checked once by its
 * field's own zod schema (the verdicts of the last few thousand are remembered), the keys are checked against the
 * zod object's shape, and an entry whose keys come in the shape's order and whose values zod would keep as they are
 * is its own output (zod's copy would be equal to it). Only when every entry passes does this path answer; anything
 * else (a wrong value, an unknown or missing key) is left to zod, so every diagnostic still comes from one place.
 */

/** Verdicts remembered per field: enough for the names an estate repeats (services, images, VNets, subnets …). */
const REMEMBERED_VALUES = 4096;

/** A strict zod object whose entries can be validated field by field, with what that needs. */
export interface EntryShape {
  keys: readonly string[];
  indexOfKey: ReadonlyMap<string, number>;
  fields: readonly z.ZodType[];
  required: readonly boolean[];
  requiredCount: number;
  /** Per field, the outputs of primitive values zod accepted lately. */
  verdicts: Array<Map<unknown, unknown>>;
  /** Per field, the least length of a text its schema surely accepts as it is; undefined when zod must be asked. */
  textMinimums: ReadonlyArray<number | undefined>;
  /**
   * Per field, the last value accepted and its output: entries come grouped (the VMs of a service, of a VNet), and
   * the reader hands out one string for a repeated value, so most fields repeat the entry before's by identity.
   */
  lastValues: unknown[];
  lastOutputs: unknown[];
  /** The key sequence of the entry validated last. */
  layout: KeyLayout | undefined;
  /** The outputs of the entry being validated, by field (entries are validated one at a time). */
  outputs: unknown[];
}

const shapes = new WeakMap<z.ZodType, EntryShape | null>();

/**
 * Validates `data` with `schema`, the lists at `lists` (paths into the data) entry by entry as above; undefined when
 * anything does not pass (or a list's schema does not allow it), so that the caller asks zod for its issues.
 */
export function validateWithLists(schema: z.ZodType, data: unknown, lists: readonly YamlPath[]): { data: unknown } | undefined {
  let rest = data;
  const validated: Array<{ path: YamlPath; entries: unknown[] }> = [];
  for (const path of lists) {
    const value = valueAt(data, path);
    if (!Array.isArray(value)) continue;
    const shape = entryShapeAt(schema, path);
    if (shape === undefined) return undefined;
    const entries = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const entry = validateEntry(shape, value[i]);
      if (entry === undefined) return undefined;
      entries[i] = entry;
    }
    // zod validates the rest with an empty list there (the list's schema has no checks of its own)
    rest = withValueAt(rest, path, []);
    validated.push({ path, entries });
  }
  const result = schema.safeParse(rest);
  if (!result.success) return undefined;
  for (const { path, entries } of validated) {
    const parent = valueAt(result.data, path.slice(0, -1)) as Record<PropertyKey, unknown>;
    parent[path[path.length - 1]!] = entries;
  }
  return { data: result.data };
}

/**
 * The entry shape of the list `path` leads to in `schema`: objects and optionals down to an array without checks of
 * strict objects whose fields are required or plainly optional (a default would fill in absent keys); undefined
 * when the schema is anything else, or an object on the way has checks of its own (they might read the list).
 */
function entryShapeAt(schema: z.ZodType, path: YamlPath): EntryShape | undefined {
  let current: z.ZodType = schema;
  for (const key of path) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    if (!(current instanceof z.ZodObject) || hasChecks(current) || typeof key !== 'string') return undefined;
    const next = (current.shape as Record<string, z.ZodType | undefined>)[key];
    if (next === undefined) return undefined;
    current = next;
  }
  if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  if (!(current instanceof z.ZodArray) || hasChecks(current)) return undefined;
  return entryShapeOf(current.element as z.ZodType) ?? undefined;
}

/** The shape of a list's entries for validation field by field, or null when zod must validate them whole. */
export function entryShapeOf(element: z.ZodType): EntryShape | null {
  const known = shapes.get(element);
  if (known !== undefined) return known;
  let shape: EntryShape | null = null;
  const strict = element instanceof z.ZodObject && element.def.catchall instanceof z.ZodNever;
  if (strict && !hasChecks(element)) {
    const keys = Object.keys(element.shape);
    const fields = keys.map((key) => (element.shape as Record<string, z.ZodType>)[key]!);
    const required = fields.map((field) => field._zod.optin === undefined && field._zod.optout === undefined);
    const plainlyOptional = fields.map((field) => field._zod.optin === 'optional' && field._zod.optout === 'optional');
    if (required.every((isRequired, i) => isRequired || plainlyOptional[i])) {
      shape = {
        keys,
        indexOfKey: new Map(keys.map((key, i) => [key, i])),
        fields,
        required,
        requiredCount: required.filter(Boolean).length,
        verdicts: keys.map(() => new Map()),
        textMinimums: fields.map(plainTextMinimum),
        layout: undefined,
        outputs: new Array<unknown>(keys.length),
        lastValues: new Array<unknown>(keys.length),
        lastOutputs: new Array<unknown>(keys.length),
      };
    }
  }
  shapes.set(element, shape);
  return shape;
}

/**
 * For a field that is plain text (`z.string()`, optionally with `.min(n)`, optionally `.optional()`), the least
 * length zod accepts; such a field keeps an accepted text as it is. Names are unique per VM, so their verdicts are
 * never remembered: this answers them without a zod parse each. Undefined for any other schema.
 */
function plainTextMinimum(field: z.ZodType): number | undefined {
  const text = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  if (text.constructor !== z.ZodString || (text.def as { coerce?: boolean }).coerce === true) return undefined;
  let minimum = 0;
  for (const check of text.def.checks ?? []) {
    const { def } = check._zod;
    if (def.check !== 'min_length') return undefined;
    minimum = Math.max(minimum, (def as z.core.$ZodCheckMinLengthDef).minimum);
  }
  return minimum;
}

function hasChecks(schema: z.ZodType): boolean {
  return (schema.def.checks?.length ?? 0) > 0;
}

/**
 * The keys of an entry, in written order, with what the shape makes of them: checked once per distinct key sequence
 * (the entries of a list mostly repeat the one before's), not once per entry.
 */
interface KeyLayout {
  keys: readonly string[];
  /** Each key's field in the shape; -1 for a key the shape does not have. */
  fields: readonly number[];
  /** Whether zod would accept the keys: all known, every required one present. */
  accepted: boolean;
  /** Whether the keys come in the shape's order (then zod's output has the entry's own key order). */
  inShapeOrder: boolean;
}

function layoutOf(shape: EntryShape, keys: readonly string[]): KeyLayout {
  const fields = keys.map((key) => shape.indexOfKey.get(key) ?? -1);
  const required = fields.filter((field) => field >= 0 && shape.required[field]).length;
  return {
    keys,
    fields,
    accepted: fields.every((field) => field >= 0) && required === shape.requiredCount,
    inShapeOrder: fields.every((field, i) => i === 0 || field > fields[i - 1]!),
  };
}

/** The entry as zod would output it, or undefined if zod would find anything wrong with it. */
function validateEntry(shape: EntryShape, entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const input = entry as Record<string, unknown>;
  let layout = shape.layout;
  let count = 0;
  for (const key in input) {
    if (layout !== undefined && layout.keys[count] !== key) layout = undefined;
    count++;
  }
  if (layout === undefined || layout.keys.length !== count) {
    // the keys as zod's strict check sees them (for…in)
    const keys: string[] = [];
    for (const key in input) keys.push(key);
    layout = layoutOf(shape, keys);
    shape.layout = layout;
  }
  if (!layout.accepted) return undefined;
  let sameAsInput = layout.inShapeOrder;
  for (let i = 0; i < count; i++) {
    const field = layout.fields[i]!;
    const value = input[layout.keys[i]!];
    const output = validateField(shape, field, value);
    if (output === INVALID) return undefined;
    if (output !== value) sameAsInput = false;
    shape.outputs[field] = output;
  }
  if (sameAsInput) return input;
  // zod's output: the present keys in the shape's order, each with its field's output
  const output: Record<string, unknown> = {};
  shape.keys.forEach((key, field) => {
    if (key in input) output[key] = shape.outputs[field];
  });
  return output;
}

/** Marks a value its field's schema refused. */
const INVALID = Symbol('invalid');

/**
 * Whether zod accepts `value` for the shape's field `index` and keeps it as it is: a loader that takes a list's values
 * straight from the text builds from them only then (and leaves the list to zod otherwise).
 */
export function acceptsAsIs(shape: EntryShape, index: number, value: unknown): boolean {
  return validateField(shape, index, value) === value;
}

function validateField(shape: EntryShape, index: number, value: unknown): unknown {
  // undefined is never data read from YAML; zod's handling of a present undefined is left to zod
  if (value === undefined) return INVALID;
  if (Object.is(value, shape.lastValues[index])) return shape.lastOutputs[index];
  const textMinimum = shape.textMinimums[index];
  if (textMinimum !== undefined && typeof value === 'string' && value.length >= textMinimum) return value;
  // remembered by value (a Map tells -0 from 0 no more than ===, zod's output does)
  const primitive = (typeof value !== 'object' || value === null) && !Object.is(value, -0);
  const verdicts = shape.verdicts[index]!;
  let output = primitive ? verdicts.get(value) : undefined;
  if (output === undefined) {
    const result = shape.fields[index]!.safeParse(value);
    if (!result.success) return INVALID;
    output = result.data;
    if (!primitive) return output;
    if (verdicts.size >= REMEMBERED_VALUES) verdicts.clear();
    verdicts.set(value, output);
  }
  shape.lastValues[index] = value;
  shape.lastOutputs[index] = output;
  return output;
}

/** The value at `path` in plain data, or undefined where the path leaves it. */
export function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A copy of `data` with `value` at `path`: only the objects along the path are copied (the rest is shared). */
function withValueAt(data: unknown, path: YamlPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...below] = path;
  const object = data as Record<PropertyKey, unknown>;
  return { ...object, [key!]: withValueAt(object[key!], below, value) };
}
