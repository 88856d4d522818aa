import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateWithLists } from '../../src/input/list-validation.js';
import { scenarioSchema } from '../../src/scenario/scenario-schema.js';

// The entry-by-entry path must answer exactly as zod does, or leave the answer to zod: the oracle is zod itself.

const KEYS = ['service', 'name', 'image', 'disk', 'size', 'vnet', 'subnet', 'staticIp', 'adminUser', 'password', 'endpoints', 'sevice', 'constructor'];
const VALUES: unknown[] = [
  'web', 'web1', 'img', 'VNet1', 'Subnet-1', 'Small', 'Huge', '10.0.0.4', '10.0.0.400', '', 0, 7, -0, 1.5, true, false, null,
  [], [{ name: 'rdp', protocol: 'tcp', privatePort: 3389 }], [{ name: 'rdp', protocol: 'tcp', privatePort: 0 }], { a: 1 },
];

/** A VM entry: mostly valid (service and name first, as estates write them), sometimes with any key in any order. */
const entry = fc.oneof(
  fc.record({ service: fc.constantFrom('svc0', 'svc1'), name: fc.constantFrom('vm0', 'vm1', 'vm2'), image: fc.constant('img') }),
  fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 6 }).chain((keys) =>
    fc.tuple(...keys.map(() => fc.constantFrom(...VALUES))).map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]]))),
  ),
  fc.constantFrom<unknown>(5, 'vm', null, []),
);

/** The scenario document around the list, with or without a mistake elsewhere. */
const document = fc.record({
  entries: fc.array(entry, { maxLength: 8 }),
  seed: fc.constantFrom<unknown>(1, -1),
});

const asDocument = ({ entries, seed }: { entries: unknown[]; seed: unknown }) => ({ name: 'n', seed, era: 2014, compute: { vms: entries } });

describe('validating a long list entry by entry', () => {
  test.prop([document], { numRuns: 500 })('answers as zod does, key order included, or leaves the answer to zod', (input) => {
    const data = asDocument(input);
    const expected = scenarioSchema.safeParse(data);
    const fast = validateWithLists(scenarioSchema, data, [['compute', 'vms']]);
    if (!expected.success) {
      expect(fast).toBeUndefined();
      return;
    }
    // zod accepted it: every entry is valid, so the fast path answers too, with zod's output
    expect(fast).toBeDefined();
    expect(JSON.stringify(fast?.data)).toBe(JSON.stringify(expected.data));
    expect(fast?.data).toEqual(expected.data);
  });

  it('answers a list written in the shape order with the entries themselves, and reorders others as zod does', () => {
    const inOrder = { service: 'svc', name: 'vm', image: 'img' };
    const reordered = { name: 'vm', service: 'svc', image: 'img' };
    const fast = validateWithLists(scenarioSchema, { name: 'n', seed: 1, era: 2014, compute: { vms: [inOrder, reordered] } }, [['compute', 'vms']]);
    const vms = (fast?.data as { compute: { vms: object[] } }).compute.vms;
    expect(vms[0]).toBe(inOrder);
    expect(Object.keys(vms[1]!)).toEqual(['service', 'name', 'image']);
  });

  it('leaves a list to zod when its schema has checks of its own or fills in defaults', () => {
    const bounded = z.strictObject({ items: z.array(z.strictObject({ a: z.string() })).max(1) });
    expect(validateWithLists(bounded, { items: [{ a: 'x' }, { a: 'y' }] }, [['items']])).toBeUndefined();
    const defaulted = z.strictObject({ items: z.array(z.strictObject({ a: z.string().default('d') })) });
    expect(validateWithLists(defaulted, { items: [{}] }, [['items']])).toBeUndefined();
    expect(defaulted.safeParse({ items: [{}] }).data).toEqual({ items: [{ a: 'd' }] });
  });
});
