import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/common/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { listAllowedKeys } from '../../src/input/schema-keys.js';

const schema = z.strictObject({
  name: z.string(),
  items: z.array(z.strictObject({ id: z.number(), tags: z.array(z.string()).optional() })).optional(),
  either: z.union([z.strictObject({ x: z.number() }), z.strictObject({ y: z.number() })]),
  piped: z.strictObject({ p: z.string() }).transform((v) => v.p),
  later: z.lazy(() => z.strictObject({ m: z.string() })),
  withDefault: z.strictObject({ k: z.string() }).default({ k: 'x' }),
});

describe('listAllowedKeys', () => {
  it.each([
    ['the root', [], ['name', 'items', 'either', 'piped', 'later', 'withDefault']],
    ['a list item', ['items', 3], ['id', 'tags']],
    ['every option of a union', ['either'], ['x', 'y']],
    ['through a transform', ['piped'], ['p']],
    ['through a lazy schema', ['later'], ['m']],
    ['through a default', ['withDefault'], ['k']],
    ['nothing below a scalar', ['name'], []],
    ['nothing on a path the schema does not have', ['nope', 0], []],
  ])('lists the keys of %s', (_where, path, keys) => {
    expect(listAllowedKeys(schema, path)).toEqual(keys);
  });
});

describe('an unknown key in a scenario', () => {
  it('is reported at the key with the keys allowed there, so a misspelling is fixed at a glance', () => {
    const text = 'name: t\nseed: 1\nera: 2014\ntimeline:\n  - at: 1m\n    deleteVm: { service: s, name: v, deleteVHD: true }\n';
    try {
      parseScenario(text, 'typo.yaml');
      expect.unreachable('a misspelt key was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).diagnostics).toContainEqual(expect.objectContaining({
        rule: 'unknown-key', line: 6, column: 38,
        message: 'timeline.0.deleteVm.deleteVHD: unknown key "deleteVHD"; did you mean "deleteVhd"? (keys allowed here: service, name, deleteVhd)',
      }));
    }
  });
});
