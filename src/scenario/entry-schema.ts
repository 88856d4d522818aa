import { DURATION_PATTERN, isWithinTimeLimit, MAX_DURATION_TEXT } from '../input/index.js';
import { z } from 'zod';

/**
 * A scenario time or duration in YAML: `90s`, `15m`, `2h`, `1d`, `1h30m` (a bare number has no unit and is refused),
 * at most 400 days (src/common/limits.ts), so no time in a file can make a run loop for ever.
 */
export const durationSchema = z
  .string({ error: 'a duration needs a unit: write 0s, 90s, 15m, 2h, 1d or 1h30m' })
  .regex(DURATION_PATTERN, { error: 'not a duration: write 0s, 90s, 15m, 2h, 1d or 1h30m (units d, h, m, s in that order)' })
  .refine(isWithinTimeLimit, { error: `too long: simulated time ends at ${MAX_DURATION_TEXT}; write ${MAX_DURATION_TEXT} or less` });

/**
 * A timed list entry with exactly one action key: `{ at: 20m, stopVm: {…} }` or `{ at: 15m, vmState: {…} }`.
 * Every action key is an optional property so editors complete them from the JSON Schema; the refinement then
 * insists on exactly one, pointing at the entry when there is none or more than one.
 */
export function timedEntrySchema<Shape extends Record<string, z.ZodType>>(actions: Shape, what: string) {
  const optionalActions = Object.fromEntries(
    Object.entries(actions).map(([key, schema]) => [key, schema.optional()]),
  ) as { [K in keyof Shape]: z.ZodOptional<Shape[K]> };
  const names = Object.keys(actions);
  return z
    .strictObject({ at: durationSchema, note: z.string().optional(), ...optionalActions })
    .superRefine((entry, context) => {
      const fields = new Map(Object.entries(entry));
      const present = names.filter((key) => fields.get(key) !== undefined);
      if (present.length === 0) {
        context.addIssue({
          code: 'custom',
          message: `an entry needs one ${what} next to "at": one of ${names.join(', ')}`,
        });
      } else if (present.length > 1) {
        context.addIssue({
          code: 'custom',
          message: `one ${what} per entry, this one has ${present.join(' and ')}: give each its own "- at:" entry`,
        });
      }
    });
}

/** The single action of a validated timed entry: its key and its parameters (the refinement guarantees one). */
export function actionOf(entry: object, names: readonly string[]): { key: string; parameters: unknown } | undefined {
  const fields = new Map(Object.entries(entry));
  const key = names.find((name) => fields.get(name) !== undefined);
  return key === undefined ? undefined : { key, parameters: fields.get(key) };
}
