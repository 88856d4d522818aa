import { fc } from '@fast-check/vitest';
import type { z } from 'zod';
import { EVENT_SCHEMAS, type EventBody, type EventType } from '../../src/sim/index.js';

/*
 * Random event bodies drawn from the catalogue itself: each type's zod schema is turned into a fast-check arbitrary
 * (the kinds the catalogue uses: objects, strings, enums, literals, numbers, booleans, arrays, optional, nullable,
 * unions). Strings come from a small pool, so bodies share values the way a real log does; payload keys are sometimes
 * shuffled, so a type shows several key orders (layouts) in one log.
 */

const WORDS = ['web', 'web1', 'VNet1', 'Site1', '10.0.0.4', 'Subnet-1', 'Provisioned', '', 'é ✓', '"quoted"\n'];

/** A value the schema accepts (not every one: refinements are not modelled, which a store never looks at). */
function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'string':
      return fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'array':
      return fc.array(arbitraryOf(def['element'] as z.ZodType), { maxLength: 3 });
    case 'nullable':
      return fc.option(arbitraryOf(def['innerType'] as z.ZodType), { nil: null });
    case 'optional':
      return arbitraryOf(def['innerType'] as z.ZodType);
    case 'union':
      return fc.oneof(...(def['options'] as z.ZodType[]).map(arbitraryOf));
    case 'object':
      return payloadOf(def['shape'] as Record<string, z.ZodType>);
    default:
      throw new Error(`the event arbitrary does not model zod's ${def.type}`);
  }
}

/** An object of the shape's fields; optional ones are sometimes absent (exactOptional: absent, never undefined). */
function payloadOf(shape: Record<string, z.ZodType>): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, arbitraryOf(field)]));
  const requiredKeys = Object.entries(shape).filter(([, field]) => field._zod.def.type !== 'optional').map(([key]) => key);
  return fc.record(model, { requiredKeys });
}

const TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

/** An event body of any catalogue type: `type` first, then its payload, in declaration order or shuffled. */
export const eventBodyArb: fc.Arbitrary<EventBody> = fc.constantFrom(...TYPES).chain((type) =>
  fc.tuple(arbitraryOf(EVENT_SCHEMAS[type] as z.ZodType) as fc.Arbitrary<Record<string, unknown>>, fc.boolean(), fc.integer()).map(([payload, shuffles, salt]) => {
    const keys = Object.keys(payload);
    if (shuffles) keys.sort((a, b) => hashOf(a, salt) - hashOf(b, salt));
    const body: Record<string, unknown> = { type };
    for (const key of keys) body[key] = payload[key];
    return body as EventBody;
  }),
);

/** A log's worth of bodies, each with how long after the one before it happened (times never go back). */
export const timedBodiesArb = fc.array(fc.tuple(fc.constantFrom(0, 0, 1, 1_000, 3_600_000), eventBodyArb), { maxLength: 60 });

function hashOf(key: string, salt: number): number {
  let hash = salt | 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16_777_619);
  return hash;
}
