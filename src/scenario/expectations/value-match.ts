import { z } from 'zod';

/**
 * How an expectation compares one observed value: equal to a value, `{ not: value }`, or `{ oneOf: [value, …] }`.
 * Every state expectation's compared fields take this form, so "the connection is not Connected" and "the public
 * port is not 3389" are written the same way in every kind.
 */
export type ValueMatch<T> = T | { not: T } | { oneOf: T[] };

/** The YAML form of a compared value whose plain form `value` validates: the value, `{not: …}` or `{oneOf: […]}`. */
export function matchOf<S extends z.ZodType>(value: S) {
  // Two mappings with one required key each: a mapping that fits neither fails both on a missing key, so the loader
  // judges it by the keys it has (`nto` → did you mean "not"?) instead of taking one branch's word for it.
  return z.union(
    [value, z.strictObject({ not: value }), z.strictObject({ oneOf: z.array(value).min(2, { error: 'oneOf lists at least two values' }) })],
    { error: 'write a value, { not: VALUE } or { oneOf: [VALUE, VALUE, …] }' },
  );
}

/** How two values compare: by a key in words, so lists and records compare by content. */
export type ValueKey<T> = (value: T) => string;

/** Whether `actual` satisfies the match; values compare by `keyOf` (their text by default). */
export function matchesValue<T>(match: ValueMatch<T>, actual: T, keyOf: ValueKey<T> = String): boolean {
  const wanted = keyOf(actual);
  if (isNot(match)) return keyOf(match.not) !== wanted;
  if (isOneOf(match)) return match.oneOf.some((value) => keyOf(value) === wanted);
  return keyOf(match) === wanted;
}

/** The match in words for a verdict: `ReadyRole`, `not Connected`, `one of Provisioning, Provisioned`. */
export function describeMatch<T>(match: ValueMatch<T>, show: ValueKey<T> = String): string {
  if (isNot(match)) return `not ${show(match.not)}`;
  if (isOneOf(match)) return `one of ${match.oneOf.map(show).join(', ')}`;
  return show(match);
}

/** Applies `convert` to every value the match names (e.g. to resolve `vip:web` into an address). */
export function mapMatch<T, U>(match: ValueMatch<T>, convert: (value: T) => U): ValueMatch<U> {
  if (isNot(match)) return { not: convert(match.not) };
  if (isOneOf(match)) return { oneOf: match.oneOf.map(convert) };
  return convert(match);
}

/** Every value the match names, e.g. to check each one's name when the scenario loads. */
export function valuesOfMatch<T>(match: ValueMatch<T>): T[] {
  if (isNot(match)) return [match.not];
  if (isOneOf(match)) return match.oneOf;
  return [match];
}

/** The YAML path of each value the match names, relative to the matched field (`[]`, `['not']`, `['oneOf', 1]`). */
export function pathsOfMatch<T>(match: ValueMatch<T>): { value: T; path: (string | number)[] }[] {
  if (isNot(match)) return [{ value: match.not, path: ['not'] }];
  if (isOneOf(match)) return match.oneOf.map((value, i) => ({ value, path: ['oneOf', i] }));
  return [{ value: match, path: [] }];
}

function isNot<T>(match: ValueMatch<T>): match is { not: T } {
  return isRecord(match) && Object.keys(match).length === 1 && 'not' in match;
}

function isOneOf<T>(match: ValueMatch<T>): match is { oneOf: T[] } {
  return isRecord(match) && Object.keys(match).length === 1 && 'oneOf' in match && Array.isArray(match.oneOf);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
