import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { vmKey } from '../../src/scenario/object-reference.js';
import { PairNames, SecondNames } from '../../src/scenario/pair-names.js';

/** Name parts from a small alphabet with `/`, so distinct pairs often join to the same name. */
const part = fc.string({ unit: fc.constantFrom('a', 'b', '/'), minLength: 1, maxLength: 3 });

describe('PairNames', () => {
  test.prop([fc.array(fc.tuple(part, part), { maxLength: 12 }), fc.array(fc.tuple(part, part), { maxLength: 12 })], { numRuns: 300 })(
    'answers has, size and listing as a Set of the joined names does',
    (added, asked) => {
      const pairs = new PairNames(vmKey);
      const joined = new Set<string>();
      for (const [first, second] of added) {
        pairs.add(first, second);
        joined.add(vmKey(first, second));
      }
      for (const [first, second] of [...added, ...asked]) expect(pairs.has(first, second)).toBe(joined.has(vmKey(first, second)));
      expect(pairs.size).toBe(joined.size);
      expect([...pairs]).toEqual([...joined]);
    },
  );

  test.prop([fc.array(fc.tuple(part, part), { maxLength: 12 }), fc.array(part, { maxLength: 40 })], { numRuns: 300 })(
    'answers for the bare second parts as a Set of them does, before and after building it',
    (added, asked) => {
      const pairs = new PairNames(vmKey);
      const bare = new SecondNames(pairs);
      const seconds = new Set<string>();
      for (const [first, second] of added) {
        pairs.add(first, second);
        seconds.add(second);
      }
      // more lookups than it answers by scanning, so both ways are compared
      for (const name of [...asked, ...added.map(([, second]) => second)]) expect(bare.has(name)).toBe(seconds.has(name));
      expect(bare.size).toBe(seconds.size);
      expect([...bare]).toEqual([...seconds]);
    },
  );
});
