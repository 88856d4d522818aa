import { z } from 'zod';
import { EVENT_SCHEMAS, isEventType, type EventType, type SimEvent } from '../../sim/index.js';
import { findNearNames } from '../../topology/index.js';
import type { ObjectReference } from '../object-reference.js';
import { explainUnionIssue } from '../../input/index.js';
import { describeMatch, matchOf, matchesValue, type ValueMatch } from './value-match.js';

/*
 * Which events an expectation about the log counts: a type of the catalogue (src/sim/events.ts), optionally the
 * object the event is about, and optionally a match on its fields. Everything is checked against the catalogue's
 * zod schemas when the scenario loads, so a misspelt type or field is an input error at its line, never a count of 0.
 */

const EVENT_TYPES = Object.keys(EVENT_SCHEMAS).sort();

/** The shape (field name → schema) of each event type's payload. */
function shapeOf(type: EventType): Record<string, z.ZodType> {
  const schema: z.ZodObject = EVENT_SCHEMAS[type];
  return schema.shape;
}

/** An event type of the catalogue; a misspelt one is refused with the nearest types. */
export const eventTypeSchema = z
  .string()
  .min(1)
  .superRefine((type, context) => {
    if (isEventType(type)) return;
    const near = findNearNames(type, EVENT_TYPES);
    const hint = near.length > 0 ? `did you mean ${near.join(' or ')}?` : `the types are: ${EVENT_TYPES.join(', ')}`;
    context.addIssue({ code: 'custom', message: `'${type}' is not an event type of the catalogue; ${hint}` });
  })
  .meta({ enum: EVENT_TYPES });

/**
 * How an event names the object it is about, by the fields its payload has, most specific first: a disk event names
 * its disk (a lease names the VM too, but it is the disk's story), a VM event `service/vm`, a tunnel event `vnet/site`.
 */
const SUBJECT_RULES: readonly { fields: readonly string[]; kinds: readonly ObjectReference['kind'][] }[] = [
  { fields: ['disk'], kinds: ['disk'] },
  { fields: ['service', 'vm'], kinds: ['vm'] },
  { fields: ['service'], kinds: ['service'] },
  { fields: ['vnet', 'site'], kinds: ['vnet', 'site'] },
  { fields: ['vnet'], kinds: ['vnet'] },
  { fields: ['site'], kinds: ['site'] },
  { fields: ['image'], kinds: ['image'] },
  { fields: ['affinityGroup'], kinds: ['affinityGroup'] },
];

function subjectRuleOf(type: EventType) {
  const shape = shapeOf(type);
  return SUBJECT_RULES.find((rule) => rule.fields.every((field) => field in shape));
}

/** The parameters every query of the log has. */
export const eventQueryFields = {
  type: eventTypeSchema,
  subject: z.string().min(1).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
};

/** A validated query. */
export interface EventQuery {
  type: string;
  subject?: string | undefined;
  fields?: Record<string, unknown> | undefined;
}

/**
 * Checks a query against the catalogue: the subject has the form the type names its object in, and every field is a
 * field of that type with a value (or `{ not | oneOf }`) its schema accepts. Issues point at the offending key.
 */
export function refineEventQuery(query: EventQuery, context: z.core.$RefinementCtx): void {
  if (!isEventType(query.type)) return;
  const rule = subjectRuleOf(query.type);
  const shape = shapeOf(query.type);
  const fieldNames = Object.keys(shape);
  if (query.subject !== undefined && rule === undefined) {
    context.addIssue({ code: 'custom', path: ['subject'], message: `${query.type} events name no object; match a field instead (fields: ${fieldNames.join(', ')})` });
  } else if (query.subject !== undefined && rule !== undefined && query.subject.split('/').length !== rule.fields.length) {
    context.addIssue({ code: 'custom', path: ['subject'], message: `${query.type} events are about a ${rule.fields.join('/')}: write the subject as ${rule.fields.map((f) => f.toUpperCase()).join('/')}` });
  }
  for (const [field, value] of Object.entries(query.fields ?? {})) {
    const schema = shape[field];
    if (schema === undefined) {
      const near = findNearNames(field, fieldNames);
      const hint = near.length > 0 ? `did you mean ${near.join(' or ')}? ` : '';
      context.addIssue({ code: 'custom', path: ['fields', field], message: `"${field}" is not a field of ${query.type} events; ${hint}(fields: ${fieldNames.join(', ')})` });
      continue;
    }
    const parsed = matchOf(presentValueOf(schema)).safeParse(value);
    for (const issue of parsed.success ? [] : parsed.error.issues.flatMap((issue) => explainIssue(issue, value))) {
      // The field's own issue, moved under `fields.FIELD`, keeps its code so the loader words it like any other.
      context.addIssue({ ...issue, path: ['fields', field, ...issue.path] } as unknown as Parameters<typeof context.addIssue>[0]);
    }
  }
}

/** An issue of a field's value as the loader reports it: a union's issue replaced by the alternative meant. */
function explainIssue(issue: z.core.$ZodIssue, value: unknown): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const explained = explainUnionIssue(issue, valueAt(value, issue.path));
  return explained.length === 1 && explained[0] === issue ? [issue] : explained.flatMap((inner) => explainIssue(inner, value));
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) current = current !== null && typeof current === 'object' ? new Map(Object.entries(current)).get(String(key)) : undefined;
  return current;
}

/** Checks that `field` is a field of the query's type, for parameters that name one (`distinct`). */
export function refineEventField(query: EventQuery, field: string | undefined, key: string, context: z.core.$RefinementCtx): void {
  if (field === undefined || !isEventType(query.type) || field in shapeOf(query.type)) return;
  const fieldNames = Object.keys(shapeOf(query.type));
  const near = findNearNames(field, fieldNames);
  context.addIssue({ code: 'custom', path: [key], message: `"${field}" is not a field of ${query.type} events; ${near.length > 0 ? `did you mean ${near.join(' or ')}? ` : ''}(fields: ${fieldNames.join(', ')})` });
}

/** The objects a query's subject names, for the check before the run. */
export function referencesOfQuery(query: EventQuery): ObjectReference[] {
  if (query.subject === undefined || !isEventType(query.type)) return [];
  const rule = subjectRuleOf(query.type);
  const names = query.subject.split('/');
  if (rule === undefined || names.length !== rule.fields.length) return [];
  const [first = '', second = ''] = names;
  if (rule.kinds[0] === 'vm') return [{ kind: 'vm', service: first, name: second, path: ['subject'] }];
  return rule.kinds.map((kind, i) => ({ kind, name: names[i] ?? '', path: ['subject'] })) as ObjectReference[];
}

/** Whether an event is one the query counts. */
export function matchesQuery(query: EventQuery, event: SimEvent): boolean {
  if (event.type !== query.type) return false;
  const payload = new Map<string, unknown>(Object.entries(event));
  if (query.subject !== undefined) {
    const rule = subjectRuleOf(event.type);
    if (rule === undefined || rule.fields.map((field) => String(payload.get(field))).join('/') !== query.subject) return false;
  }
  return Object.entries(query.fields ?? {}).every(([field, match]) => matchesValue(match as ValueMatch<unknown>, payload.get(field), keyOfValue));
}

/** The value of one field of an event, in the words a verdict uses. */
export function fieldOf(event: SimEvent, field: string): string {
  return keyOfValue(new Map<string, unknown>(Object.entries(event)).get(field));
}

/** `connection.ike CorpVNet/HQ {detail: IKE SA rekeyed}`. */
export function describeQuery(query: EventQuery): string {
  const fields = Object.entries(query.fields ?? {}).map(([field, match]) => `${field}: ${describeMatch(match as ValueMatch<unknown>, keyOfValue)}`);
  return `${query.type}${query.subject === undefined ? '' : ` ${query.subject}`}${fields.length === 0 ? '' : ` {${fields.join(', ')}}`}`;
}

/** A payload value as text, comparing lists and records by content (keys sorted); an absent field is `(absent)`. */
function keyOfValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** A payload field's schema for a value that is present (optional fields are matched on their value). */
function presentValueOf(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def;
  return def.type === 'optional' && 'innerType' in def ? presentValueOf(def.innerType as z.ZodType) : schema;
}
